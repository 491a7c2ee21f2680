#include "sanitize/gumbo_arena.h"

#include <algorithm>
#include <cstdlib>

#include "core/check.h"

namespace nz::sanitize {
namespace {

constexpr size_t kAlign = 16;  // what malloc guarantees on x86-64, so what gumbo may expect

size_t round_up(size_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }

}  // namespace

struct alignas(kAlign) GumboArena::Block {
  Block* next;
};

GumboArena::GumboArena(size_t first_block) : next_block_size_(round_up(first_block)) {}

GumboArena::~GumboArena() {
  while (blocks_) {
    Block* next = blocks_->next;
    std::free(blocks_);
    blocks_ = next;
  }
}

void* GumboArena::allocate(void* arena, size_t size) {
  auto* self = static_cast<GumboArena*>(arena);
  size = round_up(std::max<size_t>(size, 1));
  if (static_cast<size_t>(self->end_ - self->next_) < size) return self->grow(size);
  void* p = self->next_;
  self->next_ += size;
  return p;
}

void GumboArena::deallocate(void*, void*) {}

void* GumboArena::grow(size_t size) {
  size_t block_size = std::max(next_block_size_, size);
  NZ_CHECK(block_size < (size_t{1} << 48));  // an overflowing request is our bug, not input
  auto* block = static_cast<Block*>(std::malloc(sizeof(Block) + block_size));
  NZ_CHECK(block != nullptr);
  block->next = blocks_;
  blocks_ = block;
  next_ = reinterpret_cast<char*>(block + 1);
  end_ = next_ + block_size;
  next_block_size_ = block_size * 2;
  void* p = next_;
  next_ += size;
  return p;
}

}  // namespace nz::sanitize
