#include "search_http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <boost/json.hpp>

namespace nz::bench {

HttpClient::~HttpClient() {
  if (fd_ >= 0) ::close(fd_);
}

Status HttpClient::connect() {
  if (fd_ >= 0) ::close(fd_);
  buffer_.clear();
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return Error::Unavailable(std::string("socket: ") + std::strerror(errno));
  timeval timeout{.tv_sec = 30, .tv_usec = 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port_));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    std::string message = std::strerror(errno);
    ::close(fd_);
    fd_ = -1;
    return Error::Unavailable("connect 127.0.0.1:" + std::to_string(port_) + ": " + message);
  }
  return {};
}

Result<HttpResponse> HttpClient::get(const std::string& target) {
  // One retry, for a keep-alive connection the server closed while idle.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (fd_ < 0) {
      if (auto connected = connect(); !connected) return connected.error();
    }
    const std::string request = "GET " + target +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n";
    if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
      ::close(fd_);
      fd_ = -1;
      continue;
    }
    size_t header_end = std::string::npos;
    size_t content_length = 0;
    bool closed = false;
    char chunk[65536];
    // Bounded: every recv waits at most 30 s, and a response beyond 64 MiB is refused.
    while (true) {
      if (header_end == std::string::npos) {
        header_end = buffer_.find("\r\n\r\n");
        if (header_end != std::string::npos) {
          std::string head = buffer_.substr(0, header_end);
          for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          size_t at = head.find("\r\ncontent-length:");
          if (at == std::string::npos) return Error::Unavailable("response without Content-Length");
          content_length = std::strtoull(head.c_str() + at + 17, nullptr, 10);
        }
      }
      if (header_end != std::string::npos && buffer_.size() >= header_end + 4 + content_length) break;
      if (buffer_.size() > (64u << 20)) return Error::Unavailable("response too large");
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n > 0) {
        buffer_.append(chunk, static_cast<size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        return Error::Unavailable("no response within 30 s");
      }
      closed = true;
      break;
    }
    if (closed) {
      ::close(fd_);
      fd_ = -1;
      if (buffer_.empty() && attempt == 0) continue;
      return Error::Unavailable("connection closed mid-response");
    }
    HttpResponse response;
    response.status = std::atoi(buffer_.c_str() + buffer_.find(' ') + 1);
    response.body = buffer_.substr(header_end + 4, content_length);
    buffer_.erase(0, header_end + 4 + content_length);
    return response;
  }
  return Error::Unavailable("the server closed the connection twice");
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

int count_results(const std::string& json) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return -1;
  const auto* results = v.as_object().if_contains("results");
  if (!results || !results->is_array()) return -1;
  return static_cast<int>(results->as_array().size());
}

}  // namespace nz::bench
