// A minimal HTTP/1.1 client for the search benchmark: one keep-alive connection to
// 127.0.0.1:port, GET only, responses framed by Content-Length (as newszone's server sends
// them). Every wait is bounded by a 30-second socket timeout. Not thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace nz::bench {

struct HttpResponse {
  int status = 0;
  std::string body;
};

class HttpClient {
 public:
  explicit HttpClient(int port) : port_(port) {}
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET `target` ("/api/v1/search?q=..."); connects, or reconnects after the server closed
  // the connection. kUnavailable on a connection error, a timeout or a response it cannot read.
  Result<HttpResponse> get(const std::string& target);

 private:
  Status connect();
  int port_;
  int fd_ = -1;
  std::string buffer_;  // bytes read past the previous response
};

// Percent-encodes a query parameter's value (spaces as %20).
std::string url_encode(std::string_view text);

// The length of the "results" array of an /api/v1/search answer; -1 when it is not one.
int count_results(const std::string& json);

}  // namespace nz::bench
