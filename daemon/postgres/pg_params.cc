#include "daemon/postgres/pg_params.h"

namespace herald {

PgParams& PgParams::text(std::string_view value) {
  values_.emplace_back(std::string(value));
  formats_.push_back(0);
  return *this;
}

PgParams& PgParams::integer(std::int64_t value) { return text(std::to_string(value)); }

PgParams& PgParams::bytes(std::string_view value) {
  values_.emplace_back(std::string(value));
  formats_.push_back(1);
  return *this;
}

PgParams& PgParams::null() {
  values_.emplace_back(std::nullopt);
  formats_.push_back(0);
  return *this;
}

void PgParams::clear() {
  values_.clear();
  formats_.clear();
}

std::vector<const char*> PgParams::values() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& value : values_) out.push_back(value ? value->data() : nullptr);
  return out;
}

std::vector<int> PgParams::lengths() const {
  std::vector<int> out;
  out.reserve(values_.size());
  for (const auto& value : values_) out.push_back(value ? static_cast<int>(value->size()) : 0);
  return out;
}

}  // namespace herald
