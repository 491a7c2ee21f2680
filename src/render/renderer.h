// Renderer: a theme's mustache templates, loaded once and rendered many times.
// A theme is a folder of NAME.mustache files: pages, and partials whose names start with '_'
// that any template can include ({{> _header}}). Thread-safe: render() may run on many threads at once.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "render/view.h"

namespace nz::render {

class Renderer {
 public:
  // Reads every *.mustache file in theme_dir and checks that each parses. kUnavailable when the
  // folder cannot be read; kInvalidInput naming the file and the mustache error otherwise.
  static Result<std::unique_ptr<Renderer>> load(const std::filesystem::path& theme_dir);

  // Renders template `name` (file name without .mustache) with view as its data.
  // kNotFound when the theme has no such template.
  Result<std::string> render(std::string_view name, const View& view) const;

  bool has_template(std::string_view name) const;
  const std::filesystem::path& theme_dir() const { return dir_; }

 private:
  Renderer(std::filesystem::path dir, std::map<std::string, std::string, std::less<>> sources);

  std::filesystem::path dir_;
  std::map<std::string, std::string, std::less<>> sources_;
  // A unique id per Renderer so that each thread's cache of parsed templates is its own.
  uint64_t generation_;
};

}  // namespace nz::render
