// Site: the host publication itself (one per installation).
#pragma once

#include <string>

namespace nz::model {

struct Site {
  std::string name = "newszone";                 // "Helsinki Times"
  std::string base_url = "http://127.0.0.1:8080";  // absolute, no trailing slash
  std::string language = "en";                   // BCP 47, the pages' lang attribute
  std::string tagline;                           // shown under the masthead; may be empty
};

}  // namespace nz::model
