// The WebSub callback (ingest/websub.h): where a hub verifies our subscription and delivers
// new content of a polled source.
#include <charconv>

#include "api/api.h"
#include "core/clock.h"
#include "core/rfc3339.h"
#include "fetch/content_type.h"
#include "ingest/feed_ingest.h"
#include "ingest/websub.h"
#include "store/store.h"

namespace nz::api {
namespace {

std::optional<model::SourceId> source_id(const std::string& text) {
  model::SourceId id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

Result<model::Source> find(const ApiServices& services, const http::Request& request) {
  auto id = source_id(request.param("source"));
  if (!id) return Error::NotFound("no such source");
  return services.store.find_source(*id);
}

http::Response text(int status, std::string body) {
  auto response = http::Response::text(status, std::move(body));
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

http::Response websub_verify(const ApiServices& services, const http::Request& request) {
  auto source = find(services, request);
  if (!source) {
    return text(source.error().code == ErrorCode::kNotFound ? 404 : 503, "no such source\n");
  }
  auto verdict = ingest::websub::verify_intent(
      *source, [&](std::string_view name) { return request.query_param(name); },
      services.clock.now());
  if (verdict.record) {
    if (auto recorded = services.store.record_websub(source->id, *verdict.record); !recorded) {
      return text(503, "try again\n");
    }
  }
  return text(verdict.status, verdict.body);
}

http::Response websub_deliver(const ApiServices& services, const http::Request& request) {
  auto source = find(services, request);
  if (!source) {
    return text(source.error().code == ErrorCode::kNotFound ? 404 : 503, "no such source\n");
  }
  const model::WebSub& w = source->websub;
  if (w.state != model::WebSub::State::kActive && w.state != model::WebSub::State::kRequested) {
    return text(410, "not subscribed\n");  // tells the hub to stop
  }
  if (!ingest::websub::signature_valid(w.secret, request.header("x-hub-signature"),
                                       request.body)) {
    // The spec: acknowledge, but ignore. Say so on the source, where an editor looks.
    model::WebSub noted = w;
    noted.error = "ignored a delivery without a valid signature at " +
                  core::format_rfc3339(services.clock.now());
    (void)services.store.record_websub(source->id, noted);
    return text(202, "");
  }
  auto zone = services.store.find_section(source->section_id);
  if (!zone) return text(503, "try again\n");
  ingest::DocumentOrigin origin{
      .channel = model::Channel::kPoll,
      .origin = "websub " + w.hub,
      .source_id = source->id,
      .http_charset = fetch::charset_parameter(request.header("content-type").value_or(""))};
  auto report = ingest::ingest_document(
      services.store, *zone, request.body, origin,
      {.base_url = w.topic, .identity_key = source->settings.identity_key}, services.clock);
  if (!report && report.error().code != ErrorCode::kInvalidInput) {
    return text(503, "try again\n");  // the hub retries; nothing was lost
  }
  return text(202, "");  // an unreadable body is on record in the delivery log
}

}  // namespace nz::api
