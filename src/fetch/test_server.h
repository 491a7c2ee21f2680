// TestServer: a tiny HTTP/1.1 server on 127.0.0.1 and a free port, for the fetcher tests.
// Plain POSIX sockets and one thread per connection, so that a test controls every byte and
// every pause: a reply may stop halfway and hold the connection until the server is destroyed.
// Every response closes its connection. Test-only; not part of nz_fetch.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace nz::fetch::testing {

struct SeenRequest {
  std::string method;
  std::string target;                                        // "/feed.xml?x=1"
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased

  // First header of that (lower-case) name.
  std::optional<std::string> header(std::string_view name) const;
};

struct Reply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Length is added
  std::string body;
  // When set, only the head and the first `*stall_after` bytes of the body are sent; then the
  // connection is held open, silent, until the server is destroyed.
  std::optional<size_t> stall_after;

  static Reply redirect(int status, std::string location) {
    return {.status = status, .headers = {{"Location", std::move(location)}}};
  }
};

// Called on the connection's own thread: it must be thread-safe.
using ReplyHandler = std::function<Reply(const SeenRequest&)>;

class TestServer {
 public:
  explicit TestServer(ReplyHandler handler);  // listening when it returns; aborts if it cannot
  ~TestServer();  // releases held connections, stops accepting and joins every thread
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  uint16_t port() const { return port_; }
  // "http://127.0.0.1:PORT" + path.
  std::string url(std::string_view path) const;
  // Every request received so far, in arrival order.
  std::vector<SeenRequest> requests() const;

 private:
  void accept_loop();
  void serve(int fd);

  ReplyHandler handler_;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};  // a pipe: written once to end accept_loop
  uint16_t port_ = 0;
  std::thread acceptor_;

  mutable std::mutex mu_;
  std::condition_variable stopping_cv_;
  bool stopping_ = false;
  std::vector<std::thread> connections_;
  std::vector<SeenRequest> requests_;
};

// A TCP port on 127.0.0.1 that refuses connections: bound, never listening, for as long as
// the object lives (so no other test can take it meanwhile).
class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

// A TCP port on 127.0.0.1 where a connect hangs: it listens with a backlog of 0 that the
// object fills with connections of its own, so the kernel drops further SYNs unanswered.
class SilentPort {
 public:
  SilentPort();
  ~SilentPort();
  SilentPort(const SilentPort&) = delete;
  SilentPort& operator=(const SilentPort&) = delete;
  uint16_t port() const { return port_; }

 private:
  int listen_fd_ = -1;
  std::vector<int> fillers_;
  uint16_t port_ = 0;
};

}  // namespace nz::fetch::testing
