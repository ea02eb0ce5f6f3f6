// A target's `approval:` (config/approval_config.h): the word `required`, or
// a mapping {required, timeout, on_timeout, sections, tags, flag}.
#include "config/approval_config.h"
#include "config/config_sections.h"
#include "config/section_values.h"

namespace herald {

void read_approval_section(const SectionReader& target, ApprovalConfig& approval) {
  using std::chrono::milliseconds;
  if (target.has("approval") && !target.is_mapping("approval")) {
    std::optional<ScalarValue> word = target.string("approval");
    if (word && word->text == "required") {
      approval.required = true;
    } else if (word) {
      target.error("approval", "must be 'required' or a mapping {required: true, timeout: 24h, "
                               "on_timeout: reject}, got '" + word->text + "'");
    }
    return;
  }
  SectionReader section =
      target.section("approval", {"required", "timeout", "on_timeout", "sections", "tags", "flag"});
  if (auto required = section.boolean("required")) approval.required = *required;
  read_duration(section, "timeout", milliseconds(1000), true, approval.timeout);
  if (std::optional<ScalarValue> action = section.string("on_timeout")) {
    if (std::optional<ApprovalTimeout> parsed = parse_approval_timeout(action->text)) {
      approval.on_timeout = *parsed;
    } else {
      section.error("on_timeout", "must be reject or approve, got '" + action->text + "'");
    }
  }
  read_slugs(section, "sections", approval.sections);
  read_slugs(section, "tags", approval.tags);
  if (std::optional<ScalarValue> flag = section.string("flag")) approval.flag = flag->text;
  if (approval.required) return;
  for (const char* key : {"timeout", "on_timeout", "sections", "tags", "flag"}) {
    if (!section.has(key)) continue;
    section.error(key, "applies only when 'required' is true; add required: true or remove it");
    return;
  }
}

}  // namespace herald
