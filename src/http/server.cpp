// Server: Boost.Beast HTTP/1.1 with one io_context per worker thread.
//
// Each worker thread runs its own io_context, and every connection lives on one of them from
// accept to close, so a connection's handlers never run concurrently and need no strand, and
// the workers share no queue or lock on the way of a request (as nginx's worker processes
// do). Everything a session waits for is asynchronous, so a silent or slow client costs a
// socket and a timer, never a thread. Control work (accepting, signals, shutdown) runs on a
// control io_context on the thread that called run(); accepted sockets are dealt to the
// workers in turn. A request that changes something (POST, PUT, PATCH, DELETE: a partner's
// batch push, an admin form) may take long, so its handler runs on a separate pool and its
// answer is sent from the connection's worker: the readers sharing that worker never wait
// for it.
//
// Shutdown: stop() marks the server stopping and posts begin_shutdown() to the control
// context, which closes the acceptor and asks each session to close if it is idle. A session
// that is reading or handling a request finishes it, answers with "Connection: close" and
// closes. When the last session is gone run() returns; if shutdown_grace passes first, the
// workers are stopped and the remaining sockets are closed.
#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <climits>
#include <cstdint>
#include <csignal>
#include <ctime>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/rfc3339.h"

namespace nz::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
// A connection's socket and stream name their worker's executor type, not asio's
// type-erased any_io_executor, which would copy and destroy it on every operation.
using WorkerExecutor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, WorkerExecutor>;
using Stream = beast::basic_stream<tcp, WorkerExecutor, beast::unlimited_rate_policy>;

// How long an error response waits for the client to stop sending before the socket closes.
// Closing with unread data makes the kernel send RST, which can destroy the response in
// flight; reading a little longer lets the client see it. (RFC 9112 9.6, "tear-down")
constexpr std::chrono::seconds kLingerTimeout{2};

// How many more open connections than the least loaded worker a worker may have: a quarter of
// the average per worker, at least 2. A connection goes (or moves) to the worker its CPU
// chose only within this, else a new one goes to the least loaded worker and a busy one
// stays where it is. A few clients all sending from one CPU (a proxy's handful of
// connections) thus still keep every worker busy.
constexpr int kSteerMinSlack = 2;
// How often a busy keep-alive connection checks whether its client now sends from another CPU.
constexpr std::chrono::milliseconds kSteerCheckEvery{50};

// The CPU that received the socket's latest packet (SO_INCOMING_CPU), or -1 when unknown.
int incoming_cpu(int fd) {
  int cpu = -1;
  socklen_t len = sizeof cpu;
  if (::getsockopt(fd, SOL_SOCKET, SO_INCOMING_CPU, &cpu, &len) != 0) return -1;
  return cpu;
}

Method to_method(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) { return lowercase(a) == lowercase(b); }

// Header text from handlers may carry user input (a Location built from a query): CR, LF and
// NUL would let it end the header early, so they are dropped. (RFC 9110 5.5)
std::string header_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != '\r' && c != '\n' && c != '\0') out.push_back(c);
  }
  return out;
}

// Access-log values: printable ASCII as is, '"' and '\' escaped, anything else as \xHH, so a
// line is always one line and splits on spaces the same way.
std::string log_escape(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20 || c >= 0x7f) {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

// The Date header, made once a second: every response carries one. The wall clock is right
// here: Date reports when the response was made, and nothing decides anything from it.
std::string http_date() {
  thread_local std::time_t made_for = 0;
  thread_local std::string text;
  std::time_t now = std::time(nullptr);
  if (now != made_for) {
    made_for = now;
    text = core::format_http_date(core::Timestamp(std::chrono::seconds(now)));
  }
  return text;
}

std::string endpoint_text(const std::string& host, uint16_t port) {
  bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// "Address already in use" -> "address already in use", to read well after "host:port: ".
std::string error_text(const boost::system::error_code& ec) {
  std::string m = ec.message();
  if (!m.empty()) m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
  return m;
}

std::shared_ptr<spdlog::logger> access_logger() {
  static std::mutex mu;
  std::lock_guard lock(mu);
  if (auto logger = spdlog::get("access")) return logger;
  try {
    auto logger = spdlog::stdout_logger_mt("access");
    logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] %v");
    return logger;
  } catch (const std::exception&) {
    // Registered by someone else between get() and here.
    return spdlog::get("access");
  }
}

class Session;

// The live sessions, shared with them so that a session destroyed late (inside the
// io_context's destructor) still has somewhere to deregister.
struct Registry {
  std::mutex mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::function<void()> on_empty;  // set while run() runs; called under mu
  std::vector<std::atomic<int>> load;  // open connections per worker
  explicit Registry(size_t workers) : load(workers) {}

  // Whether worker `to` may take one more connection, a new one or one moving from worker
  // `from`, and stay within kSteerSlack of the least loaded worker afterwards. Loads move
  // while this reads them; being one connection off is harmless.
  bool may_take(size_t to, size_t from = SIZE_MAX) const {
    int least = INT_MAX, total = 0;
    for (size_t i = 0; i < load.size(); ++i) {
      int l = load[i].load();
      total += l;
      least = std::min(least, l - (i == from ? 1 : 0) + (i == to ? 1 : 0));
    }
    int slack = std::max(kSteerMinSlack, total / static_cast<int>(4 * load.size()));
    return load[to] + 1 <= least + slack;
  }

  // The worker for a new connection received on `cpu` (-1: unknown): the one numbered after
  // that CPU if it may take it, else the least loaded one.
  size_t steer(int cpu) const {
    size_t least = 0;
    for (size_t i = 1; i < load.size(); ++i) {
      if (load[i] < load[least]) least = i;
    }
    if (cpu < 0) return least;
    size_t w = static_cast<size_t>(cpu) % load.size();
    return may_take(w) ? w : least;
  }

  size_t size() {
    std::lock_guard lock(mu);
    return sessions.size();
  }
  void add(Session* s, std::weak_ptr<Session> w) {
    std::lock_guard lock(mu);
    sessions.emplace(s, std::move(w));
  }
  void remove(Session* s) {
    std::lock_guard lock(mu);
    sessions.erase(s);
    if (sessions.empty() && on_empty) on_empty();
  }
  std::vector<std::shared_ptr<Session>> snapshot() {
    std::lock_guard lock(mu);
    std::vector<std::shared_ptr<Session>> out;
    for (auto& [ptr, weak] : sessions) {
      if (auto s = weak.lock()) out.push_back(std::move(s));
    }
    return out;
  }
};

// What a Session needs from the server; it outlives every session that runs a handler.
struct Shared {
  ServerConfig config;
  RequestHandler handler;
  ErrorPageHandler on_error;
  std::shared_ptr<spdlog::logger> access;  // null when access logging is off
  std::atomic<bool> stopping{false};
  asio::thread_pool* writes = nullptr;     // runs the handlers of requests that change things
  std::vector<asio::io_context*> workers;  // a session may move to another (steer_by_cpu)
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Socket socket, Shared& shared, std::shared_ptr<Registry> registry, size_t worker)
      : stream_(std::move(socket)), shared_(shared), registry_(std::move(registry)),
        worker_(worker) {
    ++registry_->load[worker_];
    next_steer_check_ = Clock::now() + kSteerCheckEvery;
    boost::system::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) {
      auto address = endpoint.address();
      // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; log them as a.b.c.d.
      if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
      }
      remote_ = address.to_string();
    }
  }

  ~Session() {
    --registry_->load[worker_];
    registry_->remove(this);
  }

  void start() {
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this()] { self->wait_for_request(); });
  }

  // Posted by begin_shutdown(): an idle connection closes now; a busy one when its response
  // is written (it checks `stopping` there).
  void on_stop() {
    if (state_ == State::kIdle) close();
  }

  // Used by run() after the io_context stopped and no thread runs it.
  void force_close() { close(); }

  WorkerExecutor executor() { return stream_.get_executor(); }

 private:
  enum class State { kIdle, kReading, kHandling, kWriting, kClosing };

  void wait_for_request() {
    if (shared_.stopping) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<size_t>(shared_.config.max_header_bytes, UINT32_MAX)));
    // The larger of the two limits while the head is read (Beast checks Content-Length against
    // it then); on_header applies the one for the request's path.
    parser_->body_limit(
        std::max(shared_.config.max_body_bytes, shared_.config.max_api_body_bytes));
    if (buffer_.size() > 0) return read_header();  // a pipelined request is already here

    // Waiting for the first byte is "idle"; once it arrives the whole request must come
    // within read_timeout, so a trickling client cannot keep the connection forever.
    state_ = State::kIdle;
    stream_.expires_after(shared_.config.idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(4096),
        [self = shared_from_this()](beast::error_code ec, size_t n) {
          if (ec) return self->close();
          self->buffer_.commit(n);
          self->read_header();
        });
  }

  void read_header() {
    state_ = State::kReading;
    started_ = Clock::now();
    stream_.expires_after(shared_.config.read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, size_t) {
                               self->on_header(ec);
                             });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    auto& req = parser_->get();
    const size_t limit = is_api(req.target()) ? shared_.config.max_api_body_bytes
                                              : shared_.config.max_body_bytes;
    if (auto length = parser_->content_length(); length && *length > limit) {
      return send_error(413);
    }
    parser_->body_limit(limit);  // a chunked body is counted as it arrives
    // A client that waits for "100 Continue" before sending its body (RFC 9110 10.1.1).
    if (!parser_->is_done() && req.version() >= 11 &&
        iequals(req[bhttp::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code ec, size_t) {
                          if (ec) return self->close();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    if (parser_->is_done()) return handle();
    // The read_timeout deadline set at the start of the request still applies.
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->on_read_error(ec);
                        self->handle();
                      });
  }

  void on_read_error(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) return send_error(431);
    if (ec == bhttp::error::body_limit) return send_error(413);
    // The peer went away or timed out mid-request: nobody is there to read an answer.
    static const auto& http_errors = bhttp::make_error_code(bhttp::error::bad_target).category();
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
        ec.category() != http_errors) {
      return close();  // also beast::error::timeout and socket errors
    }
    send_error(400);  // bad method, target, version, header or chunk
  }

  // Answers a request that could not be read, then closes: the stream position is unknown.
  bool is_api(std::string_view target) const {
    return !shared_.config.api_prefix.empty() && target.starts_with(shared_.config.api_prefix);
  }

  void send_error(int status) {
    Response response = Response::text(status, std::string(reason_phrase(status)) + "\n");
    if (parser_ && parser_->is_header_done() && is_api(parser_->get().target())) {
      std::string message = status == 413
                                ? "request body larger than " +
                                      std::to_string(shared_.config.max_api_body_bytes) +
                                      " bytes; send fewer items per request"
                                : std::string(reason_phrase(status));
      response = Response::json(status, "{\"error\":{\"status\":" + std::to_string(status) +
                                            ",\"message\":\"" + message + "\"}}\n");
    }
    request_line_ = {"-", "-", ""};
    write(std::move(response), /*head=*/false, /*version=*/11, /*keep_alive=*/false,
          /*linger=*/true);
  }

  void handle() {
    state_ = State::kHandling;
    auto& breq = parser_->get();
    Request request;
    request.method = to_method(breq.method());
    request.target = std::string(breq.target());
    request.remote_address = remote_;
    request_line_ = {std::string(breq.method_string()), request.target,
                     std::string(breq[bhttp::field::user_agent])};

    // HTTP/1.1 requires exactly one Host (RFC 9112 3.2); the target must be one a server sees.
    bool bad_host = breq.version() >= 11 && breq.count(bhttp::field::host) != 1;
    if (bad_host || !split_target(request)) {
      return write(Response::text(400, "Bad Request\n"), false, breq.version(), false, true);
    }
    for (const auto& field : breq) {
      request.headers.emplace_back(lowercase(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(breq.body());

    bool reads = request.method == Method::kGet || request.method == Method::kHead ||
                 request.method == Method::kOptions;
    if (reads || !shared_.writes) return answer(call_handler(request), request.method);
    // The pool runs the handler; the answer goes back to this connection's worker, where
    // everything else of the session runs. The session stays alive in the lambdas.
    asio::post(*shared_.writes, [self = shared_from_this(), request = std::move(request)]() mutable {
      auto response = std::make_shared<Response>(self->call_handler(request));
      asio::post(self->stream_.get_executor(), [self, response, method = request.method] {
        self->answer(std::move(*response), method);
      });
    });
  }

  Response call_handler(Request& request) {
    try {
      return shared_.handler(request);
    } catch (const std::exception& e) {
      spdlog::error("http: handler for {} {} threw: {}", request_line_.method,
                    log_escape(request.target), e.what());
    } catch (...) {
      spdlog::error("http: handler for {} {} threw a non-std exception", request_line_.method,
                    log_escape(request.target));
    }
    return error_page(request);
  }

  void answer(Response response, Method method) {
    auto& breq = parser_->get();
    bool keep_alive = breq.keep_alive() && !shared_.stopping;
    if (auto connection = response.header("connection"); connection && iequals(*connection, "close")) {
      keep_alive = false;
    }
    write(std::move(response), method == Method::kHead, breq.version(), keep_alive, false);
  }

  // Fills path and query from the target. Origin-form "/p?q" and "*" are what servers see;
  // absolute-form "http://host/p?q" must be accepted too (RFC 9112 3.2.2).
  static bool split_target(Request& request) {
    std::string_view target = request.target;
    if (target == "*") {
      request.path = "*";
      return true;
    }
    if (!target.empty() && target.front() != '/') {
      size_t scheme_end = target.find("://");
      if (scheme_end == std::string_view::npos) return false;
      std::string scheme = lowercase(target.substr(0, scheme_end));
      if (scheme != "http" && scheme != "https") return false;
      size_t path_start = target.find_first_of("/?", scheme_end + 3);
      target = path_start == std::string_view::npos ? std::string_view("/")
                                                    : target.substr(path_start);
      if (target.front() == '?') return false;
    }
    if (target.empty()) return false;
    size_t q = target.find('?');
    std::string_view raw_path = target.substr(0, q);
    if (q != std::string_view::npos) request.query = std::string(target.substr(q + 1));
    request.path = percent_decode(raw_path, false);
    // A NUL in a decoded path only ever serves to confuse a file system or a C string.
    return request.path.find('\0') == std::string::npos;
  }

  Response error_page(const Request& request) {
    try {
      if (shared_.on_error) return shared_.on_error(request);
    } catch (...) {
      spdlog::error("http: the error page handler threw too");
    }
    return Response::text(500, "Internal Server Error\n");
  }

  template <class Message>
  void fill_headers(Message& msg, const Response& response, int status, unsigned version,
                    bool keep_alive) {
    msg.version(version);
    msg.result(static_cast<unsigned>(status));
    msg.reason(reason_phrase(status));
    for (const auto& [name, value] : response.headers) {
      std::string n = header_safe(name);
      if (n.empty()) continue;
      // The server owns framing: it sets Content-Length and Connection itself.
      if (iequals(n, "content-length") || iequals(n, "transfer-encoding") ||
          iequals(n, "connection")) {
        continue;
      }
      msg.insert(n, header_safe(value));
    }
    if (msg.find(bhttp::field::date) == msg.end()) msg.set(bhttp::field::date, http_date());
    if (msg.find(bhttp::field::server) == msg.end()) msg.set(bhttp::field::server, "newszone");
    msg.keep_alive(keep_alive);
  }

  void write(Response response, bool head, unsigned version, bool keep_alive, bool linger) {
    state_ = State::kWriting;
    int status = response.status;
    if (status < 200 || status > 599) {
      spdlog::error("http: handler returned status {}; sending 500", status);
      status = 500;
      response = Response::text(500, "Internal Server Error\n");
    }
    if (version < 10) version = 10;
    // 204 and 304 never have a body (RFC 9110 6.4.1); HEAD gets the GET headers, including the
    // Content-Length of the body it does not get (RFC 9110 9.3.2).
    bool no_body = status == 204 || status == 304;
    status_ = status;
    stream_.expires_after(std::max(shared_.config.idle_timeout, shared_.config.read_timeout));
    if (head || no_body) {
      body_bytes_ = 0;
      auto msg = std::make_shared<bhttp::response<bhttp::empty_body>>();
      fill_headers(*msg, response, status, version, keep_alive);
      if (!no_body) msg->content_length(response.payload().size());
      bhttp::async_write(stream_, *msg,
                         [self = shared_from_this(), msg, keep_alive, linger](
                             beast::error_code ec, size_t) {
                           self->on_write(ec, keep_alive, linger);
                         });
      return;
    }
    body_bytes_ = response.payload().size();
    if (response.raw_headers && response.shared_body && status == 200) {
      return write_raw(std::move(response), version, keep_alive, linger);
    }
    if (response.shared_body) {
      // The cache's bytes go out as they are; the lambda keeps them alive until written.
      auto shared = std::move(response.shared_body);
      auto msg = std::make_shared<bhttp::response<bhttp::span_body<const char>>>();
      fill_headers(*msg, response, status, version, keep_alive);
      msg->body() = bhttp::span_body<const char>::value_type(shared->data(), shared->size());
      msg->prepare_payload();
      bhttp::async_write(stream_, *msg,
                         [self = shared_from_this(), msg, shared, keep_alive, linger](
                             beast::error_code ec, size_t) {
                           self->on_write(ec, keep_alive, linger);
                         });
      return;
    }
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
    fill_headers(*msg, response, status, version, keep_alive);
    msg->body() = std::move(response.body);
    msg->prepare_payload();
    bhttp::async_write(stream_, *msg,
                       [self = shared_from_this(), msg, keep_alive, linger](
                           beast::error_code ec, size_t) {
                         self->on_write(ec, keep_alive, linger);
                       });
  }

  // A kept page: its serialized header lines and body go out in one gather write, with the
  // status line before them and Date, Server and Connection after.
  void write_raw(Response response, unsigned version, bool keep_alive, bool linger) {
    auto raw = std::move(response.raw_headers);
    auto body = std::move(response.shared_body);
    raw_prefix_ = version >= 11 ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.0 200 OK\r\n";
    raw_suffix_ = "Date: ";
    raw_suffix_ += http_date();
    raw_suffix_ += "\r\nServer: newszone\r\n";
    if (!keep_alive) {
      raw_suffix_ += "Connection: close\r\n";
    } else if (version < 11) {
      raw_suffix_ += "Connection: keep-alive\r\n";
    }
    raw_suffix_ += "\r\n";
    std::array<asio::const_buffer, 4> buffers = {
        asio::buffer(raw_prefix_), asio::buffer(*raw), asio::buffer(raw_suffix_),
        asio::buffer(*body)};
    asio::async_write(stream_, buffers,
                      [self = shared_from_this(), raw, body, keep_alive, linger](
                          beast::error_code ec, size_t) {
                        self->on_write(ec, keep_alive, linger);
                      });
  }

  void on_write(beast::error_code ec, bool keep_alive, bool linger) {
    log_access();
    if (ec) return close();
    if (!keep_alive || shared_.stopping) return linger ? linger_close() : close();
    if (auto target = steer_target()) return move_to(*target);
    wait_for_request();
  }

  // Between two requests of a busy connection, at most every kSteerCheckEvery: the worker of
  // the CPU its client now sends from, when that is another one and may take it. A client
  // that connected all its connections from one CPU and then runs threads on several is
  // regrouped this way; a connection that stays put costs one getsockopt per interval.
  std::optional<size_t> steer_target() {
    if (!shared_.config.steer_by_cpu || shared_.workers.size() < 2) return std::nullopt;
    auto now = Clock::now();
    if (now < next_steer_check_) return std::nullopt;
    next_steer_check_ = now + kSteerCheckEvery;
    int cpu = incoming_cpu(stream_.socket().native_handle());
    if (cpu < 0) return std::nullopt;
    size_t target = static_cast<size_t>(cpu) % shared_.workers.size();
    if (target == worker_ || !registry_->may_take(target, worker_)) return std::nullopt;
    return target;
  }

  // Hands the connection, with any pipelined bytes already read, to a new session on worker
  // `target`; this one ends without closing the socket. Called with no operation pending.
  void move_to(size_t target) {
    beast::error_code ec;
    auto protocol = stream_.socket().local_endpoint(ec).protocol();
    if (ec) return close();
    stream_.expires_never();
    auto fd = stream_.socket().release(ec);
    if (ec) return close();
    Socket socket(shared_.workers[target]->get_executor());
    socket.assign(protocol, fd, ec);
    if (ec) {
      ::close(fd);  // the client sees the connection end and opens another
      state_ = State::kClosing;
      return;
    }
    auto moved = std::make_shared<Session>(std::move(socket), shared_, registry_, target);
    moved->buffer_ = std::move(buffer_);
    moved->next_steer_check_ = next_steer_check_;
    registry_->add(moved.get(), moved);
    moved->start();
    state_ = State::kClosing;
  }

  void log_access() {
    if (!shared_.access) return;
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_);
    std::string_view target = request_line_.target;
    std::string_view path = target.substr(0, target.find('?'));
    shared_.access->info("remote={} method={} path={} status={} bytes={} us={} ua=\"{}\"",
                         remote_.empty() ? "-" : remote_, log_escape(request_line_.method),
                         log_escape(path), status_, body_bytes_, us.count(),
                         log_escape(request_line_.user_agent));
  }

  // Half-closes, then reads and discards what the client still sends until it closes too or
  // kLingerTimeout passes, so that the error response reaches it.
  void linger_close() {
    state_ = State::kClosing;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    stream_.expires_after(kLingerTimeout);
    drain();
  }

  void drain() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(16 * 1024),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  void close() {
    state_ = State::kClosing;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  struct RequestLine {
    std::string method = "-";
    std::string target = "-";
    std::string user_agent;
  };

  Stream stream_;
  Shared& shared_;
  std::shared_ptr<Registry> registry_;
  size_t worker_;
  Clock::time_point next_steer_check_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  State state_ = State::kIdle;
  std::string remote_;
  RequestLine request_line_;
  Clock::time_point started_ = Clock::now();
  int status_ = 0;
  size_t body_bytes_ = 0;
  std::string raw_prefix_, raw_suffix_;  // write_raw's own lines, alive until written
};

}  // namespace

class Server::State {
 public:
  State(ServerConfig config, RequestHandler handler, ErrorPageHandler on_error)
      : control_(1),
        acceptor_(control_),
        accept_retry_(control_),
        grace_timer_(control_),
        registry_(nullptr) {  // made below, once the number of workers is known
    shared_.config = std::move(config);
    shared_.handler = std::move(handler);
    shared_.on_error = std::move(on_error);
    if (shared_.config.access_log) shared_.access = access_logger();
    int n = shared_.config.threads > 0 ? shared_.config.threads
                                       : static_cast<int>(std::thread::hardware_concurrency());
    n = std::max(n, 1);
    workers_.reserve(n);
    // Concurrency hint 1: each is run by one thread (it still takes posts from the others).
    for (int i = 0; i < n; ++i) workers_.push_back(std::make_unique<asio::io_context>(1));
    registry_ = std::make_shared<Registry>(workers_.size());
    for (auto& worker : workers_) shared_.workers.push_back(worker.get());
    shared_.writes = &writes_;
  }

  ~State() {
    // Pending handlers still own sessions; they are destroyed with the io_context, after
    // which nothing here is touched (sessions only reach the shared Registry).
    std::lock_guard lock(registry_->mu);
    registry_->on_empty = nullptr;
  }

  Result<uint16_t> listen() {
    const ServerConfig& config = shared_.config;
    std::string where = endpoint_text(config.host, config.port);
    if (acceptor_.is_open()) return Error::Internal(where + ": already listening");

    std::string host = config.host;
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);
    }
    boost::system::error_code ec;
    asio::ip::address address;
    if (host == "localhost") {
      address = asio::ip::address_v4::loopback();
    } else {
      address = asio::ip::make_address(host, ec);
      if (ec) return Error::InvalidInput(where + ": not a numeric IPv4 or IPv6 address");
    }
    tcp::endpoint endpoint(address, config.port);

    auto fail = [&]() {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      return Error::Unavailable(where + ": " + error_text(ec));
    };
    acceptor_.open(endpoint.protocol(), ec);
    if (ec) return fail();
    acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) return fail();
    acceptor_.bind(endpoint, ec);
    if (ec) return fail();
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail();
    auto local = acceptor_.local_endpoint(ec);
    if (ec) return fail();
    return local.port();
  }

  // Registers SIGINT and SIGTERM with asio now, so that a signal arriving before run()
  // starts waiting is queued rather than killing the process. Call before announcing readiness.
  void install_signal_handlers() {
    if (signals_) return;
    signals_.emplace(control_);
    boost::system::error_code ec;
    signals_->add(SIGINT, ec);
    signals_->add(SIGTERM, ec);
  }

  void run(bool handle_signals) {
    {
      std::lock_guard lock(registry_->mu);
      registry_->on_empty = [this] {
        asio::post(control_, [this] { grace_timer_.cancel(); });
      };
    }
    if (handle_signals) install_signal_handlers();
    asio::post(control_, [this] {
      if (shared_.stopping) return;  // stop() came first; begin_shutdown already ran
      if (signals_) {
        // A signal that arrived since install_signal_handlers() was queued by asio and is
        // delivered to this wait.
        signals_->async_wait([this](beast::error_code ec, int signal) {
          if (ec) return;
          spdlog::info("http: signal {}; shutting down", signal);
          stop();
        });
      }
      accept();
    });

    // The workers run until their work guards go: a worker with no connection waits.
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
    std::vector<std::thread> threads;
    guards.reserve(workers_.size());
    threads.reserve(workers_.size());
    for (auto& worker : workers_) {
      guards.push_back(asio::make_work_guard(*worker));
      threads.emplace_back([&ioc = *worker] { run_loop(ioc); });
    }
    // The control context runs out of work when the server has stopped: the acceptor is
    // closed and the last session gone, or shutdown_grace passed.
    run_loop(control_);
    if (registry_->size() > 0) {
      for (auto& worker : workers_) worker->stop();
    }
    guards.clear();
    for (auto& t : threads) t.join();
    // Handlers still running on the pool finish here (their answers are dropped with the
    // stopped workers' queues if grace passed).
    writes_.join();

    // Grace ran out: no thread runs the workers now, so sockets can be closed directly; a
    // short second run lets the aborted operations complete and the sessions go.
    if (registry_->size() > 0) {
      spdlog::warn("http: shutdown grace passed; closing {} connections", registry_->size());
      for (auto& session : registry_->snapshot()) session->force_close();
      for (auto& worker : workers_) {
        worker->restart();
        worker->run_for(std::chrono::milliseconds(1000 / static_cast<int>(workers_.size())));
      }
    }
    std::lock_guard lock(registry_->mu);
    registry_->on_empty = nullptr;
  }

  void stop() {
    if (shared_.stopping.exchange(true)) return;
    asio::post(control_, [this] { begin_shutdown(); });
  }

 private:
  static void run_loop(asio::io_context& ioc) {
    // Handlers catch what they call; this only keeps a worker alive if something slips past.
    while (true) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("http: worker caught: {}", e.what());
      } catch (...) {
        spdlog::error("http: worker caught a non-std exception");
      }
    }
  }

  void accept() {
    if (shared_.stopping || !acceptor_.is_open()) return;
    auto peer = std::make_shared<tcp::socket>(control_);
    acceptor_.async_accept(*peer, [this, peer](beast::error_code ec) {
      if (ec == asio::error::operation_aborted || shared_.stopping) return;
      if (ec) {
        // EMFILE and friends: wait a moment instead of spinning on the same error.
        spdlog::warn("http: accept: {}", ec.message());
        accept_retry_.expires_after(std::chrono::milliseconds(100));
        accept_retry_.async_wait([this](beast::error_code ec) {
          if (!ec) accept();
        });
        return;
      }
      if (registry_->size() >= shared_.config.max_connections) {
        beast::error_code ignored;
        peer->close(ignored);
      } else {
        // Accepted on the control context; the descriptor moves to its worker's context.
        size_t w = pick_worker(*peer);
        Socket socket(workers_[w]->get_executor());
        beast::error_code moved;
        auto protocol = peer->local_endpoint(moved).protocol();
        if (!moved) {
          auto fd = peer->release(moved);
          if (!moved) socket.assign(protocol, fd, moved);
        }
        if (moved) {
          beast::error_code ignored;
          peer->close(ignored);
          return accept();
        }
        auto session = std::make_shared<Session>(std::move(socket), shared_, registry_, w);
        registry_->add(session.get(), session);
        session->start();
      }
      accept();
    });
  }

  // The worker a new connection goes to. With steer_by_cpu, the one numbered after the CPU that
  // received the connection (SO_INCOMING_CPU), so that one client's connections, made from
  // one CPU, share a worker (Registry::steer; a busy connection may move later, see
  // Session::steer_target); otherwise each worker in turn, for the connection's whole life.
  size_t pick_worker(tcp::socket& peer) {
    if (!shared_.config.steer_by_cpu) return next_worker_++ % workers_.size();
    return registry_->steer(incoming_cpu(peer.native_handle()));
  }

  void begin_shutdown() {
    beast::error_code ec;
    acceptor_.close(ec);
    accept_retry_.cancel();
    if (signals_) signals_->cancel(ec);
    auto sessions = registry_->snapshot();
    if (sessions.empty()) return;
    for (auto& session : sessions) {
      asio::post(session->executor(), [session] { session->on_stop(); });
    }
    grace_timer_.expires_after(shared_.config.shutdown_grace);
    // Waiting on the timer keeps the control context running; it returns when the timer
    // fires (grace passed) or the last session's on_empty cancels it.
    grace_timer_.async_wait([](beast::error_code) {});
  }

  // The contexts are declared first so that they are destroyed last: sockets and timers below
  // need them. Sessions left in a worker's queue are destroyed with it.
  std::vector<std::unique_ptr<asio::io_context>> workers_;
  asio::io_context control_;
  size_t next_worker_ = 0;  // used on the control context only
  Shared shared_;
  // Handlers of POST, PUT, PATCH and DELETE: writes wait on the store's one writer anyway,
  // so two threads are plenty, and they keep a long batch off the readers' workers.
  asio::thread_pool writes_{2};
  tcp::acceptor acceptor_;
  asio::steady_timer accept_retry_;
  asio::steady_timer grace_timer_;
  std::optional<asio::signal_set> signals_;
  std::shared_ptr<Registry> registry_;
};

Server::Server(ServerConfig config, RequestHandler handler, ErrorPageHandler on_error)
    : state_(std::make_unique<State>(std::move(config), std::move(handler),
                                     std::move(on_error))) {}

Server::~Server() = default;

Result<uint16_t> Server::listen() { return state_->listen(); }

void Server::run(bool handle_signals) { state_->run(handle_signals); }

void Server::install_signal_handlers() { state_->install_signal_handlers(); }

void Server::stop() { state_->stop(); }

}  // namespace nz::http
