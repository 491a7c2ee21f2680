// The gazetteer's data, embedded at build time by src/topics/CMakeLists.txt: iso-codes'
// iso_3166-1.json and data/topics/*.tsv. A deployed server needs no data files beside it.
#pragma once

#include "topics/gazetteer.h"

namespace nz::topics {

GazetteerData embedded_data();

}  // namespace nz::topics
