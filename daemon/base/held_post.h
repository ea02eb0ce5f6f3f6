// A post whose deletion herald holds back (site/site_state.h DeletionHold:
// the content directory unlistable, or more posts vanishing at once than
// watch.max_deletions allows), as the operator and the editors see it in
// `herald status`, the control socket's status JSON and the console's
// problems page. A value, shared by those layers.
#pragma once

#include <string>

namespace herald {

struct HeldPost {
  std::string path;   // relative to content.dir
  std::string id;     // the post's id (news_id); "" when no post is known at `path`
  std::string title;  // "" when unknown
  bool operator==(const HeldPost&) const = default;
};

}  // namespace herald
