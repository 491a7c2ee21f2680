// DeliveryStore keeps the log of every document received (model::Delivery). Thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "core/result.h"
#include "model/delivery.h"

namespace nz::store {

struct DeliveryFilter {
  std::optional<model::SectionId> section;
  std::optional<int64_t> source;
  std::optional<int64_t> token;
  // Only deliveries into the zones of this partner: the partner's delivery log.
  std::optional<model::PartnerId> partner;
  int limit = 50;  // 1..500, newest first
  int64_t offset = 0;  // skip this many of the newest (paging back)
};

class DeliveryStore {
 public:
  virtual ~DeliveryStore() = default;
  // Records a document as it arrives (result "in progress"); returns it with its id.
  // kNotFound when the section does not exist.
  virtual Result<model::Delivery> begin_delivery(const model::Delivery& delivery) = 0;
  // Records what became of its items. kNotFound.
  virtual Status finish_delivery(model::DeliveryId id, const std::string& format,
                                 const model::DeliveryCounts& counts,
                                 const std::string& result) = 0;
  virtual Result<std::vector<model::Delivery>> list_deliveries(const DeliveryFilter& filter) = 0;
  // How many deliveries the filter matches, on all pages (limit and offset aside).
  virtual Result<int64_t> count_deliveries(const DeliveryFilter& filter) = 0;
};

}  // namespace nz::store
