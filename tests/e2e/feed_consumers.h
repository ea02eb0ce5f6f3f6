// Real feed consumers, run as separate processes on files a test wrote:
// xmllint (well-formedness), jing with shared/schemas/atom.rnc (Atom
// structure), python3-feedparser (what a reader parses, bozo flag), sfeed
// (the TSV a reader shows). Each returns "" when the consumer accepts the
// file, else what it said.
#pragma once

#include <string>
#include <vector>

namespace herald::test {

std::string xmllint_problems(const std::vector<std::string>& files);
std::string jing_atom_problems(const std::vector<std::string>& files);
// Every entry of every file must parse with bozo == 0; prints problems.
std::string feedparser_problems(const std::vector<std::string>& files);
// JSON Feed 1.1: parses, version, every item has id/url/title/date_published.
std::string json_feed_problems(const std::vector<std::string>& files);

// One sfeed row: the fields a reader shows.
struct SfeedItem {
  std::string timestamp, title, link, content, content_type, id, author, enclosure, category;
};
std::vector<SfeedItem> sfeed_items(const std::string& feed_file);

}  // namespace herald::test
