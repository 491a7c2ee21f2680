// `newszone tag list|add|remove ARTICLE [TOPIC...]`: an editor's word on an article's topics.
// An editor's tag and an editor's removal are never overwritten by re-tagging (issue 5).
// `newszone retag`: the tagger runs again over every stored article (after an upgrade of
// the topic data), keeping zones' and editors' tags.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cctype>
#include <iostream>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "cli/table.h"
#include "ingest/tagging.h"

namespace nz::cli {
namespace {

struct TagFlags {
  std::string article;
  std::vector<std::string> topics;
};

// "123", "/china-news-zone/123-some-slug" or the page's full URL: the article's id.
std::optional<model::ArticleId> article_id(std::string_view text) {
  while (!text.empty() && text.back() == '/') text.remove_suffix(1);
  if (auto slash = text.rfind('/'); slash != std::string_view::npos) text.remove_prefix(slash + 1);
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 18 || (digits < text.size() && text[digits] != '-')) {
    return std::nullopt;
  }
  return std::stoll(std::string(text.substr(0, digits)));
}

Result<model::Article> find_article(store::Store& store, const std::string& text) {
  auto id = article_id(text);
  if (!id) {
    return Error::InvalidInput("\"" + text +
                               "\" is no article: give its id or its page's URL");
  }
  return store.find_article(*id);
}

void print_topics(store::Store& store, const model::Article& article) {
  auto topics = store.topics_of(article.id);
  if (!topics) return;
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : *topics) {
    rows.push_back({t.slug, t.name, std::string(model::to_string(t.kind))});
  }
  std::cout << article.id << " " << article.content.headline << "\n";
  if (rows.empty()) std::cout << "no topics\n";
  else print_table(std::cout, {"SLUG", "NAME", "KIND"}, rows);
}

}  // namespace

void add_tag_command(CLI::App& app, Common& common) {
  auto* tag = app.add_subcommand("tag", "show, add or remove an article's topics");
  auto flags = std::make_shared<TagFlags>();

  auto* list = tag->add_subcommand("list", "show an article's topics");
  list->add_option("ARTICLE", flags->article, "the article's id or its page's URL")->required();
  list->callback([&common, flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto article = find_article(*store, flags->article);
    if (!article) return report(common, article.error());
    print_topics(*store, *article);
  });

  for (const bool add : {true, false}) {
    auto* cmd = tag->add_subcommand(
        add ? "add" : "remove",
        add ? "tag an article with topics; re-tagging never takes an editor's tag away"
            : "take topics off an article; re-tagging never puts them back");
    cmd->add_option("ARTICLE", flags->article, "the article's id or its page's URL")->required();
    cmd->add_option("TOPIC", flags->topics, "topic slugs (china, sco) or country codes (CN)")
        ->required();
    cmd->callback([&common, flags, add] {
      core::SystemClock clock;
      auto store = open_store_or_report(common, clock);
      if (!store) return;
      auto article = find_article(*store, flags->article);
      if (!article) return report(common, article.error());
      auto section = store->find_section(article->section_id);
      if (!section) return report(common, section.error());
      std::vector<model::Topic> topics;
      for (const std::string& name : flags->topics) {
        auto topic = ingest::find_or_create_topic(*store, name);
        if (!topic) return report(common, topic.error());
        if (!add && section->topic_id == topic->id) {
          return report(common, Error::InvalidInput(
                                    topic->name + " is the topic of " + section->title +
                                    ", which applies to all its articles"));
        }
        topics.push_back(*topic);
      }
      Status done = store->atomically([&]() -> Status {
        for (const model::Topic& t : topics) {
          Status one = add ? store->tag_article(article->id, t.id, model::TagSource::kEditor)
                           : store->untag_article(article->id, t.id);
          if (!one) return one;
        }
        return Ok();
      });
      if (!done) return report(common, done.error());
      print_topics(*store, *article);
    });
  }
}

void add_retag_command(CLI::App& app, Common& common) {
  auto* cmd = app.add_subcommand(
      "retag", "run the tagger again over every stored article; editors' tags are kept");
  cmd->callback([&common] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto total = store->count_articles();
    if (!total) return report(common, total.error());
    const bool progress = ::isatty(STDERR_FILENO) != 0;
    ingest::TopicIds ids(*store);
    int64_t done = 0;
    size_t tags = 0;
    // Batches of 500 articles, each in one transaction: a crash keeps every finished batch.
    for (model::ArticleId after = 0;;) {
      auto batch = store->list_article_ids(after, 500);
      if (!batch) return report(common, batch.error());
      if (batch->empty()) break;
      Status stored = store->atomically([&]() -> Status {
        for (model::ArticleId id : *batch) {
          auto article = store->find_article(id);
          if (!article) return article.error();
          auto found = ingest::retag_article(*store, *article, ids);
          if (!found) return found.error();
          tags += *found;
        }
        return Ok();
      });
      if (!stored) {
        ids.forget();
        return report(common, stored.error());
      }
      after = batch->back();
      done += static_cast<int64_t>(batch->size());
      if (progress) {
        std::cerr << "\rretagged " << done << " of " << *total << " articles" << std::flush;
      }
    }
    if (progress) std::cerr << "\r\033[K" << std::flush;
    std::cout << "retagged " << done << " articles: " << tags << " topics from the tagger\n";
  });
}

}  // namespace nz::cli
