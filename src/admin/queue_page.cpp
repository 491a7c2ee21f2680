// /admin/queue: the moderation queue, for admins and editors. Pending articles (zones whose
// moderation is hold-for-review put their partner's articles here; ingest/store_item.cpp),
// most recently received first, filtered by zone. One form holds the whole page: a button per
// row approves that article; the checkboxes with "Approve selected" or "Reject selected"
// (with a reason) decide many at once, all in one transaction, each written to the audit log.
// Editing before publishing happens in the article view (article_page.cpp).
#include <algorithm>
#include <set>

#include "admin/article_view.h"
#include "admin/moderation.h"
#include "admin/page.h"
#include "admin/pages.h"
#include "store/store.h"

namespace nz::admin {
namespace {

// The most articles one POST decides: a page of the queue, with room to spare.
constexpr size_t kMaxBulk = 200;

struct QueueInput {
  std::string zone;  // a section's slug; "" for every section
  int64_t page = 1;
  std::set<std::string> selected;  // ids ticked, kept when the form comes back with an error
  std::string reason;
};

http::Response render_queue(const AdminServices& services, const Principal& principal,
                            const QueueInput& input, int status, std::string_view message,
                            std::string_view notice) {
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  store::ArticleQuery query{.status = model::ArticleStatus::kPending};
  if (!input.zone.empty()) {
    auto it = std::find_if(context->sections.begin(), context->sections.end(),
                           [&](const model::Section& s) { return s.slug == input.zone; });
    if (it == context->sections.end()) {
      return admin_error(services, 404, "There is no section or zone \"" + input.zone + "\".",
                         &principal);
    }
    query.sections.push_back(it->id);
  }
  auto found = services.store.find_articles(
      query, {.offset = (input.page - 1) * kArticlesShown, .limit = kArticlesShown});
  if (!found) return admin_error_for(services, found.error(), &principal);
  render::View rows = render::View::list();
  for (const auto& a : found->articles) {
    render::View row = article_row(*context, a, "/admin/articles/");
    row.set("checked", input.selected.count(std::to_string(a.id)) > 0);
    rows.push(std::move(row));
  }
  const std::string filter = input.zone.empty() ? "" : "zone=" + query_escape(input.zone);
  render::View view = admin_frame(services, *context, "Moderation queue", &principal,
                                  "/admin/queue");
  view.set("articles", std::move(rows))
      .set("articles_none", found->articles.empty())
      .set("total", std::to_string(found->total))
      .set("filtered", !input.zone.empty())
      .set("zones", section_options(*context, {}, input.zone))
      .set("zone", input.zone)
      .set("reason", input.reason)
      .set("max_reason", std::to_string(kMaxReasonBytes))
      .set("message", web::text_or_false(std::string(message)))
      .set("notice", web::text_or_false(std::string(notice)))
      .set("pagination", list_pagination("/admin/queue", filter, input.page, found->total));
  return admin_page(services, "admin_queue", view, status);
}

std::string done_notice(const http::Request& request) {
  auto done = request.query_param("done");
  auto count = request.query_param("count");
  if (!done || !count || !positive_id(*count)) return "";
  const std::string n = *count == "1" ? "1 article" : *count + " articles";
  if (*done == "approve") return n + " approved and published.";
  if (*done == "reject") return n + " rejected. The partner sees the reason.";
  return "";
}

}  // namespace

http::Response queue_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto page = web::requested_page(request);
  if (!page) return admin_error(services, 400, page.error().message, &principal);
  QueueInput input{.zone = request.query_param("zone").value_or(""), .page = *page};
  return render_queue(services, principal, input, 200, "", done_notice(request));
}

http::Response queue_submit(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  QueueInput input{.zone = field(form, "zone"), .reason = field(form, "reason")};
  std::vector<std::string> ids = field_values(request.body, "id");
  input.selected.insert(ids.begin(), ids.end());

  // A row's own button names its article; the bulk buttons act on the ticked ones.
  Decision decision = Decision::kApprove;
  if (std::string one = field(form, "approve_one"); !one.empty()) {
    ids = {one};
  } else if (field(form, "action") == "reject") {
    decision = Decision::kReject;
  } else if (field(form, "action") != "approve") {
    return render_queue(services, principal, input, 422, "Choose what to do.", "");
  }
  if (ids.empty()) {
    return render_queue(services, principal, input, 422,
                        "Tick the articles to approve or reject first.", "");
  }
  if (ids.size() > kMaxBulk) {
    return render_queue(services, principal, input, 422,
                        "At most " + std::to_string(kMaxBulk) + " articles at once.", "");
  }
  std::vector<model::ArticleId> article_ids;
  for (const auto& text : ids) {
    auto id = positive_id(text);
    if (!id) return render_queue(services, principal, input, 422, "That is no article.", "");
    if (std::find(article_ids.begin(), article_ids.end(), *id) == article_ids.end()) {
      article_ids.push_back(*id);
    }
  }
  // All or none: one refused article (already decided by somebody else, say) leaves every
  // other as it was, and the editor sees why.
  std::string failed_on;
  auto done = services.store.atomically([&]() -> Status {
    for (model::ArticleId id : article_ids) {
      auto decided = decide(services.store, services.site.clock,
                            Actor::user(principal.user, request.remote_address), id, decision,
                            input.reason);
      if (!decided) {
        failed_on = std::to_string(id);
        return decided.error();
      }
    }
    return Ok();
  });
  if (!done) {
    const ErrorCode code = done.error().code;
    if (code == ErrorCode::kInvalidInput) {
      return render_queue(services, principal, input, 422, done.error().message, "");
    }
    if (code == ErrorCode::kConflict || code == ErrorCode::kNotFound) {
      return render_queue(services, principal, input, 409,
                          "Nothing was changed: article " + failed_on + ": " +
                              (code == ErrorCode::kNotFound ? std::string("no such article.")
                                                            : done.error().message),
                          "");
    }
    return admin_error_for(services, done.error(), &principal);
  }
  std::string location = "/admin/queue?done=" + std::string(to_string(decision)) +
                         "&count=" + std::to_string(article_ids.size());
  if (!input.zone.empty()) location += "&zone=" + query_escape(input.zone);
  return see_other(location);
}

}  // namespace nz::admin
