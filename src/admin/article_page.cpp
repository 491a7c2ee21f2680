// /admin/articles/{id}: one article as stored, for admins and editors: its body as readers
// see it (stored sanitized), status, zone and topics, every version with who made it and
// when, and a word-level diff between any two versions (a plain GET form picks them). Its
// forms edit the headline and standfirst (a new version made by the editor), approve,
// reject, withdraw and restore it, and add and remove topics (moderation.h).
// /partner/articles/{id}: the same page, read-only, for a partner user whose zone holds the
// article; any other article is 404, worded as for one that does not exist.
#include <algorithm>

#include "admin/article_view.h"
#include "admin/moderation.h"
#include "admin/page.h"
#include "admin/pages.h"
#include "admin/word_diff.h"
#include "core/rfc3339.h"
#include "ingest/tagging.h"
#include "store/store.h"
#include "web/urls.h"

namespace nz::admin {
namespace {

constexpr std::string_view kNoSuchArticle = "There is no such article.";

// What the editor typed into a form, shown again with an error; nullopt: not in this form.
struct EditInput {
  std::optional<std::string> headline;
  std::optional<std::string> standfirst;
  std::optional<std::string> topic;
};

render::View diff_view(std::string_view before, std::string_view after) {
  render::View pieces = render::View::list();
  for (const auto& p : word_diff(before, after)) {
    pieces.push(render::View()
                    .set("text", p.text)
                    .set("ins", p.op == DiffOp::kInsert)
                    .set("del", p.op == DiffOp::kDelete));
  }
  return pieces;
}

std::string trimmed(std::string text) {
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  while (!text.empty() && space(text.back())) text.pop_back();
  size_t start = 0;
  while (start < text.size() && space(text[start])) ++start;
  return text.substr(start);
}

std::string made_by(const model::ArticleVersion& v, bool partner_view, const std::string& site) {
  if (v.editor_id) {
    return partner_view ? "edited by " + site : "edited by " + v.editor_email;
  }
  if (v.delivery_id) return "delivered (delivery " + std::to_string(*v.delivery_id) + ")";
  return "imported";
}

// The version number a diff picker asks for; nullopt when absent, 0 when not a version.
std::optional<int> picked(const http::Request& request, std::string_view name, int versions) {
  auto text = request.query_param(name);
  if (!text || text->empty()) return std::nullopt;
  auto n = positive_id(*text);
  return n && *n <= versions ? static_cast<int>(*n) : 0;
}

http::Response render_article(const AdminServices& services, const http::Request& request,
                              const Principal& principal, model::ArticleId id, int status,
                              std::string_view message, const EditInput* input) {
  const bool partner_view = principal.user.role == model::Role::kPartner;
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  auto article = services.store.find_article(id);
  if (!article) {
    if (article.error().code == ErrorCode::kNotFound) {
      return admin_error(services, 404, kNoSuchArticle, &principal);
    }
    return admin_error_for(services, article.error(), &principal);
  }
  const model::Section* section = context->section(article->section_id);
  if (!section) return admin_error(services, 404, kNoSuchArticle, &principal);
  if (partner_view && (!section->is_zone() || section->partner_id != principal.user.partner_id)) {
    return admin_error(services, 404, kNoSuchArticle, &principal);
  }
  const model::Partner* partner = context->partner_of(*section);
  auto versions = services.store.list_versions(id);
  if (!versions) return admin_error_for(services, versions.error(), &principal);
  auto topics = services.store.topics_of(id);
  if (!topics) return admin_error_for(services, topics.error(), &principal);

  const std::string base = (partner_view ? "/partner/articles/" : "/admin/articles/") +
                           std::to_string(id);
  const int count = static_cast<int>(versions->size());
  // The diff: the versions picked, else the current one against the one before it.
  auto from = picked(request, "from", count);
  auto to = picked(request, "to", count);
  std::string diff_message;
  if ((from && *from == 0) || (to && *to == 0)) {
    diff_message = "Pick two of the versions listed.";
    from = to = std::nullopt;
  }
  const int to_version = to.value_or(count);
  const int from_version = from.value_or(std::max(1, to_version - 1));
  render::View diff(false);
  if (count > 1 && from_version != to_version) {
    const auto& a = versions->at(from_version - 1).content;
    const auto& b = versions->at(to_version - 1).content;
    const std::string text_a = trimmed(ingest::text_of_sanitized(a.body_html));
    const std::string text_b = trimmed(ingest::text_of_sanitized(b.body_html));
    diff = render::View()
               .set("from", std::to_string(from_version))
               .set("to", std::to_string(to_version))
               .set("headline", diff_view(a.headline, b.headline))
               .set("headline_same", a.headline == b.headline)
               .set("standfirst", diff_view(a.standfirst, b.standfirst))
               .set("standfirst_same", a.standfirst == b.standfirst)
               .set("body", diff_view(text_a, text_b))
               .set("body_same", text_a == text_b);
  } else if (count > 1) {
    diff_message = "Pick two different versions to compare.";
  }

  render::View version_rows = render::View::list();
  render::View from_options = render::View::list();
  render::View to_options = render::View::list();
  for (auto it = versions->rbegin(); it != versions->rend(); ++it) {
    const std::string n = std::to_string(it->version);
    version_rows.push(render::View()
                          .set("version", n)
                          .set("created", short_time(it->created))
                          .set("made_by", made_by(*it, partner_view, context->site.name))
                          .set("by_editor", it->editor_id.has_value())
                          .set("headline", it->content.headline)
                          .set("current", it->version == article->version));
    from_options.push(render::View().set("n", n).set("selected", it->version == from_version));
    to_options.push(render::View().set("n", n).set("selected", it->version == to_version));
  }

  render::View topic_rows = render::View::list();
  for (const auto& t : *topics) {
    topic_rows.push(render::View()
                        .set("id", std::to_string(t.id))
                        .set("name", t.name)
                        .set("url", web::topic_path(t))
                        .set("kind", std::string(model::to_string(t.kind))));
  }

  render::View actions = render::View::list();
  bool has_actions = false;
  for (Decision d : {Decision::kApprove, Decision::kReject, Decision::kWithdraw,
                     Decision::kRestore}) {
    if (partner_view || !refusal(*article, d).empty()) continue;
    static constexpr std::string_view kLabels[] = {"Approve and publish", "Reject",
                                                   "Withdraw", "Restore"};
    has_actions = true;
    actions.push(render::View()
                     .set("action", std::string(to_string(d)))
                     .set("label", std::string(kLabels[static_cast<int>(d)]))
                     .set("needs_reason", needs_reason(d)));
  }
  const bool can_approve = refusal(*article, Decision::kApprove).empty();

  std::string notice;
  if (auto done = request.query_param("done")) {
    if (*done == "approve") notice = "Approved: the article is published.";
    else if (*done == "reject") notice = "Rejected: the partner sees the reason.";
    else if (*done == "withdraw") notice = "Withdrawn: readers now get 410 Gone.";
    else if (*done == "restore") notice = "Restored: the article is on the site again.";
    else if (*done == "edit") notice = "Saved as a new version.";
    else if (*done == "tag") notice = "Topic added.";
    else if (*done == "untag") notice = "Topic removed.";
  }

  const auto& c = article->content;
  const bool readable = article->status == model::ArticleStatus::kPublished;
  render::View view = admin_frame(services, *context, c.headline, &principal,
                                  partner_view ? "/partner/articles" : "/admin/articles");
  view.set("id", std::to_string(id))
      .set("base", base)
      .set("partner_view", partner_view)
      .set("headline", c.headline)
      .set("standfirst", web::text_or_false(c.standfirst))
      .set("author", web::text_or_false(c.author))
      .set("body_html", c.body_html)
      .set("status", status_label(*article))
      .set("status_class", status_class(*article))
      .set("reason", web::text_or_false(article->status_reason))
      .set("zone", section->title)
      .set("is_zone", section->is_zone())
      .set("partner", partner ? render::View(partner->name) : render::View(false))
      .set("version", std::to_string(article->version))
      .set("received", short_time(article->ingested))
      .set("published", short_time(article->published))
      .set("updated", short_time(article->updated))
      .set("embargo", article->embargo_until
                          ? render::View(core::format_rfc3339(*article->embargo_until))
                          : render::View(false))
      .set("original_url", web::text_or_false(c.original_url))
      .set("reader_url", readable ? render::View(web::article_path(*section, *article))
                                  : render::View(false))
      .set("topics", std::move(topic_rows))
      .set("topics_none", topics->empty())
      .set("actions", std::move(actions))
      .set("has_actions", has_actions)
      .set("can_approve", can_approve)
      .set("edit_headline", input && input->headline ? *input->headline : c.headline)
      .set("edit_standfirst", input && input->standfirst ? *input->standfirst : c.standfirst)
      .set("add_topic", input && input->topic ? *input->topic : std::string())
      .set("max_headline", std::to_string(kMaxHeadlineBytes))
      .set("max_standfirst", std::to_string(kMaxStandfirstBytes))
      .set("max_reason", std::to_string(kMaxReasonBytes))
      .set("max_topic", std::to_string(kMaxTopicBytes))
      .set("versions", std::move(version_rows))
      .set("version_count", std::to_string(count))
      .set("several_versions", count > 1)
      .set("from_options", std::move(from_options))
      .set("to_options", std::move(to_options))
      .set("diff", std::move(diff))
      .set("diff_message", web::text_or_false(diff_message))
      .set("message", web::text_or_false(std::string(message)))
      .set("notice", web::text_or_false(notice));
  return admin_page(services, "admin_article", view, status);
}

// Runs an editor's POST on /admin/articles/{id}/...: checks, then `act`, which returns the
// error to show, if any; a success goes back to the article with `done` as its notice.
http::Response article_post(const AdminServices& services, const http::Request& request,
                            std::string_view done,
                            const std::function<Status(const Principal&, model::ArticleId,
                                                       const Form&)>& act,
                            EditInput input = {}) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto id = positive_id(request.param("id"));
  if (!id) return admin_error(services, 404, kNoSuchArticle, &principal);
  if (auto found = services.store.find_article(*id); !found) {
    if (found.error().code == ErrorCode::kNotFound) {
      return admin_error(services, 404, kNoSuchArticle, &principal);
    }
    return admin_error_for(services, found.error(), &principal);
  }
  auto acted = act(principal, *id, form);
  if (!acted) {
    const Error& e = acted.error();
    if (e.code == ErrorCode::kInvalidInput || e.code == ErrorCode::kConflict ||
        e.code == ErrorCode::kNotFound) {
      return render_article(services, request, principal, *id,
                            e.code == ErrorCode::kConflict ? 409 : 422, e.message, &input);
    }
    return admin_error_for(services, e, &principal);
  }
  return see_other("/admin/articles/" + std::to_string(*id) + "?done=" + std::string(done));
}

Actor actor_of(const Principal& principal, const http::Request& request) {
  return Actor::user(principal.user, request.remote_address);
}

}  // namespace

http::Response article_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto id = positive_id(request.param("id"));
  if (!id) return admin_error(services, 404, kNoSuchArticle, &principal);
  return render_article(services, request, principal, *id, 200, "", nullptr);
}

http::Response partner_article_page(const AdminServices& services,
                                    const http::Request& request) {
  auto who = require(services, request, {model::Role::kPartner});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto id = positive_id(request.param("id"));
  if (!id) return admin_error(services, 404, kNoSuchArticle, &principal);
  return render_article(services, request, principal, *id, 200, "", nullptr);
}

http::Response article_action(const AdminServices& services, const http::Request& request) {
  const std::string action = request.param("action");
  if (action == "edit") {
    const Form form = parse_form(request.body);
    EditInput input{.headline = field(form, "headline"), .standfirst = field(form, "standfirst")};
    const bool publish = !field(form, "publish").empty();
    return article_post(
        services, request, publish ? "approve" : "edit",
        [&](const Principal& p, model::ArticleId id, const Form& f) -> Status {
          auto edited = edit(services.store, services.site.clock, actor_of(p, request), id,
                             field(f, "headline"), field(f, "standfirst"), publish);
          if (!edited) return edited.error();
          return Ok();
        },
        input);
  }
  if (action == "tags") {
    const Form form = parse_form(request.body);
    EditInput input;
    input.topic = field(form, "topic");
    return article_post(
        services, request, "tag",
        [&](const Principal& p, model::ArticleId id, const Form& f) -> Status {
          auto added = add_topic(services.store, services.site.clock, actor_of(p, request), id,
                                 field(f, "topic"));
          if (!added) return added.error();
          return Ok();
        },
        input);
  }
  for (Decision d : {Decision::kApprove, Decision::kReject, Decision::kWithdraw,
                     Decision::kRestore}) {
    if (action != to_string(d)) continue;
    return article_post(services, request, action,
                        [&](const Principal& p, model::ArticleId id, const Form& f) -> Status {
                          auto decided = decide(services.store, services.site.clock,
                                                actor_of(p, request), id, d, field(f, "reason"));
                          if (!decided) return decided.error();
                          return Ok();
                        });
  }
  // Not an action: the same checks as any admin POST, then 404.
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  return admin_error(services, 404, "There is no such page here.", &std::get<Principal>(who));
}

http::Response remove_article_topic(const AdminServices& services,
                                    const http::Request& request) {
  return article_post(services, request, "untag",
                      [&](const Principal& p, model::ArticleId id, const Form&) -> Status {
                        auto topic = positive_id(request.param("topic"));
                        if (!topic) return Error::NotFound("There is no such topic.");
                        return remove_topic(services.store, services.site.clock,
                                            actor_of(p, request), id, *topic);
                      });
}

}  // namespace nz::admin
