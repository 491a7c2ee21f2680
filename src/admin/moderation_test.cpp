// The status rules of moderation (which decision applies to which article, and what the
// admin and the portal call each state); the changes themselves, with the store and the audit
// log, are tested against the real server (tests/integration/test_admin_moderation.py).
#include "admin/moderation.h"

#include <gtest/gtest.h>

namespace nz::admin {
namespace {

using model::ArticleStatus;

model::Article article(ArticleStatus status, std::optional<model::Actor> by = std::nullopt,
                       bool was_published = false) {
  model::Article a;
  a.id = 7;
  a.status = status;
  a.withdrawn_by = by;
  if (was_published) a.withdrawn_at = core::Timestamp{std::chrono::seconds{1700000000}};
  return a;
}

const model::Article kPending = article(ArticleStatus::kPending);
const model::Article kDraft = article(ArticleStatus::kDraft);
const model::Article kPublished = article(ArticleStatus::kPublished);
const model::Article kRejected = article(ArticleStatus::kWithdrawn, model::Actor::kEditor);
const model::Article kWithdrawn = article(ArticleStatus::kWithdrawn, model::Actor::kEditor, true);
const model::Article kTakenDown = article(ArticleStatus::kWithdrawn, model::Actor::kPartner, true);

TEST(StatusLabel, NamesRejectionsWithdrawalsAndTakeDownsApart) {
  EXPECT_EQ(status_label(kPending), "pending");
  EXPECT_EQ(status_label(kDraft), "draft");
  EXPECT_EQ(status_label(kPublished), "published");
  EXPECT_EQ(status_label(kRejected), "rejected");
  EXPECT_EQ(status_label(kWithdrawn), "withdrawn");
  EXPECT_EQ(status_label(kTakenDown), "taken down");
  EXPECT_EQ(status_label(article(ArticleStatus::kWithdrawn, model::Actor::kPartner)),
            "taken down");
}

TEST(Refusal, AllowsEachDecisionOnlyFromItsStatuses) {
  struct Row {
    const char* name;
    const model::Article& a;
    bool approve, reject, withdraw, restore;
  };
  const Row rows[] = {
      {"pending", kPending, true, true, false, false},
      {"draft", kDraft, true, true, false, false},
      {"published", kPublished, false, false, true, false},
      {"rejected", kRejected, true, false, false, false},
      {"withdrawn", kWithdrawn, false, false, false, true},
      {"taken down", kTakenDown, false, false, false, false},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(refusal(r.a, Decision::kApprove).empty(), r.approve) << r.name;
    EXPECT_EQ(refusal(r.a, Decision::kReject).empty(), r.reject) << r.name;
    EXPECT_EQ(refusal(r.a, Decision::kWithdraw).empty(), r.withdraw) << r.name;
    EXPECT_EQ(refusal(r.a, Decision::kRestore).empty(), r.restore) << r.name;
  }
}

TEST(Refusal, SaysWhatToDoInstead) {
  EXPECT_EQ(refusal(kPublished, Decision::kReject),
            "This article is published: withdraw it instead of rejecting it.");
  EXPECT_EQ(refusal(kPending, Decision::kWithdraw),
            "This article was never published: reject it instead of withdrawing it.");
  EXPECT_EQ(refusal(kRejected, Decision::kRestore),
            "This article was rejected, never published: approve it instead.");
  EXPECT_EQ(refusal(kTakenDown, Decision::kRestore),
            "Its partner took this article down; only the partner can put it back.");
  EXPECT_EQ(refusal(kPublished, Decision::kApprove), "This article is already published.");
}

TEST(NeedsReason, RejectAndWithdrawOnly) {
  EXPECT_TRUE(needs_reason(Decision::kReject));
  EXPECT_TRUE(needs_reason(Decision::kWithdraw));
  EXPECT_FALSE(needs_reason(Decision::kApprove));
  EXPECT_FALSE(needs_reason(Decision::kRestore));
}

TEST(OneLine, TrimsAndFoldsWhitespace) {
  EXPECT_EQ(one_line("  Talks \r\n end\t today  "), "Talks end today");
  EXPECT_EQ(one_line(" \n "), "");
  EXPECT_EQ(one_line("x"), "x");
}

TEST(ArticleJson, RecordsStatusReasonAndTheEditableText) {
  model::Article a = kRejected;
  a.version = 2;
  a.status_reason = "Off topic";
  a.content.headline = "A \"quoted\" headline";
  EXPECT_EQ(article_json(a),
            R"({"id":7,"status":"rejected","reason":"Off topic","version":2,)"
            R"("headline":"A \"quoted\" headline","standfirst":""})");
}

}  // namespace
}  // namespace nz::admin
