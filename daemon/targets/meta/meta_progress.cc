#include "daemon/targets/meta/meta_progress.h"

#include <boost/json.hpp>

namespace herald {

namespace json = boost::json;

std::string meta_progress_text(const MetaProgress& progress) {
  return json::serialize(json::object{
      {"container", progress.container}, {"created_ms", progress.created_ms}, {"publishing", progress.publishing}});
}

MetaProgress read_meta_progress(const std::optional<std::string>& text) {
  MetaProgress progress;
  if (!text) return progress;
  boost::system::error_code ec;
  json::value parsed = json::parse(*text, ec);
  if (ec || !parsed.is_object()) return progress;
  const json::object& o = parsed.get_object();
  const json::value* container = o.if_contains("container");
  const json::value* created = o.if_contains("created_ms");
  const json::value* publishing = o.if_contains("publishing");
  if (container && container->is_string()) progress.container = std::string(container->get_string());
  if (created && created->is_int64()) progress.created_ms = created->get_int64();
  if (publishing && publishing->is_bool()) progress.publishing = publishing->get_bool();
  return progress;
}

}  // namespace herald
