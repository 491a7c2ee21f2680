// Clock: where logic code gets the current time, so that tests can fix it.
// SystemClock reads the wall clock; testing::FakeClock is set by hand.
#pragma once

#include <chrono>

namespace nz::core {

using Timestamp = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp t) : t_(t) {}
  Timestamp now() const override { return t_; }
  void set(Timestamp t) { t_ = t; }
  void advance(std::chrono::seconds d) { t_ += d; }

 private:
  Timestamp t_;
};

}  // namespace nz::core
