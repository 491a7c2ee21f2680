#include "render/renderer.h"

#include <atomic>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include <kainjow/mustache.hpp>

namespace nz::render {
namespace {

namespace mstch = kainjow::mustache;

std::atomic<uint64_t> g_next_generation{1};

mstch::data to_data(const View& view) {
  switch (view.kind()) {
    case View::Kind::kString: return mstch::data(view.str());
    case View::Kind::kBool: return view.boolean() ? mstch::data::type::bool_true
                                                  : mstch::data::type::bool_false;
    case View::Kind::kList: {
      mstch::data list{mstch::data::type::list};
      for (const auto& item : view.items()) list.push_back(to_data(item));
      return list;
    }
    case View::Kind::kObject: {
      mstch::data object{mstch::data::type::object};
      for (const auto& [key, value] : view.members()) object.set(key, to_data(value));
      return object;
    }
  }
  return {};
}

// kainjow's render() is not const, so one thread must not share a parsed template with
// another: each thread keeps its own parsed copies, keyed by the renderer's generation.
struct ThreadCache {
  uint64_t generation = 0;
  std::unordered_map<std::string, std::unique_ptr<mstch::mustache>> templates;
};

}  // namespace

View& View::set(std::string key, View value) {
  for (auto& [k, v] : members_) {
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  }
  members_.emplace_back(std::move(key), std::move(value));
  return *this;
}

View& View::push(View item) {
  items_.push_back(std::move(item));
  return *this;
}

Renderer::Renderer(std::filesystem::path dir,
                   std::map<std::string, std::string, std::less<>> sources)
    : dir_(std::move(dir)), sources_(std::move(sources)), generation_(g_next_generation++) {}

Result<std::unique_ptr<Renderer>> Renderer::load(const std::filesystem::path& theme_dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(theme_dir, ec);
  if (ec) {
    return Error::Unavailable("theme " + theme_dir.string() + ": " + ec.message());
  }
  std::map<std::string, std::string, std::less<>> sources;
  for (const auto& entry : it) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    if (!in) return Error::Unavailable("theme " + entry.path().string() + ": cannot read");
    std::ostringstream text;
    text << in.rdbuf();
    mstch::mustache parsed(text.str());
    if (!parsed.is_valid()) {
      return Error::InvalidInput("theme " + entry.path().string() + ": " +
                                 parsed.error_message());
    }
    sources.emplace(entry.path().stem().string(), text.str());
  }
  if (sources.empty()) {
    return Error::InvalidInput("theme " + theme_dir.string() + ": no .mustache templates");
  }
  return std::unique_ptr<Renderer>(new Renderer(theme_dir, std::move(sources)));
}

bool Renderer::has_template(std::string_view name) const {
  return sources_.find(name) != sources_.end();
}

Result<std::string> Renderer::render(std::string_view name, const View& view) const {
  auto source = sources_.find(name);
  if (source == sources_.end()) {
    return Error::NotFound("theme " + dir_.string() + " has no template " + std::string(name));
  }
  thread_local ThreadCache cache;
  if (cache.generation != generation_) {
    cache.templates.clear();
    cache.generation = generation_;
  }
  auto& tmpl = cache.templates[source->first];
  if (!tmpl) tmpl = std::make_unique<mstch::mustache>(source->second);

  mstch::data data = to_data(view);
  // Partials are looked up among the data's keys, so only "_name" templates are partials
  // and view keys never start with '_'.
  for (const auto& [partial_name, partial_source] : sources_) {
    if (partial_name.empty() || partial_name[0] != '_') continue;
    const std::string* text = &partial_source;
    data.set(partial_name, mstch::partial([text] { return *text; }));
  }
  std::string out = tmpl->render(data);
  if (!tmpl->error_message().empty()) {
    return Error::Internal("render " + std::string(name) + ": " + tmpl->error_message());
  }
  return out;
}

}  // namespace nz::render
