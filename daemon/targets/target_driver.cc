// The pieces of target_driver.h every driver shares.
#include "daemon/targets/target_driver.h"

#include <utility>

#include "feeds/text.h"

namespace herald {

AttemptStep SingleRequestAttempt::first(std::int64_t now_ms) {
  Result<HttpRequest> request = build_(now_ms);
  if (!request.ok()) return AttemptStep::done(dead_outcome(request.error()));
  return AttemptStep::send(std::move(*request));
}

AttemptStep SingleRequestAttempt::next(const HttpResponse& response, std::int64_t now_ms) {
  return AttemptStep::done(read_(response, now_ms));
}

namespace {

std::string bytes_of(std::size_t size, const std::string& type) {
  return "<" + std::to_string(size) + " bytes of " + (type.empty() ? "binary data" : type) + ">";
}

bool is_text(const std::string& data) {
  return find_invalid_utf8(data) == std::string::npos && data.find('\0') == std::string::npos;
}

}  // namespace

std::string shown_part(const FormPart& part) {
  if (part.filename.empty() && is_text(part.data)) return part.data;
  return bytes_of(part.data.size(), part.content_type) + (part.filename.empty() ? "" : " (file " + part.filename + ")");
}

std::string shown_body(const HttpRequest& request) {
  if (request.form.empty()) return is_text(request.body) ? request.body : bytes_of(request.body.size(), "");
  std::string shown = "multipart/form-data:";
  for (const FormPart& part : request.form) shown += "\n  " + part.name + "=" + shown_part(part);
  return shown;
}

DeliveryOutcome dead_outcome(std::string error) {
  DeliveryOutcome outcome;
  outcome.kind = DeliveryOutcome::Kind::dead;
  outcome.error = std::move(error);
  return outcome;
}

}  // namespace herald
