// The signature of a post's change (NewDelivery::change): what instances
// sharing an outbox agree on when they see the same edit or deletion, so
// the outbox records it once for the cluster (pg_outbox.h).
//
// post_signature() is the SHA-256 (hex) of what a reader sees of a post,
// the fields post_content_differs() compares (not the file it lives in):
// two copies of the content that hold the same version of a post give
// the same signature, whatever their file stamps or paths. A post.updated
// carries the signature of the version it announces, a post.deleted that
// of the version deleted.
#pragma once

#include <string>

#include "feeds/post.h"

namespace herald {

std::string post_signature(const Post& post);

}  // namespace herald
