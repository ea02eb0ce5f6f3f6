// The names of an enum whose values run 0..N-1, in an array indexed by the
// value: lookups both ways, for the enums whose names are written in the
// configuration or stored (target_type.h, delivery_event.h).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

template <typename Enum, std::size_t N>
const char* enum_name(const std::array<const char*, N>& names, Enum value) {
  return names.at(static_cast<std::size_t>(value));
}

// The value named `name` exactly; nullopt for any other text.
template <typename Enum, std::size_t N>
std::optional<Enum> enum_by_name(const std::array<const char*, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

// The names of the values `keep` accepts, in value order.
template <typename Enum, std::size_t N>
std::vector<std::string> enum_names_where(const std::array<const char*, N>& names,
                                          bool (*keep)(Enum)) {
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < N; ++i) {
    if (keep(static_cast<Enum>(i))) kept.emplace_back(names[i]);
  }
  return kept;
}

}  // namespace herald
