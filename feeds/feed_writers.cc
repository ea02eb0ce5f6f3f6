// write_feed: picks the writer of one format (see feed_writers.h).
#include "feeds/feed_writers.h"

namespace herald {

std::string write_feed(const Feed& feed, FeedFormat format) {
  switch (format) {
    case FeedFormat::rss:
      return write_rss(feed);
    case FeedFormat::atom:
      return write_atom(feed);
    case FeedFormat::json:
      return write_json_feed(feed);
  }
  return {};
}

}  // namespace herald
