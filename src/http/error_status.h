// The one place where an ErrorCode becomes an HTTP status.
#pragma once

#include "core/result.h"

namespace nz::http {

// kInvalidInput 400, kNotFound 404, kConflict 409, kUnavailable 503, kCorrupt and kInternal 500.
int error_status(ErrorCode code);

}  // namespace nz::http
