// Partner: an organization that supplies the articles of one or more partner zones.
#pragma once

#include <cstdint>
#include <string>

namespace nz::model {

using PartnerId = int64_t;

struct Partner {
  PartnerId id = 0;      // assigned by the store
  std::string slug;      // "peoples-daily-online"
  std::string name;      // "People's Daily Online", as shown in attributions
  std::string url;       // the partner's home page; may be empty
};

}  // namespace nz::model
