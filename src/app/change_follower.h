// ChangeFollower: what changed in the store since the last look, for the components that tell
// the outside world (the WebSub hub, the CDN). It follows the articles' change sequence from
// the moment start() is called, as the search indexer does from its own recorded number.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "model/article.h"
#include "model/topic.h"

namespace nz::store { class Store; }

namespace nz::app {

struct ChangedArticle {
  model::Article article;  // as it stands now
  std::vector<model::Topic> topics;
};

class ChangeFollower {
 public:
  explicit ChangeFollower(store::Store& store) : store_(store) {}
  // From now on: what happened before is not news.
  Status start();
  // Every article changed since the last call (or start), at most 10,000 per call; the
  // rest comes with the next. A failure leaves the position where it was.
  Result<std::vector<ChangedArticle>> next();

 private:
  store::Store& store_;
  int64_t last_seq_ = 0;
};

}  // namespace nz::app
