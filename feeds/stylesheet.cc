// write_stylesheet: one XSL 1.0 stylesheet that shows an RSS 2.0 channel or
// an Atom feed as an HTML page (title, description, a note on what a feed
// is, the items with their links, dates and summaries). The template below
// is parsed with pugixml and its labels are set per language, so the output
// is always well-formed and escaped by the library.
#include <string>

#include "feeds/feed_writers.h"
#include "feeds/text.h"
#include "feeds/xml_writer_util.h"

namespace herald {
namespace {

constexpr const char* kTemplate = R"XSL(<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>
  <xsl:template match="/">
    <html>
      <xsl:attribute name="lang">
        <xsl:value-of select="rss/channel/language | atom:feed/@xml:lang"/>
      </xsl:attribute>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="rss/channel/title | atom:feed/atom:title"/></title>
        <style>body{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5}.note{background:#fff6d6;padding:1em;border-radius:4px}.date{color:#555;font-size:.9em}</style>
      </head>
      <body>
        <p class="note"><strong class="note-title">This is a news feed (RSS).</strong><br/><span class="note-text">Subscribe by copying the address of this page into your feed reader.</span></p>
        <h1><xsl:value-of select="rss/channel/title | atom:feed/atom:title"/></h1>
        <p class="description"><xsl:value-of select="rss/channel/description | atom:feed/atom:subtitle"/></p>
        <p><a class="home-link">
          <xsl:attribute name="href">
            <xsl:value-of select="rss/channel/link | atom:feed/atom:link[@rel='alternate'][@type='text/html']/@href"/>
          </xsl:attribute>Visit the website</a></p>
        <h2 class="items-heading">Latest items</h2>
        <xsl:for-each select="rss/channel/item | atom:feed/atom:entry">
          <article>
            <h3><a>
              <xsl:attribute name="href">
                <xsl:value-of select="link | atom:link[@rel='alternate']/@href"/>
              </xsl:attribute>
              <xsl:value-of select="title | atom:title"/>
            </a></h3>
            <p class="date"><xsl:value-of select="pubDate | atom:published | atom:updated"/></p>
            <p><xsl:value-of select="description | atom:summary"/></p>
          </article>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
)XSL";

struct Label {
  const char* xpath;
  const char* spanish;
  const char* english;
};

constexpr Label kLabels[] = {
    {"//strong[@class='note-title']", "Esto es un canal de noticias (RSS).",
     "This is a news feed (RSS)."},
    {"//span[@class='note-text']",
     "Para suscribirse, copie la dirección de esta página en su lector de noticias; "
     "recibirá cada nota nueva sin tener que visitar el sitio.",
     "To subscribe, copy the address of this page into your feed reader; "
     "it will bring you every new item without visiting the website."},
    {"//a[@class='home-link']", "Visitar el sitio", "Visit the website"},
    {"//h2[@class='items-heading']", "Últimas noticias", "Latest items"},
};

// Replaces the first text child of `element` (the label) with `text`.
void set_label(pugi::xml_node element, const char* text) {
  for (pugi::xml_node child : element.children()) {
    if (child.type() == pugi::node_pcdata) {
      child.set_value(text);
      return;
    }
  }
  element.append_child(pugi::node_pcdata).set_value(text);
}

}  // namespace

std::string write_stylesheet(const std::string& language) {
  pugi::xml_document doc;
  start_xml_document(doc, "");
  pugi::xml_document xsl;
  xsl.load_string(kTemplate);
  doc.append_copy(xsl.document_element());
  bool spanish = is_spanish_language(language);
  for (const Label& label : kLabels) {
    pugi::xml_node element = doc.select_node(label.xpath).node();
    set_label(element, spanish ? label.spanish : label.english);
  }
  return serialize_xml(doc);
}

}  // namespace herald
