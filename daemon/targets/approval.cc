#include "daemon/targets/approval.h"

#include <string>

#include "daemon/targets/mastodon/mastodon_limits.h"
#include "daemon/targets/target_filter.h"
#include "daemon/text/text_length.h"

namespace herald {
namespace {

TextLimits limits_of(std::size_t max_length, TextCounter count, std::size_t max_bytes = 0) {
  TextLimits limits;
  limits.max_length = max_length;
  limits.count = std::move(count);
  limits.max_bytes = max_bytes;
  return limits;
}

constexpr std::size_t kBlueskyGraphemes = 300;
constexpr std::size_t kBlueskyBytes = 3000;
constexpr std::size_t kDiscordContent = 2000;

}  // namespace

void hold_for_approval(const ApprovalConfig& approval, const Post& post, std::int64_t now_ms, NewDelivery& delivery) {
  if (!approval.required || !post_matches(approval.sections, approval.tags, approval.flag, post)) return;
  delivery.awaiting_approval = true;
  delivery.approval_deadline_ms = approval.timeout.count() > 0 ? now_ms + approval.timeout.count() : 0;
  delivery.approve_on_timeout = approval.on_timeout == ApprovalTimeout::approve;
}

Result<TextLimits> editable_text_limits(const TargetConfig& target, std::string_view saved_state) {
  switch (target.type) {
    case TargetType::mastodon: {
      std::string spoiler = target.as<MastodonSettings>().spoiler_text;
      MastodonLimits server = read_mastodon_limits_state(saved_state).value_or(MastodonLimits{});
      std::size_t url = server.characters_reserved_per_url;
      return limits_of(server.max_characters, [spoiler, url](std::string_view text) {
        return count_mastodon(text, spoiler, url);
      });
    }
    case TargetType::bluesky:
      return limits_of(kBlueskyGraphemes, count_graphemes, kBlueskyBytes);
    case TargetType::x:
      return limits_of(kXMaxWeightedLength, count_x_weighted);
    case TargetType::facebook:
      return limits_of(kFacebookMessageMax, count_utf16_units);
    case TargetType::linkedin:
      return limits_of(kLinkedInCommentaryMax, count_utf16_units);
    case TargetType::threads:
      return limits_of(kThreadsTextMax, count_threads);
    case TargetType::instagram:
      return limits_of(kInstagramCaptionMax, count_instagram_caption);
    case TargetType::discord:
      return limits_of(kDiscordContent, count_utf16_units);
    default:
      break;
  }
  return Result<TextLimits>::failed(target.name + " is a " + target_type_name(target.type) +
                                    " target: its text cannot be edited (mastodon, bluesky, x, "
                                    "facebook, linkedin, threads, instagram and discord texts can)");
}

std::optional<EditorTextRefusal> refuse_editor_text(const TextLimits& limits, std::string_view text) {
  using Kind = EditorTextRefusal::Kind;
  if (text.empty()) return EditorTextRefusal{Kind::empty, 0, limits.max_length};
  std::size_t length = limits.count(text);
  if (limits.max_length > 0 && length > limits.max_length) {
    return EditorTextRefusal{Kind::too_long, length, limits.max_length};
  }
  if (limits.max_bytes > 0 && text.size() > limits.max_bytes) {
    return EditorTextRefusal{Kind::too_many_bytes, text.size(), limits.max_bytes};
  }
  return std::nullopt;
}

Status check_editor_text(const TargetConfig& target, std::string_view text, std::string_view saved_state) {
  Result<TextLimits> limits = editable_text_limits(target, saved_state);
  if (!limits.ok()) return limits.status();
  std::optional<EditorTextRefusal> refusal = refuse_editor_text(*limits, text);
  if (!refusal) return {};
  switch (refusal->kind) {
    case EditorTextRefusal::Kind::empty:
      return Status::failed("the text is empty; give the text to post, or approve without --text");
    case EditorTextRefusal::Kind::too_long:
      return Status::failed("the text is " + std::to_string(refusal->length) + " characters as " +
                            target_type_name(target.type) + " counts them; the limit is " +
                            std::to_string(refusal->limit));
    case EditorTextRefusal::Kind::too_many_bytes:
      break;
  }
  return Status::failed("the text is " + std::to_string(refusal->length) + " bytes; the limit is " +
                        std::to_string(refusal->limit) + " bytes");
}

}  // namespace herald
