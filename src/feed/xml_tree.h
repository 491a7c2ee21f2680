// How a Document's tree is built, for the two readers (xml_reader.cpp, xml_libxml2.cpp): an
// arena that owns nodes and decoded strings, and a builder that appends nodes in document
// order and merges adjacent text. Internal to nz_feed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "feed/xml_dom.h"

namespace nz::feed::xml {

// Bump allocation for trivially destructible objects and strings, freed all at once.
class Arena {
 public:
  template <class T>
  T* make(size_t n = 1) {
    static_assert(std::is_trivially_destructible_v<T>);
    void* p = allocate(sizeof(T) * n, alignof(T));
    T* out = static_cast<T*>(p);
    for (size_t i = 0; i < n; ++i) new (out + i) T();
    return out;
  }

  template <class T>
  std::span<const T> copy(const std::vector<T>& items) {
    if (items.empty()) return {};
    T* out = make<T>(items.size());
    for (size_t i = 0; i < items.size(); ++i) out[i] = items[i];
    return {out, items.size()};
  }

  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  void clear() {
    blocks_.clear();
    cur_ = nullptr;
    left_ = 0;
  }

 private:
  static constexpr size_t kBlock = 64 * 1024;

  void* allocate(size_t size, size_t align) {
    size_t pad = (align - reinterpret_cast<std::uintptr_t>(cur_) % align) % align;
    if (size + pad > left_) {
      if (size > kBlock / 4) {  // large: a block of its own, the current one stays in use
        blocks_.emplace_back(new std::byte[size + align]);  // not zeroed
        std::byte* p = blocks_.back().get();
        size_t big_pad = (align - reinterpret_cast<std::uintptr_t>(p) % align) % align;
        return p + big_pad;
      }
      blocks_.emplace_back(new std::byte[kBlock]);
      cur_ = blocks_.back().get();
      left_ = kBlock;
      pad = (align - reinterpret_cast<std::uintptr_t>(cur_) % align) % align;
    }
    std::byte* p = cur_ + pad;
    cur_ += pad + size;
    left_ -= pad + size;
    return p;
  }

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* cur_ = nullptr;
  size_t left_ = 0;
};

// Appends nodes in document order. Adjacent text (character data, CDATA, references) becomes
// one text node, as in libxml2's tree; a single piece that already lives long enough (a view
// into the source, or arena memory) is kept as it is, without a copy.
class TreeBuilder {
 public:
  explicit TreeBuilder(Arena& arena) : arena_(arena) {}

  Node* start_element(std::string_view local, std::string_view prefix, std::string_view ns,
                      std::span<const Attr> attrs, std::span<const NsDecl> ns_decls) {
    Node* n = append(Kind::kElement);
    n->local = local;
    n->prefix = prefix;
    n->ns = ns;
    n->attrs = attrs;
    n->ns_decls = ns_decls;
    current_ = n;
    return n;
  }

  void end_element() {
    flush_text();
    if (current_) current_ = current_->parent;
  }

  // A piece of text that outlives the tree (a view into the source or the arena).
  void text(std::string_view piece) {
    if (piece.empty()) return;
    if (!has_text_) {
      pending_ = piece;
      has_text_ = true;
      return;
    }
    if (!in_scratch_) {
      scratch_.assign(pending_);
      in_scratch_ = true;
    }
    scratch_.append(piece);
  }

  // A piece of text that must be copied (decoded into a temporary buffer).
  void text_copy(std::string_view piece) {
    if (piece.empty()) return;
    if (!in_scratch_) {
      scratch_.assign(has_text_ ? pending_ : std::string_view());
      in_scratch_ = true;
      has_text_ = true;
    }
    scratch_.append(piece);
  }

  void comment(std::string_view content) { append(Kind::kComment)->value = content; }

  void pi(std::string_view target, std::string_view content) {
    Node* n = append(Kind::kPi);
    n->local = target;
    n->value = content;
  }

  Node* root() const { return root_; }
  Node* current() const { return current_; }

 private:
  Node* append(Kind kind) {
    if (kind != Kind::kText) flush_text();
    Node* n = arena_.make<Node>();
    n->kind = kind;
    n->parent = current_;
    if (current_) {
      if (current_->last) {
        current_->last->next = n;
      } else {
        current_->first = n;
      }
      current_->last = n;
    } else if (kind == Kind::kElement && !root_) {
      root_ = n;
    }
    return n;
  }

  void flush_text() {
    if (!has_text_) return;
    std::string_view value = in_scratch_ ? arena_.copy(scratch_) : pending_;
    has_text_ = false;
    in_scratch_ = false;
    if (!current_) return;  // text outside the root element is not part of the tree
    append(Kind::kText)->value = value;
  }

  Arena& arena_;
  Node* root_ = nullptr;
  Node* current_ = nullptr;
  std::string_view pending_;
  std::string scratch_;
  bool has_text_ = false;
  bool in_scratch_ = false;
};

// The strict reader (xml_reader.cpp): builds the tree of `doc` and returns true, or returns
// false as soon as it meets anything it does not accept (the caller then drops what was
// built and asks libxml2). It accepts only well-formed XML 1.0 with namespaces, ASCII names,
// no DOCTYPE, and nesting at most 256 deep; everything it accepts, libxml2 accepts as
// well-formed and reads into the same tree.
bool read_strict(std::string_view doc, Arena& arena, Node*& root);

// libxml2 (xml_libxml2.cpp): recovery mode, no network, external entities never loaded. The
// tree is copied into `arena`; `error` is the first error libxml2 reported, none when the
// document was well-formed. `root` is null when nothing could be recovered.
void read_libxml2(std::string_view doc, Arena& arena, Node*& root,
                  std::optional<std::string>& error);

}  // namespace nz::feed::xml
