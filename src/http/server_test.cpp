// The real server on 127.0.0.1, port 0, driven over raw TCP so every byte on the wire is
// visible. Every wait is bounded: sockets have a receive timeout and run() must return in time.
#include "http/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "http/router.h"

namespace nz::http {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kWait = 5s;  // upper bound for anything a test waits on

Response default_error_page(const Request&) { return Response::text(500, "error page\n"); }

// A Server running run() on a background thread for the length of a test.
class TestServer {
 public:
  explicit TestServer(RequestHandler handler, ServerConfig config = small_config(),
                      ErrorPageHandler on_error = default_error_page) {
    config.host = "127.0.0.1";
    config.port = 0;
    server_ = std::make_unique<Server>(config, std::move(handler), std::move(on_error));
    auto port = server_->listen();
    if (!port) {
      std::fprintf(stderr, "listen: %s\n", port.error().message.c_str());
      std::abort();
    }
    port_ = *port;
    done_ = finished_.get_future();
    thread_ = std::thread([this] {
      server_->run(false);
      finished_.set_value();
    });
  }

  ~TestServer() {
    if (!stop_and_wait(15s)) {
      std::fprintf(stderr, "server did not stop\n");
      std::abort();  // joining would hang the whole test run
    }
  }

  static ServerConfig small_config() {
    ServerConfig c;
    c.threads = 2;
    c.access_log = false;
    c.read_timeout = 5s;
    c.idle_timeout = 5s;
    c.shutdown_grace = 5s;
    return c;
  }

  uint16_t port() const { return port_; }
  Server& server() { return *server_; }

  // Stops the server and waits up to `limit` for run() to return; true when it did.
  bool stop_and_wait(std::chrono::seconds limit) {
    if (!thread_.joinable()) return true;
    server_->stop();
    if (done_.wait_for(limit) != std::future_status::ready) return false;
    thread_.join();
    return true;
  }

  bool wait_finished(std::chrono::milliseconds limit) {
    return done_.wait_for(limit) == std::future_status::ready;
  }

 private:
  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
  std::promise<void> finished_;
  std::future<void> done_;
  std::thread thread_;
};

struct ParsedResponse {
  bool ok = false;  // a whole status line and header block arrived
  std::string status_line;
  int status = 0;
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
};

// A blocking TCP client with a receive timeout, so a server that never answers fails the
// test instead of hanging it.
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{.tv_sec = 5, .tv_usec = 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }

  bool connected() const { return connected_; }

  bool send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads one response; for HEAD the body is not read (there is none on the wire).
  ParsedResponse read_response(bool head = false) {
    ParsedResponse r;
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return r;
    }
    std::string head_block = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    size_t line_end = head_block.find("\r\n");
    r.status_line = head_block.substr(0, line_end);
    if (r.status_line.size() >= 12) r.status = std::atoi(r.status_line.c_str() + 9);
    size_t pos = line_end == std::string::npos ? head_block.size() : line_end + 2;
    while (pos < head_block.size()) {
      size_t next = head_block.find("\r\n", pos);
      if (next == std::string::npos) next = head_block.size();
      std::string line = head_block.substr(pos, next - pos);
      size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t v = line.find_first_not_of(' ', colon + 1);
      r.headers[name] = v == std::string::npos ? "" : line.substr(v);
      pos = next + 2;
    }
    size_t length = 0;
    if (auto it = r.headers.find("content-length"); it != r.headers.end()) {
      length = std::stoul(it->second);
    }
    if (!head && r.status != 204 && r.status != 304) {
      while (buffer_.size() < length) {
        if (!fill()) return r;
      }
      r.body = buffer_.substr(0, length);
      buffer_.erase(0, length);
    }
    r.ok = true;
    return r;
  }

  // Reads until the server closes; false when the receive timeout came first.
  bool read_until_close(std::string* rest = nullptr) {
    while (true) {
      char chunk[4096];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n == 0 || (n < 0 && errno == ECONNRESET)) break;
      if (n < 0) return false;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
    if (rest) *rest = buffer_;
    buffer_.clear();
    return true;
  }

 private:
  bool fill() {
    char chunk[4096];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

Response hello(Request&) { return Response::text(200, "hello"); }

Router sample_router() {
  Router router;
  router.get("/page", [](Request&) { return Response::html(200, "0123456789"); });
  router.post("/page", [](Request& r) { return Response::text(200, "posted " + r.body); });
  return router;
}

RequestHandler from(Router router) {
  auto shared = std::make_shared<Router>(std::move(router));
  return [shared](Request& r) { return shared->dispatch(r); };
}

TEST(ServerTest, GetReturnsBodyWithStandardHeaders) {
  TestServer server(hello);
  Client client(server.port());
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = client.read_response();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.headers["content-length"], "5");
  EXPECT_EQ(r.headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(r.headers["server"], "newszone");
  EXPECT_TRUE(r.headers["date"].ends_with(" GMT")) << r.headers["date"];
}

TEST(ServerTest, MapsTargetHeadersAndRemoteAddressIntoRequest) {
  TestServer server([](Request& r) {
    return Response::text(200, "path=" + r.path + " query=" + r.query +
                                   " remote=" + r.remote_address +
                                   " thing=" + std::string(r.header("x-thing").value_or("?")) +
                                   " q=" + r.query_param("q").value_or("?"));
  });
  Client client(server.port());
  ASSERT_TRUE(client.send("GET /a%20b/c?q=x+y HTTP/1.1\r\nHost: x\r\nX-Thing: v\r\n\r\n"));
  auto r = client.read_response();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.body, "path=/a b/c query=q=x+y remote=127.0.0.1 thing=v q=x y");
}

TEST(ServerTest, AcceptsAbsoluteFormTarget) {
  TestServer server([](Request& r) { return Response::text(200, r.path + "|" + r.query); });
  Client client(server.port());
  ASSERT_TRUE(client.send("GET http://example.org/abs?q=1 HTTP/1.1\r\nHost: example.org\r\n\r\n"));
  EXPECT_EQ(client.read_response().body, "/abs|q=1");
}

TEST(ServerTest, HeadSendsContentLengthButNoBody) {
  TestServer server(from(sample_router()));
  Client client(server.port());
  ASSERT_TRUE(client.send("HEAD /page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  std::string all;
  ASSERT_TRUE(client.read_until_close(&all));
  EXPECT_TRUE(all.starts_with("HTTP/1.1 200 OK\r\n")) << all;
  EXPECT_NE(all.find("Content-Length: 10\r\n"), std::string::npos) << all;
  EXPECT_TRUE(all.ends_with("\r\n\r\n")) << all;  // nothing after the header block
}

TEST(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  std::atomic<int> count{0};
  TestServer server([&](Request&) { return Response::text(200, std::to_string(++count)); });
  Client client(server.port());
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto first = client.read_response();
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto second = client.read_response();
  ASSERT_TRUE(first.ok && second.ok);
  EXPECT_EQ(first.body, "1");
  EXPECT_EQ(second.body, "2");
  EXPECT_EQ(first.headers.count("connection"), 0u);
}

TEST(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  TestServer server([](Request& r) { return Response::text(200, r.path); });
  Client client(server.port());
  ASSERT_TRUE(client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(client.read_response().body, "/one");
  EXPECT_EQ(client.read_response().body, "/two");
}

TEST(ServerTest, Http10ClosesAfterResponse) {
  TestServer server(hello);
  Client client(server.port());
  ASSERT_TRUE(client.send("GET / HTTP/1.0\r\n\r\n"));
  auto r = client.read_response();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status_line, "HTTP/1.0 200 OK");
  EXPECT_EQ(r.body, "hello");
  EXPECT_TRUE(client.read_until_close());
}

// What the page cache hands over for a kept page: serialized header lines and a shared body.
Response kept_page(Request&) {
  Response r;
  r.raw_headers = std::make_shared<const std::string>(
      "Content-Type: text/html\r\nETag: \"abc\"\r\nContent-Length: 4\r\n");
  r.shared_body = std::make_shared<const std::string>("kept");
  return r;
}

TEST(ServerTest, SerializedHeaderLinesGoOutWithStatusDateAndServer) {
  TestServer server(kept_page);
  Client client(server.port());
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  for (int i = 0; i < 2; ++i) {  // keep-alive: both on one connection
    auto r = client.read_response();
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.status_line, "HTTP/1.1 200 OK");
    EXPECT_EQ(r.body, "kept");
    EXPECT_EQ(r.headers["etag"], "\"abc\"");
    EXPECT_EQ(r.headers["server"], "newszone");
    EXPECT_TRUE(r.headers["date"].ends_with(" GMT"));
    EXPECT_EQ(r.headers.count("connection"), 0u);
  }
}

TEST(ServerTest, SerializedHeaderLinesKeepHttp10Framing) {
  TestServer server(kept_page);
  Client client(server.port());
  ASSERT_TRUE(client.send("GET / HTTP/1.0\r\n\r\n"));
  auto r = client.read_response();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status_line, "HTTP/1.0 200 OK");
  EXPECT_EQ(r.headers["connection"], "close");
  EXPECT_EQ(r.body, "kept");
  EXPECT_TRUE(client.read_until_close());

  Client keep(server.port());
  ASSERT_TRUE(keep.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  auto first = keep.read_response();
  EXPECT_EQ(first.headers["connection"], "keep-alive");
  ASSERT_TRUE(keep.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  EXPECT_EQ(keep.read_response().body, "kept");
}

TEST(ServerTest, RouterAnswers404And405) {
  TestServer server(from(sample_router()));
  Client client(server.port());
  ASSERT_TRUE(client.send("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(client.read_response().status, 404);
  ASSERT_TRUE(client.send("DELETE /page HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = client.read_response();
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "GET, HEAD, POST");
  ASSERT_TRUE(client.send("POST /page HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"));
  EXPECT_EQ(client.read_response().body, "posted abc");
}

TEST(ServerTest, ExpectContinueGetsInterimResponse) {
  TestServer server(from(sample_router()));
  Client client(server.port());
  ASSERT_TRUE(client.send(
      "POST /page HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = client.read_response();
  EXPECT_EQ(interim.status, 100);
  ASSERT_TRUE(client.send("hi"));
  EXPECT_EQ(client.read_response().body, "posted hi");
}

TEST(ServerTest, OversizedHeaderGets431AndClose) {
  ServerConfig config = TestServer::small_config();
  config.max_header_bytes = 1024;
  TestServer server(hello, config);
  Client client(server.port());
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') +
                          "\r\n\r\n"));
  auto r = client.read_response();
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(r.headers["connection"], "close");
  EXPECT_TRUE(client.read_until_close());
}

TEST(ServerTest, OversizedBodyGets413AndClose) {
  ServerConfig config = TestServer::small_config();
  config.max_body_bytes = 100;
  TestServer server(hello, config);
  Client client(server.port());
  ASSERT_TRUE(client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" +
                          std::string(1000, 'b')));
  auto r = client.read_response();
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.headers["connection"], "close");
  EXPECT_TRUE(client.read_until_close());
}

TEST(ServerTest, OversizedChunkedBodyGets413) {
  ServerConfig config = TestServer::small_config();
  config.max_body_bytes = 100;
  TestServer server(hello, config);
  Client client(server.port());
  ASSERT_TRUE(client.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "c8\r\n" + std::string(200, 'c') + "\r\n0\r\n\r\n"));
  EXPECT_EQ(client.read_response().status, 413);
}

TEST(ServerTest, GarbageRequestGets400AndClose) {
  TestServer server(hello);
  for (std::string_view garbage :
       {"GARBAGE\r\n\r\n", "GET / HTTP/9.x\r\n\r\n", "GET relative HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}) {
    Client client(server.port());
    ASSERT_TRUE(client.send(garbage));
    auto r = client.read_response();
    EXPECT_EQ(r.status, 400) << garbage;
    EXPECT_EQ(r.headers["connection"], "close") << garbage;
    EXPECT_TRUE(client.read_until_close()) << garbage;
  }
}

TEST(ServerTest, ThrowingHandlerGets500FromErrorPage) {
  TestServer server(
      [](Request& r) -> Response {
        if (r.path == "/int") throw 42;
        throw std::runtime_error("boom");
      },
      TestServer::small_config(),
      [](const Request& r) { return Response::html(500, "<p>sorry " + r.path + "</p>"); });
  Client client(server.port());
  ASSERT_TRUE(client.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = client.read_response();
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, "<p>sorry /x</p>");
  ASSERT_TRUE(client.send("GET /int HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(client.read_response().body, "<p>sorry /int</p>");  // still keep-alive
}

TEST(ServerTest, SilentClientDoesNotBlockOthersOnOneThread) {
  ServerConfig config = TestServer::small_config();
  config.threads = 1;
  TestServer server(hello, config);
  Client silent(server.port());
  Client half(server.port());
  ASSERT_TRUE(silent.connected());
  ASSERT_TRUE(half.send("GET / HTTP/1.1\r\nHost:"));
  Client client(server.port());
  auto start = SteadyClock::now();
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = client.read_response();
  EXPECT_EQ(r.body, "hello");
  EXPECT_LT(SteadyClock::now() - start, 2s);
}

// A partner's big batch or an admin form runs on the writes pool: on a server with one worker,
// readers are answered while it is still running, and a stop waits for it to finish.
TEST(ServerTest, LongPostDoesNotHoldUpReadersOnItsWorker) {
  ServerConfig config = TestServer::small_config();
  config.threads = 1;
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  TestServer server(
      [&, released](Request& request) {
        if (request.method != Method::kPost) return Response::text(200, "read");
        entered.set_value();
        released.wait_for(kWait);
        return Response::text(200, "posted " + request.body);
      },
      config);
  Client writer(server.port());
  ASSERT_TRUE(writer.send("POST /push HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nbatch"));
  ASSERT_EQ(entered.get_future().wait_for(kWait), std::future_status::ready);

  // The POST is still inside its handler; the reader is answered on the only worker.
  Client reader(server.port());
  ASSERT_TRUE(reader.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto r = reader.read_response();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.body, "read");

  server.server().stop();
  EXPECT_FALSE(server.wait_finished(200ms));  // the POST still runs
  release.set_value();
  auto posted = writer.read_response();
  ASSERT_TRUE(posted.ok);
  EXPECT_EQ(posted.body, "posted batch");
  EXPECT_EQ(posted.headers["connection"], "close");
  EXPECT_TRUE(server.wait_finished(3000ms));
}

// Answers with the id of the worker thread that ran the handler.
Response which_thread(Request&) {
  std::ostringstream id;
  id << std::this_thread::get_id();
  return Response::text(200, id.str());
}

// Opens `count` connections from a thread pinned to `cpu` and asks each, still open, which
// worker answers it. The clients stay open in `keep` so that the server counts them.
std::vector<std::string> workers_seen_from_cpu(uint16_t port, int cpu, int count,
                                               std::vector<std::unique_ptr<Client>>& keep) {
  std::vector<std::string> seen;
  std::thread pinned([&] {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0) return;
    sched_yield();  // move onto that CPU before connecting
    for (int i = 0; i < count; ++i) {
      auto client = std::make_unique<Client>(port);
      if (!client->send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")) return;
      auto r = client->read_response();
      if (!r.ok) return;
      seen.push_back(r.body);
      keep.push_back(std::move(client));
    }
  });
  pinned.join();
  return seen;
}

size_t online_cpus() { return static_cast<size_t>(sysconf(_SC_NPROCESSORS_ONLN)); }

// One client's connections, made from one CPU, are answered by one worker, and a client on the
// other CPU by the other worker: each worker then answers its client's requests together
// instead of two workers and two clients each holding a core for a scheduler tick.
TEST(ServerTest, ConnectionsFromOneCpuShareAWorker) {
  ASSERT_GE(online_cpus(), 2u) << "this test pins clients to CPUs 0 and 1";
  TestServer server(which_thread);  // two workers
  std::vector<std::unique_ptr<Client>> keep;
  // Two each: a worker takes no more than 2 over the other while there are this few.
  auto from0 = workers_seen_from_cpu(server.port(), 0, 2, keep);
  auto from1 = workers_seen_from_cpu(server.port(), 1, 2, keep);
  ASSERT_EQ(from0.size(), 2u);
  ASSERT_EQ(from1.size(), 2u);
  std::set<std::string> workers0(from0.begin(), from0.end());
  std::set<std::string> workers1(from1.begin(), from1.end());
  EXPECT_EQ(workers0.size(), 1u);
  EXPECT_EQ(workers1.size(), 1u);
  EXPECT_NE(*workers0.begin(), *workers1.begin());
}

// Many connections from one CPU still spread: a worker takes no more open connections over
// the other than a quarter of the average per worker, at least 2 (30 connections: 3).
TEST(ServerTest, ABurstFromOneCpuIsStillSpreadOverTheWorkers) {
  TestServer server(which_thread);
  std::vector<std::unique_ptr<Client>> keep;
  auto seen = workers_seen_from_cpu(server.port(), 0, 30, keep);
  ASSERT_EQ(seen.size(), 30u);
  std::map<std::string, int> per_worker;
  for (const auto& id : seen) ++per_worker[id];
  ASSERT_EQ(per_worker.size(), 2u);
  int a = per_worker.begin()->second, b = per_worker.rbegin()->second;
  EXPECT_LE(std::abs(a - b), 4) << a << " and " << b;
}

bool pin_to_cpu(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0) return false;
  sched_yield();
  return true;
}

// A client that connected from one CPU and now sends from another: its connection moves to
// the other CPU's worker between two requests, and requests sent together across the move
// are all answered, in order.
TEST(ServerTest, ABusyConnectionFollowsItsClientToAnotherCpu) {
  ASSERT_GE(online_cpus(), 2u) << "this test pins its client to CPUs 0 and 1";
  TestServer server([](Request& request) {
    std::ostringstream body;
    body << std::this_thread::get_id() << ' ' << request.path;
    return Response::text(200, body.str());
  });
  std::string first, later, failure;
  std::thread client_thread([&] {
    if (!pin_to_cpu(0)) return void(failure = "cannot pin to CPU 0");
    Client client(server.port());
    if (!client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")) return void(failure = "send");
    auto r = client.read_response();
    first = r.body.substr(0, r.body.find(' '));
    if (!pin_to_cpu(1)) return void(failure = "cannot pin to CPU 1");
    // Two requests in one write, every 20 ms, until another worker answers (50 ms checks).
    for (int i = 0; i < 40 && failure.empty(); ++i) {
      std::this_thread::sleep_for(20ms);
      std::string one = "/one" + std::to_string(i), two = "/two" + std::to_string(i);
      if (!client.send("GET " + one + " HTTP/1.1\r\nHost: x\r\n\r\nGET " + two +
                       " HTTP/1.1\r\nHost: x\r\n\r\n")) {
        return void(failure = "send " + std::to_string(i));
      }
      auto a = client.read_response(), b = client.read_response();
      if (!a.ok || !b.ok || !a.body.ends_with(" " + one) || !b.body.ends_with(" " + two)) {
        return void(failure = "round " + std::to_string(i) + ": '" + a.body + "', '" +
                              b.body + "'");
      }
      later = b.body.substr(0, b.body.find(' '));
      if (later != first) break;
    }
  });
  client_thread.join();
  ASSERT_EQ(failure, "");
  ASSERT_FALSE(first.empty());
  EXPECT_NE(later, first) << "still answered by the worker of CPU 0 after 40 rounds";
}

TEST(ServerTest, WithoutSteeringWorkersTakeConnectionsInTurn) {
  ServerConfig config = TestServer::small_config();
  config.steer_by_cpu = false;
  TestServer server(which_thread, config);
  std::vector<std::unique_ptr<Client>> keep;
  auto seen = workers_seen_from_cpu(server.port(), 0, 6, keep);
  ASSERT_EQ(seen.size(), 6u);
  for (size_t i = 2; i < seen.size(); ++i) EXPECT_EQ(seen[i], seen[i - 2]);
  EXPECT_NE(seen[0], seen[1]);
}

TEST(ServerTest, ReadTimeoutClosesHalfSentRequest) {
  ServerConfig config = TestServer::small_config();
  config.read_timeout = 1s;
  TestServer server(hello, config);
  Client client(server.port());
  auto start = SteadyClock::now();
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n"));
  EXPECT_TRUE(client.read_until_close());
  auto took = SteadyClock::now() - start;
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 4s);
}

TEST(ServerTest, IdleTimeoutClosesKeepAliveConnection) {
  ServerConfig config = TestServer::small_config();
  config.idle_timeout = 1s;
  TestServer server(hello, config);
  Client client(server.port());
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(client.read_response().ok);
  auto start = SteadyClock::now();
  EXPECT_TRUE(client.read_until_close());
  EXPECT_LT(SteadyClock::now() - start, 4s);
}

TEST(ServerTest, StopLetsInFlightRequestFinishThenCloses) {
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  TestServer server([&, released](Request&) {
    entered.set_value();
    released.wait_for(kWait);
    return Response::text(200, "finished");
  });
  Client busy(server.port());
  ASSERT_TRUE(busy.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_EQ(entered.get_future().wait_for(kWait), std::future_status::ready);
  Client idle(server.port());  // connected, never sends: closed at stop

  server.server().stop();
  EXPECT_FALSE(server.wait_finished(200ms));  // the request is still running
  EXPECT_TRUE(idle.read_until_close());
  release.set_value();
  auto r = busy.read_response();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.body, "finished");
  EXPECT_EQ(r.headers["connection"], "close");
  EXPECT_TRUE(busy.read_until_close());
  EXPECT_TRUE(server.wait_finished(3000ms));
}

TEST(ServerTest, StopClosesIdleConnectionsPromptly) {
  ServerConfig config = TestServer::small_config();
  config.idle_timeout = 30s;
  config.shutdown_grace = 10s;
  TestServer server(hello, config);
  Client client(server.port());
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(client.read_response().ok);
  auto start = SteadyClock::now();
  ASSERT_TRUE(server.stop_and_wait(5s));
  EXPECT_LT(SteadyClock::now() - start, 2s);
  EXPECT_TRUE(client.read_until_close());
}

TEST(ServerTest, ShutdownGraceEndsStuckReads) {
  ServerConfig config = TestServer::small_config();
  config.read_timeout = 30s;
  config.shutdown_grace = 1s;
  // One worker: the probe's answer then comes after that worker has read the first client's
  // bytes (with two, the probe's worker may answer first, and a stop that finds the first
  // connection still waiting for its first byte rightly closes it as idle).
  config.threads = 1;
  TestServer server(hello, config);
  Client client(server.port());
  ASSERT_TRUE(client.send("GET / HTTP/1.1\r\nHost: x\r\n"));  // never finished
  Client probe(server.port());  // make sure the first one was accepted and is being read
  ASSERT_TRUE(probe.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ASSERT_TRUE(probe.read_response().ok);
  auto start = SteadyClock::now();
  ASSERT_TRUE(server.stop_and_wait(5s));
  auto took = SteadyClock::now() - start;
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 4s);
  EXPECT_TRUE(client.read_until_close());
}

TEST(ServerTest, ConnectionsOverLimitAreClosed) {
  ServerConfig config = TestServer::small_config();
  config.max_connections = 1;
  TestServer server(hello, config);
  Client first(server.port());
  ASSERT_TRUE(first.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(first.read_response().ok);  // first is now a live keep-alive connection
  Client second(server.port());
  second.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string got;
  EXPECT_TRUE(second.read_until_close(&got));
  EXPECT_EQ(got, "");
}

TEST(ServerTest, AccessLogDoesNotDisturbServing) {
  ServerConfig config = TestServer::small_config();
  config.access_log = true;
  TestServer server(hello, config);
  Client client(server.port());
  ASSERT_TRUE(client.send("GET /logged?x=1 HTTP/1.1\r\nHost: x\r\nUser-Agent: t \"q\"\r\n\r\n"));
  EXPECT_EQ(client.read_response().body, "hello");
}

TEST(ServerTest, ListenReportsAddressInUse) {
  TestServer first(hello);
  ServerConfig config = TestServer::small_config();
  config.host = "127.0.0.1";
  config.port = first.port();
  Server second(config, hello, default_error_page);
  auto port = second.listen();
  ASSERT_FALSE(port);
  EXPECT_EQ(port.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(port.error().message,
            "127.0.0.1:" + std::to_string(first.port()) + ": address already in use");
}

TEST(ServerTest, ListenRejectsNonNumericHost) {
  ServerConfig config = TestServer::small_config();
  config.host = "example.org";
  Server server(config, hello, default_error_page);
  auto port = server.listen();
  ASSERT_FALSE(port);
  EXPECT_EQ(port.error().code, ErrorCode::kInvalidInput);
}

TEST(ServerTest, StopBeforeRunReturnsAtOnce) {
  ServerConfig config = TestServer::small_config();
  config.port = 0;
  Server server(config, hello, default_error_page);
  ASSERT_TRUE(server.listen());
  server.stop();
  auto done = std::async(std::launch::async, [&] { server.run(false); });
  EXPECT_EQ(done.wait_for(kWait), std::future_status::ready);
}

}  // namespace
}  // namespace nz::http
