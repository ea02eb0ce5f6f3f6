// Media types of the files herald serves from its output directory, decided
// by file name only (never by sniffing the bytes).
//
// Feeds: the configured feed file names (feeds.rss_file, atom_file,
// json_file; exact match) are RSS, Atom and JSON Feed; so are other names
// ending in "rss.xml" and "atom.xml"; other ".xml" is generic XML and other
// ".json" generic JSON. XSLT stylesheets are "text/xsl": the
// type named by <?xml-stylesheet type="text/xsl"?>, listed in the Accept
// header Chromium sends for stylesheets (text/xml, application/xml, text/xsl,
// ...) and honoured by Firefox; "application/xslt+xml" is registered but not
// in Chromium's list, so text/xsl is the one that works in both.
#pragma once

#include <string>
#include <string_view>

namespace herald {

struct MediaType {
  std::string_view content_type;  // with "; charset=utf-8" for text
  bool compressible = false;      // worth gzip (text formats)
  bool feed = false;              // RSS, Atom or JSON Feed: gets WebSub Link headers
};

// The file names the feeds are written under (config feeds.*_file).
struct FeedFileNames {
  std::string rss = "rss.xml";
  std::string atom = "atom.xml";
  std::string json = "feed.json";
};

MediaType media_type_for(std::string_view file_name, const FeedFileNames& feeds = {});

}  // namespace herald
