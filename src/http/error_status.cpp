#include "http/error_status.h"

namespace nz::http {

int error_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kCorrupt: return 500;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

}  // namespace nz::http
