#include "app/change_follower.h"

#include "store/store.h"

namespace nz::app {

Status ChangeFollower::start() {
  auto last = store_.last_change_seq();
  if (!last) return last.error();
  last_seq_ = *last;
  return {};
}

Result<std::vector<ChangedArticle>> ChangeFollower::next() {
  std::vector<ChangedArticle> out;
  int64_t seq = last_seq_;
  for (int batch = 0; batch < 20; ++batch) {
    auto changes = store_.list_changed_articles(seq, 500);
    if (!changes) return changes.error();
    if (changes->empty()) break;
    for (auto& change : *changes) {
      auto topics = store_.topics_of(change.article.id);
      if (!topics) return topics.error();
      out.push_back({std::move(change.article), std::move(*topics)});
    }
    seq = changes->back().change_seq;
  }
  last_seq_ = seq;
  return out;
}

}  // namespace nz::app
