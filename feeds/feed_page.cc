#include "feeds/feed_page.h"

#include <cstdio>

#include "feeds/html_page.h"
#include "feeds/text.h"
#include "feeds/xml_writer_util.h"

namespace herald {
namespace {

struct Labels {
  const char* note;
  const char* subscribe;
  const char* how;
  const char* address;
  const char* copy;
  const char* copied;
  const char* formats;
  const char* latest;
  const char* none;
  const char* section;
  const char* tags;
};

constexpr Labels kSpanish = {
    "Esto es un canal de noticias: una página para lectores de noticias.",
    "Suscribirse",
    "Copie esta dirección en su lector de noticias: recibirá cada nota nueva sin tener que "
    "visitar el sitio.",
    "Dirección del canal",
    "Copiar",
    "Copiada",
    "Formatos:",
    "Últimas noticias",
    "Todavía no hay notas.",
    "Sección:",
    "Etiquetas:",
};

constexpr Labels kEnglish = {
    "This is a news feed: a page for feed readers.",
    "Subscribe",
    "Copy this address into your feed reader: it will bring you every new item without "
    "visiting the website.",
    "Feed address",
    "Copy",
    "Copied",
    "Formats:",
    "Latest items",
    "No items yet.",
    "Section:",
    "Tags:",
};

// Shows the copy button and wires it (Clipboard API, else the selection and
// execCommand), and shows each date in the reader's zone. No '<', '>' or
// '&' (pugixml would escape them; <script> is raw text in HTML).
constexpr const char* kScript =
    "(function(){var d=document,i=d.getElementById('feed-url'),b=d.getElementById('copy-feed-url');"
    "if(i!==null){i.addEventListener('focus',function(){i.select()});"
    "b.hidden=false;b.addEventListener('click',function(){i.select();"
    "var done=function(){b.textContent=b.getAttribute('data-copied')};"
    "if(navigator.clipboard){navigator.clipboard.writeText(i.value).then(done,function(){})}"
    "else if(d.execCommand('copy')){done()}})}"
    "d.querySelectorAll('time[datetime]').forEach(function(t){try{"
    "var v=new Date(t.getAttribute('datetime'));"
    "if(!isNaN(v.getTime())){t.textContent=v.toLocaleString(d.documentElement.lang,"
    "{dateStyle:'long',timeStyle:'short'})}}catch(e){}})})();";

constexpr const char* kEnglishMonths[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};
constexpr const char* kSpanishMonths[] = {"enero", "febrero", "marzo",      "abril",
                                          "mayo",  "junio",   "julio",      "agosto",
                                          "septiembre", "octubre", "noviembre", "diciembre"};

std::string offset_text(int minutes) {
  if (minutes == 0) return "(UTC)";
  int off = minutes < 0 ? -minutes : minutes;
  char buf[32];
  std::snprintf(buf, sizeof buf, "(UTC%c%02d:%02d)", minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

pugi::xml_node append_element(pugi::xml_node parent, const char* name, const char* css_class) {
  pugi::xml_node node = parent.append_child(name);
  node.append_attribute("class") = css_class;
  return node;
}

void append_header(pugi::xml_node body, const Feed& feed, const Labels& labels, bool spanish) {
  append_text_element(append_element(body, "p", "note"), "strong", labels.note);
  append_text_element(body, "h1", feed.title);
  if (!feed.description.empty()) {
    append_text_element(body, "p", feed.description).append_attribute("class") = "description";
  }
  pugi::xml_node home = append_text_element(body.append_child("p"), "a", visit_site_label(spanish));
  set_attribute(home, "href", feed.home_url);
}

void append_subscribe_box(pugi::xml_node body, const Feed& feed, const Labels& labels) {
  pugi::xml_node box = append_element(body, "section", "subscribe");
  append_text_element(box, "h2", labels.subscribe);
  append_text_element(box, "p", labels.how);
  set_attribute(append_text_element(box, "label", labels.address), "for", "feed-url");
  pugi::xml_node copy = append_element(box, "div", "copy");
  pugi::xml_node input = copy.append_child("input");
  set_attribute(input, "id", "feed-url");
  set_attribute(input, "type", "url");
  set_attribute(input, "readonly", "");
  set_attribute(input, "value", subscribe_url(feed));
  pugi::xml_node button = append_text_element(copy, "button", labels.copy);
  set_attribute(button, "type", "button");
  set_attribute(button, "id", "copy-feed-url");
  set_attribute(button, "data-copied", labels.copied);
  set_attribute(button, "hidden", "");
  pugi::xml_node formats = append_element(box, "p", "formats");
  formats.append_child(pugi::node_pcdata).set_value(labels.formats);
  append_format_links(formats, feed.links);
}

void append_entry(pugi::xml_node main, const FeedEntry& entry, const TimeZone& zone,
                  const Labels& labels, bool spanish) {
  pugi::xml_node article = append_element(main, "article", "entry");
  set_attribute(append_text_element(article.append_child("h3"), "a", entry.title), "href",
                entry.url);
  pugi::xml_node meta = append_element(article, "p", "meta");
  pugi::xml_node time = append_text_element(meta, "time", local_date_text(entry.published, zone, spanish));
  set_attribute(time, "datetime", Timestamp{entry.published.unix_seconds, 0}.rfc3339());
  if (!entry.section.empty()) {
    meta.append_child(pugi::node_pcdata).set_value(" · ");
    append_text_element(meta, "span", std::string(labels.section) + " " + entry.section)
        .append_attribute("class") = "section";
  }
  if (!entry.image_url.empty()) {
    pugi::xml_node img = article.append_child("img");
    set_attribute(img, "src", entry.image_url);
    set_attribute(img, "alt", entry.image_alt);
    set_attribute(img, "loading", "lazy");
  }
  if (!entry.summary.empty()) {
    append_text_element(article, "p", entry.summary).append_attribute("class") = "summary";
  }
  if (entry.tags.empty()) return;
  pugi::xml_node tags = append_element(article, "ul", "tags");
  append_text_element(tags, "li", labels.tags);
  for (const std::string& tag : entry.tags) append_text_element(tags, "li", tag);
}

}  // namespace

std::string subscribe_url(const Feed& feed) {
  return feed.links.empty() ? std::string() : feed.links.front().url;
}

std::string local_date_text(const Timestamp& instant, const TimeZone& zone, bool spanish) {
  Timestamp local{instant.unix_seconds, zone.offset_minutes_at(instant.unix_seconds)};
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", local.hour(), local.minute());
  std::string day = std::to_string(local.day());
  std::string year = std::to_string(local.year());
  std::string date = spanish ? day + " de " + kSpanishMonths[local.month() - 1] + " de " + year
                             : std::string(kEnglishMonths[local.month() - 1]) + " " + day + ", " + year;
  return date + ", " + time + " " + offset_text(local.offset_minutes);
}

std::string write_feed_page(const Feed& feed, const TimeZone& zone) {
  bool spanish = is_spanish_language(feed.language);
  const Labels& labels = spanish ? kSpanish : kEnglish;
  HtmlPage page(feed.language, feed.title);
  for (const FeedLink& link : feed.links) append_alternate_link(page.head(), feed.title, link);
  pugi::xml_node body = page.body();
  append_header(body, feed, labels, spanish);
  append_subscribe_box(body, feed, labels);
  pugi::xml_node main = body.append_child("main");
  append_text_element(main, "h2", labels.latest);
  if (feed.entries.empty()) append_text_element(main, "p", labels.none);
  for (const FeedEntry& entry : feed.entries) append_entry(main, entry, zone, labels, spanish);
  append_text_element(body, "script", kScript);
  return page.str();
}

}  // namespace herald
