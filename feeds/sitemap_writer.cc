#include "feeds/sitemap_writer.h"

#include "feeds/string_util.h"
#include "feeds/xml_writer_util.h"

namespace herald {
namespace {

constexpr const char* kSitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
constexpr const char* kNewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";
constexpr std::size_t kMaxLocLength = 2048;

pugi::xml_node start(pugi::xml_document& doc, const char* root_name) {
  start_xml_document(doc, "");
  pugi::xml_node root = doc.append_child(root_name);
  root.append_attribute("xmlns") = kSitemapNamespace;
  return root;
}

std::string write_list(const char* root_name, const char* item_name,
                       const std::vector<SitemapUrl>& urls) {
  pugi::xml_document doc;
  pugi::xml_node root = start(doc, root_name);
  for (const SitemapUrl& url : urls) {
    if (url.loc.size() > kMaxLocLength) continue;
    pugi::xml_node item = root.append_child(item_name);
    append_text_element(item, "loc", url.loc);
    append_text_element(item, "lastmod", url.lastmod.rfc3339());
  }
  return serialize_xml(doc);
}

}  // namespace

std::string write_sitemap(const std::vector<SitemapUrl>& urls) {
  return write_list("urlset", "url", urls);
}

std::string write_sitemap_index(const std::vector<SitemapUrl>& sitemaps) {
  return write_list("sitemapindex", "sitemap", sitemaps);
}

std::string write_news_sitemap(const std::string& publication, const std::string& language,
                               const std::vector<NewsArticle>& articles) {
  pugi::xml_document doc;
  pugi::xml_node root = start(doc, "urlset");
  root.append_attribute("xmlns:news") = kNewsNamespace;
  const std::string code = news_language(language);
  for (const NewsArticle& article : articles) {
    if (article.loc.size() > kMaxLocLength) continue;
    pugi::xml_node url = root.append_child("url");
    append_text_element(url, "loc", article.loc);
    pugi::xml_node news = url.append_child("news:news");
    pugi::xml_node name = news.append_child("news:publication");
    append_text_element(name, "news:name", publication);
    append_text_element(name, "news:language", code);
    append_text_element(news, "news:publication_date", article.published.rfc3339());
    append_text_element(news, "news:title", article.title);
  }
  return serialize_xml(doc);
}

std::string news_language(const std::string& bcp47) {
  std::string tag = ascii_lower(bcp47);
  std::string primary = tag.substr(0, tag.find('-'));
  if (primary == "zh") {
    for (const char* traditional : {"-tw", "-hk", "-mo", "-hant"}) {
      if (tag.find(traditional) != std::string::npos) return "zh-tw";
    }
    return "zh-cn";
  }
  bool letters = primary.size() >= 2 && primary.size() <= 3;
  for (char c : primary) letters = letters && c >= 'a' && c <= 'z';
  return letters ? primary : "en";
}

}  // namespace herald
