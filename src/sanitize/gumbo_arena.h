// A bump allocator for one gumbo parse. gumbo allocates every node, attribute, string and
// vector of its tree separately and gumbo_destroy_output frees them one by one; with an
// arena each allocation is a pointer bump, nothing is freed during the parse, and the tree
// goes all at once with the arena, without the walk. Memory: what gumbo allocates over the
// parse, about what it holds at its peak (the tree, plus buffers it outgrew: at most twice
// their final size, as they double). Private to the sanitizer folder.
#pragma once

#include <cstddef>

namespace nz::sanitize {

class GumboArena {
 public:
  // `first_block`: bytes of the first block; later blocks double.
  explicit GumboArena(size_t first_block);
  ~GumboArena();
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;

  // For GumboOptions::allocator and ::deallocator, with the arena as userdata. allocate
  // returns 16-byte aligned memory like malloc, and aborts when the system has none (as
  // gumbo would crash on the null it does not check); deallocate does nothing.
  static void* allocate(void* arena, size_t size);
  static void deallocate(void* arena, void* ptr);

 private:
  void* grow(size_t size);

  struct Block;
  Block* blocks_ = nullptr;  // newest first
  char* next_ = nullptr;     // free space of the newest block: [next_, end_)
  char* end_ = nullptr;
  size_t next_block_size_;
};

}  // namespace nz::sanitize
