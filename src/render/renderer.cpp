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

// A view's own value: a string or a boolean as it is, an empty list or object for the rest.
mstch::data shell(const View& view) {
  switch (view.kind()) {
    case View::Kind::kString: return mstch::data(view.str());
    case View::Kind::kBool: return view.boolean() ? mstch::data::type::bool_true
                                                  : mstch::data::type::bool_false;
    case View::Kind::kList: return mstch::data(mstch::data::type::list);
    case View::Kind::kObject: return mstch::data(mstch::data::type::object);
  }
  return {};
}

// Fills `out`, made by shell(view), with the view's items or members, each built where it
// stays. kainjow's set() and push_back() copy what they are given, so handing them finished
// subtrees copied every subtree once per level above it (14% of a zone article's render).
// Here only empty shells and strings are copied; `out` is ours, so reaching into it through
// const_cast changes nothing that is const.
void fill(const View& view, mstch::data& out) {
  if (view.kind() == View::Kind::kList) {
    auto& items = const_cast<mstch::list&>(out.list_value());
    items.reserve(view.items().size());
    for (const auto& item : view.items()) {
      items.push_back(shell(item));
      fill(item, items.back());
    }
  } else if (view.kind() == View::Kind::kObject) {
    for (const auto& [key, value] : view.members()) {
      out.set(key, shell(value));
      fill(value, *const_cast<mstch::data*>(out.get(key)));
    }
  }
}

mstch::data to_data(const View& view) {
  mstch::data out = shell(view);
  fill(view, out);
  return out;
}

// Partials ("{{> _name}}", "{{>_name}}") replaced by their text, recursively, so that a page
// is parsed once and not again on every render: kainjow parses a partial each time it meets
// it. A partial sees the context of the place it is included, so the text in place means the
// same; only the whitespace of a partial tag standing on its own line differs, which HTML
// ignores. Unknown partials stay as they are (kainjow renders them as nothing).
std::string inline_partials(const std::string& text,
                            const std::map<std::string, std::string, std::less<>>& sources,
                            int depth = 0) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text.find("{{>", pos);
    if (open == std::string::npos) break;
    size_t close = text.find("}}", open);
    if (close == std::string::npos) break;
    std::string name = text.substr(open + 3, close - open - 3);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    auto partial = sources.find(name);
    out.append(text, pos, open - pos);
    if (partial == sources.end() || name.empty() || name[0] != '_' || depth > 8) {
      out.append(text, open, close + 2 - open);
    } else {
      out += inline_partials(partial->second, sources, depth + 1);
    }
    pos = close + 2;
  }
  out.append(text, pos, std::string::npos);
  return out;
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
  std::map<std::string, std::string, std::less<>> inlined;
  for (const auto& [name, text] : sources) inlined.emplace(name, inline_partials(text, sources));
  for (const auto& [name, text] : inlined) {
    if (!mstch::mustache(text).is_valid()) {
      return Error::InvalidInput("theme " + theme_dir.string() + ": " + name +
                                 " with its partials in place does not parse");
    }
  }
  sources = std::move(inlined);
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

  // Partials are in place already (inline_partials); only "_name" templates are partials,
  // and view keys never start with '_'.
  mstch::data data = to_data(view);
  std::string out = tmpl->render(data);
  if (!tmpl->error_message().empty()) {
    return Error::Internal("render " + std::string(name) + ": " + tmpl->error_message());
  }
  return out;
}

}  // namespace nz::render
