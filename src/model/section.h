// Section: where articles are listed. Either the host's own editorial section or a partner
// zone, whose articles a partner supplies and whose pages carry the partner's label.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/partner.h"
#include "model/topic.h"

namespace nz::model {

using SectionId = int64_t;

enum class SectionKind { kEditorial, kPartnerZone };
enum class ModerationPolicy { kAutoPublish, kHoldForReview };
// Which page a zone's article names as canonical: the host's own page, or the partner's
// original (article.content.original_url) where the zone's contract says search engines
// should credit the partner.
enum class CanonicalPolicy { kHost, kPartner };

std::string_view to_string(SectionKind kind);        // "editorial", "zone"
std::string_view to_string(ModerationPolicy policy);  // "auto-publish", "hold-for-review"
std::optional<ModerationPolicy> parse_moderation_policy(std::string_view text);
std::string_view to_string(CanonicalPolicy policy);  // "host", "partner"
std::optional<CanonicalPolicy> parse_canonical_policy(std::string_view text);

// Defaults of a zone's label, with {{partner}} and {{SITE}} (the site's name in capitals)
// filled in when a page is rendered.
inline constexpr std::string_view kDefaultAttribution =
    "This page is provided in cooperation with {{partner}}.";
inline constexpr std::string_view kDefaultDisclaimer =
    "{{SITE}} does not exercise editorial control over this section and is not responsible "
    "for the topics and content of this section.";

inline constexpr std::string_view kDefaultLinkRel = "sponsored nofollow";

// True when `rel` is empty or space-separated link types from the set a link policy may use:
// sponsored, nofollow, ugc, noopener, noreferrer, external.
bool is_valid_link_rel(std::string_view rel);

struct Section {
  SectionId id = 0;        // assigned by the store
  std::string slug;        // "china-news-zone"; the index page is /{slug}/
  std::string title;       // "China News Zone"
  std::string description; // one line under the title; may be empty
  SectionKind kind = SectionKind::kEditorial;
  int position = 0;        // order in navigation and on the home page, ascending

  // Partner zones only (empty / defaults for editorial sections).
  std::optional<PartnerId> partner_id;
  std::string attribution_template{kDefaultAttribution};
  std::string disclaimer_template{kDefaultDisclaimer};
  std::optional<TopicId> topic_id;  // the zone's topic: "More News About {topic}"
  ModerationPolicy moderation = ModerationPolicy::kAutoPublish;
  std::optional<std::string> contract_start;  // "YYYY-MM-DD"
  std::optional<std::string> contract_end;    // "YYYY-MM-DD"; later articles show as archived
  bool noindex = false;                       // keep search engines off the zone's pages
  // The zone's link policy: link types added to every link in its partner's HTML after
  // "noopener noreferrer" (see is_valid_link_rel).
  std::string link_rel{kDefaultLinkRel};
  // Paid content: the partner pays for the zone, so its articles are schema.org
  // AdvertiserContentArticle rather than NewsArticle.
  bool paid_content = false;
  CanonicalPolicy canonical = CanonicalPolicy::kHost;

  bool is_zone() const { return kind == SectionKind::kPartnerZone; }
};

}  // namespace nz::model
