// TimeZone over ICU's BasicTimeZone. ICU documents const TimeZone methods as
// usable from several threads, but OlsonTimeZone fills caches lazily; a
// per-zone mutex (uncontended almost always, ~20 ns) removes any doubt.
#include "feeds/time_zone.h"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/ucal.h>

#include <mutex>

namespace herald {

struct TimeZone::Impl {
  explicit Impl(std::unique_ptr<icu::BasicTimeZone> z) : zone(std::move(z)) {}
  std::unique_ptr<icu::BasicTimeZone> zone;
  std::mutex mutex;
};

namespace {

std::unique_ptr<icu::BasicTimeZone> as_basic(icu::TimeZone* zone) {
  std::unique_ptr<icu::TimeZone> owned(zone);
  auto* basic = dynamic_cast<icu::BasicTimeZone*>(owned.get());
  if (basic == nullptr) return nullptr;
  owned.release();
  return std::unique_ptr<icu::BasicTimeZone>(basic);
}

std::unique_ptr<icu::BasicTimeZone> clone_zone(const icu::BasicTimeZone& zone) {
  return as_basic(zone.clone());
}

}  // namespace

TimeZone::TimeZone(std::string name, std::unique_ptr<Impl> impl)
    : name_(std::move(name)), impl_(std::move(impl)) {}

std::optional<TimeZone> TimeZone::load(const std::string& iana_name) {
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(iana_name);
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
  if (zone == nullptr || *zone == icu::TimeZone::getUnknown()) return std::nullopt;
  auto basic = as_basic(zone.release());
  if (basic == nullptr) return std::nullopt;
  return TimeZone(iana_name, std::make_unique<Impl>(std::move(basic)));
}

TimeZone TimeZone::utc() {
  auto basic = as_basic(icu::TimeZone::getGMT()->clone());
  return TimeZone("UTC", std::make_unique<Impl>(std::move(basic)));
}

TimeZone::TimeZone(const TimeZone& other)
    : name_(other.name_), impl_(std::make_unique<Impl>(clone_zone(*other.impl_->zone))) {}

TimeZone& TimeZone::operator=(const TimeZone& other) {
  if (this != &other) *this = TimeZone(other);
  return *this;
}

TimeZone::TimeZone(TimeZone&&) noexcept = default;
TimeZone& TimeZone::operator=(TimeZone&&) noexcept = default;
TimeZone::~TimeZone() = default;

int TimeZone::offset_minutes_at_local(std::int64_t local_seconds) const {
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->zone->getOffsetFromLocal(static_cast<UDate>(local_seconds) * 1000.0,
                                    UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw, dst,
                                    status);
  }
  if (U_FAILURE(status)) return 0;
  return (raw + dst) / 60000;
}

}  // namespace herald
