#include "fetch/test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace nz::fetch::testing {
namespace {

constexpr size_t kMaxHead = 64 * 1024;

[[noreturn]] void die(const char* what) {
  std::perror(what);
  std::abort();
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Binds a TCP socket to 127.0.0.1 and a free port.
int bind_loopback(uint16_t* port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) die("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("bind");
  socklen_t len = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) die("getsockname");
  *port = ntohs(addr.sin_port);
  return fd;
}

// Reads up to the end of the request head; empty when the peer went away or took too long.
std::string read_head(int fd) {
  std::string data;
  char buf[4096];
  while (data.find("\r\n\r\n") == std::string::npos && data.size() < kMaxHead) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return {};
    data.append(buf, static_cast<size_t>(n));
  }
  return data;
}

SeenRequest parse_head(std::string_view head) {
  SeenRequest r;
  size_t eol = head.find("\r\n");
  std::string_view line = head.substr(0, eol);
  size_t sp1 = line.find(' ');
  size_t sp2 = line.find(' ', sp1 + 1);
  r.method = std::string(line.substr(0, sp1));
  r.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  head.remove_prefix(eol + 2);
  while (!head.empty() && !head.starts_with("\r\n")) {
    eol = head.find("\r\n");
    line = head.substr(0, eol);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      r.headers.emplace_back(lowercase(line.substr(0, colon)),
                             std::string(trim(line.substr(colon + 1))));
    }
    if (eol == std::string_view::npos) break;
    head.remove_prefix(eol + 2);
  }
  return r;
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

std::optional<std::string> SeenRequest::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return std::nullopt;
}

TestServer::TestServer(ReplyHandler handler) : handler_(std::move(handler)) {
  listen_fd_ = bind_loopback(&port_);
  if (::listen(listen_fd_, 64) != 0) die("listen");
  if (::pipe2(wake_, O_CLOEXEC) != 0) die("pipe2");
  acceptor_ = std::thread([this] { accept_loop(); });
}

TestServer::~TestServer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  stopping_cv_.notify_all();
  char byte = 1;
  if (::write(wake_[1], &byte, 1) != 1) die("write");
  acceptor_.join();
  for (auto& t : connections_) t.join();  // the acceptor, the only writer, is gone
  ::close(listen_fd_);
  ::close(wake_[0]);
  ::close(wake_[1]);
}

std::string TestServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

std::vector<SeenRequest> TestServer::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

void TestServer::accept_loop() {
  while (true) {
    pollfd fds[2] = {{.fd = listen_fd_, .events = POLLIN}, {.fd = wake_[0], .events = POLLIN}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      die("poll");
    }
    if (fds[1].revents != 0) return;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard lock(mu_);
    connections_.emplace_back([this, fd] { serve(fd); });
  }
}

void TestServer::serve(int fd) {
  // Bounded: a client that never finishes its request cannot hold the thread for long.
  timeval tv{.tv_sec = 5, .tv_usec = 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  std::string head = read_head(fd);
  if (head.empty()) {
    ::close(fd);
    return;
  }
  SeenRequest request = parse_head(head);
  {
    std::lock_guard lock(mu_);
    requests_.push_back(request);
  }
  Reply reply = handler_(request);

  std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " Status\r\n";
  for (const auto& [name, value] : reply.headers) out += name + ": " + value + "\r\n";
  out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
  out += "Connection: close\r\n\r\n";
  if (reply.stall_after) {
    out += reply.body.substr(0, *reply.stall_after);
    send_all(fd, out);
    std::unique_lock lock(mu_);
    stopping_cv_.wait(lock, [this] { return stopping_; });
  } else {
    out += reply.body;
    send_all(fd, out);
    ::shutdown(fd, SHUT_WR);
  }
  ::close(fd);
}

RefusingPort::RefusingPort() { fd_ = bind_loopback(&port_); }

RefusingPort::~RefusingPort() { ::close(fd_); }

SilentPort::SilentPort() {
  listen_fd_ = bind_loopback(&port_);
  if (::listen(listen_fd_, 0) != 0) die("listen");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (int i = 0; i < 3; ++i) {  // more than a backlog of 0 holds
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);  // EINPROGRESS is expected
    fillers_.push_back(fd);
  }
}

SilentPort::~SilentPort() {
  for (int fd : fillers_) ::close(fd);
  ::close(listen_fd_);
}

}  // namespace nz::fetch::testing
