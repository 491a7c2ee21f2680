// Server: HTTP/1.1 over Boost.Beast with keep-alive, bounded requests and graceful shutdown.
// It calls one Handler per request on a pool of worker threads; the handler must be
// thread-safe. Beast and Asio appear only in server.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "http/message.h"

namespace nz::http {

struct ServerConfig {
  std::string host = "127.0.0.1";  // address to listen on
  uint16_t port = 8080;            // 0 picks a free port (tests)
  int threads = 0;                 // worker threads; 0 means one per core
  size_t max_header_bytes = 16 * 1024;     // larger request heads get 431
  size_t max_body_bytes = 1024 * 1024;     // larger bodies get 413
  // Requests under api_prefix (partners pushing batches of articles) may be larger, and
  // their errors before any handler runs (400, 413, 431) are JSON, as the API's are.
  std::string api_prefix = "/api/";
  size_t max_api_body_bytes = 16 * 1024 * 1024;
  std::chrono::seconds read_timeout{10};   // to receive a whole request once it started
  std::chrono::seconds idle_timeout{30};   // a keep-alive connection with no request is closed
  std::chrono::seconds shutdown_grace{10}; // in-flight requests get this long at shutdown
  size_t max_connections = 10000;          // more are accepted and closed at once
  bool access_log = true;                  // one line per request on the "access" logger
  // A new connection goes to the worker numbered after the CPU that received it (modulo the
  // number of workers) unless that would put it further over the least loaded worker than a
  // quarter of the average per worker (at least 2 connections); and a busy connection whose client sends from another CPU later moves
  // to that CPU's worker between two requests (checked at most every 50 ms), under the same
  // limit. Off: each worker in turn, for good. One client's connections then share a worker,
  // which answers them all before the client runs again, instead of two workers and the
  // client each holding a core for a whole scheduler tick (docs/benchmarks.md, "Pages
  // (issue 6)").
  bool steer_by_cpu = true;
};

// The handler for every request. It may return any Response; for HEAD requests the server
// sends the headers of the GET response without its body.
using RequestHandler = std::function<Response(Request&)>;
// Called when a handler throws (it should not): returns the 500 page to send.
using ErrorPageHandler = std::function<Response(const Request&)>;

class Server {
 public:
  Server(ServerConfig config, RequestHandler handler, ErrorPageHandler on_error);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns the bound port (the chosen one when config.port is 0).
  // kUnavailable with "HOST:PORT: address already in use" and the like when it cannot.
  Result<uint16_t> listen();

  // Serves until stop() or, when handle_signals is true, SIGINT/SIGTERM; then stops accepting,
  // lets in-flight requests finish (up to shutdown_grace), closes idle connections and returns.
  void run(bool handle_signals);

  // Takes over SIGINT and SIGTERM now (run(true) does it too, later): a signal that arrives
  // before run() is held and then stops the server gracefully, instead of killing the process.
  // Call it before telling anyone the server is ready.
  void install_signal_handlers();

  // Begins a graceful stop; safe from any thread and from a signal-handling context of asio.
  void stop();

 private:
  class State;
  std::unique_ptr<State> state_;
};

}  // namespace nz::http
