// View: the data a template sees: a string, a boolean, a list or an object of named views.
// Pages build one per request; the Renderer turns it into mustache data. Strings are escaped
// by the template ({{x}}) unless it asks for raw HTML ({{{x}}}), which only sanitized HTML
// may use.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace nz::render {

class View {
 public:
  enum class Kind { kString, kBool, kObject, kList };

  View() : kind_(Kind::kObject) {}  // an empty object
  View(std::string s) : kind_(Kind::kString), str_(std::move(s)) {}  // NOLINT: implicit
  View(const char* s) : kind_(Kind::kString), str_(s) {}              // NOLINT
  View(bool b) : kind_(Kind::kBool), bool_(b) {}                      // NOLINT
  static View list() {
    View v;
    v.kind_ = Kind::kList;
    return v;
  }

  // Object: sets a member (replacing one of that name). Returns *this for chaining.
  View& set(std::string key, View value);
  // List: appends an item.
  View& push(View item);

  Kind kind() const { return kind_; }
  const std::string& str() const { return str_; }
  bool boolean() const { return bool_; }
  const std::vector<std::pair<std::string, View>>& members() const { return members_; }
  const std::vector<View>& items() const { return items_; }
  bool empty_list() const { return kind_ == Kind::kList && items_.empty(); }

 private:
  Kind kind_;
  std::string str_;
  bool bool_ = false;
  std::vector<std::pair<std::string, View>> members_;
  std::vector<View> items_;
};

}  // namespace nz::render
