// Result<T> and Status: a value or an Error, the way every fallible function in newszone
// reports failure. Our code throws nothing; library exceptions stop at the adapter that calls
// the library. The API is the std::expected subset we use.
#pragma once

#include <cstdlib>
#include <string>
#include <utility>
#include <variant>

namespace nz {

enum class ErrorCode {
  kInvalidInput,  // the caller's input is wrong: 400 on the web, exit 2 on the CLI
  kNotFound,      // no such thing: 404
  kConflict,      // it exists already or changed under us: 409
  kUnavailable,   // a dependency (disk, database, network) failed; retrying may help: 503
  kCorrupt,       // stored data is not what we wrote: 500, and an operator must look
  kInternal,      // our bug: 500
};

// Human name of an error code, e.g. "not found".
const char* to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;

  static Error InvalidInput(std::string m) { return {ErrorCode::kInvalidInput, std::move(m)}; }
  static Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Error Conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
  static Error Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
  static Error Corrupt(std::string m) { return {ErrorCode::kCorrupt, std::move(m)}; }
  static Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }

  // "context: message", so that a message read at the top says where it failed.
  Error with_context(const std::string& context) const {
    return {code, context + ": " + message};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design, as std::expected
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { check(); return std::get<0>(v_); }
  const T& value() const& { check(); return std::get<0>(v_); }
  T&& value() && { check(); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    if (has_value()) std::abort();  // asking a success for its error is our bug
    return std::get<1>(v_);
  }

 private:
  void check() const {
    if (!has_value()) std::abort();  // reading the value of a failure is our bug
  }
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    if (ok_) std::abort();
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace nz
