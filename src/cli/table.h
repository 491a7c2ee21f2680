// Plain-text tables for list commands: columns padded to their widest cell.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace nz::cli {

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);

}  // namespace nz::cli
