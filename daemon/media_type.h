// Media types of the files herald serves from its output directory, decided
// by file name only (never by sniffing the bytes).
//
// Feeds: names ending in "rss.xml" are RSS, "atom.xml" Atom, ".json" JSON
// Feed; other ".xml" is generic XML. XSLT stylesheets are "text/xsl": the
// type named by <?xml-stylesheet type="text/xsl"?>, listed in the Accept
// header Chromium sends for stylesheets (text/xml, application/xml, text/xsl,
// ...) and honoured by Firefox; "application/xslt+xml" is registered but not
// in Chromium's list, so text/xsl is the one that works in both.
#pragma once

#include <string_view>

namespace herald {

struct MediaType {
  std::string_view content_type;  // with "; charset=utf-8" for text
  bool compressible = false;      // worth gzip (text formats)
  bool feed = false;              // RSS, Atom or JSON Feed: gets WebSub Link headers
};

MediaType media_type_for(std::string_view file_name);

}  // namespace herald
