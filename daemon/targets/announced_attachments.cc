#include "daemon/targets/announced_attachments.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/url/parse_query.hpp>

namespace herald {
namespace {

namespace json = boost::json;

const json::object* object_at(const json::value* v) { return v && v->is_object() ? &v->get_object() : nullptr; }

const json::object* object_in(const json::object* o, const char* key) {
  return o ? object_at(o->if_contains(key)) : nullptr;
}

std::string text_in(const json::object* o, const char* key) {
  const json::value* v = o ? o->if_contains(key) : nullptr;
  return v && v->is_string() ? std::string(v->get_string()) : "";
}

// The URL the request before `index` fetched (Bluesky fetches the post's
// image, then uploads it).
std::string fetched_before(const std::vector<ShownRequest>& requests, std::size_t index) {
  for (std::size_t i = index; i-- > 0;) {
    if (requests[i].method == "GET") return requests[i].url;
  }
  return "";
}

// Bluesky: {"record": {"embed": external | images}}.
void read_bluesky(const json::object& body, const std::vector<ShownRequest>& requests, std::size_t index,
                  AnnouncedAttachments& out) {
  const json::object* embed = object_in(object_in(&body, "record"), "embed");
  if (embed == nullptr) return;
  if (const json::object* external = object_in(embed, "external")) {
    PreviewCard card{text_in(external, "uri"), text_in(external, "title"), text_in(external, "description"), "", ""};
    if (external->contains("thumb")) card.image = fetched_before(requests, index);
    out.card = card;
  }
  const json::value* images = embed->if_contains("images");
  if (images && images->is_array() && !images->get_array().empty()) {
    out.image = PreviewImage{fetched_before(requests, index), text_in(object_at(&images->get_array()[0]), "alt")};
  }
}

// LinkedIn: {"content": {"article": {"source", "title", "description", "thumbnail", "thumbnailAltText"}}}.
void read_linkedin(const json::object& body, AnnouncedAttachments& out) {
  const json::object* article = object_in(object_in(&body, "content"), "article");
  if (article == nullptr) return;
  out.card = PreviewCard{text_in(article, "source"), text_in(article, "title"), text_in(article, "description"),
                         text_in(article, "thumbnail"), text_in(article, "thumbnailAltText")};
}

// Discord: {"embeds": [{"url", "title", "description", "image": {"url"}}]}.
void read_discord(const json::object& body, AnnouncedAttachments& out) {
  const json::value* embeds = body.if_contains("embeds");
  if (!embeds || !embeds->is_array() || embeds->get_array().empty()) return;
  const json::object* embed = object_at(&embeds->get_array()[0]);
  if (embed == nullptr) return;
  out.card = PreviewCard{text_in(embed, "url"), text_in(embed, "title"), text_in(embed, "description"),
                         text_in(object_in(embed, "image"), "url"), ""};
}

// X: the media's {"metadata": {"alt_text": {"text"}}}, after its upload.
void read_x_alt(const json::object& body, AnnouncedAttachments& out) {
  const json::object* alt = object_in(object_in(&body, "metadata"), "alt_text");
  if (alt == nullptr) return;
  std::string source = out.image ? out.image->source : "";
  out.image = PreviewImage{source, text_in(alt, "text")};
}

void read_json(const ShownRequest& request, const std::vector<ShownRequest>& requests, std::size_t index,
               AnnouncedAttachments& out) {
  boost::system::error_code ec;
  json::value value = json::parse(request.body, ec);
  const json::object* body = ec ? nullptr : value.if_object();
  if (body == nullptr) return;
  read_bluesky(*body, requests, index, out);
  read_linkedin(*body, out);
  read_discord(*body, out);
  read_x_alt(*body, out);
}

// The URL an earlier request fetched the file `name` from ("" none): the
// post's image, fetched before its upload when no variant was stored.
std::string fetched_file(const std::vector<ShownRequest>& requests, std::size_t index, const std::string& name) {
  const std::string tail = "/" + name;
  for (std::size_t i = index; i-- > 0;) {
    const std::string& url = requests[i].url;
    if (requests[i].method == "GET" && url.size() > tail.size() &&
        url.compare(url.size() - tail.size(), tail.size(), tail) == 0) {
      return url;
    }
  }
  return "";
}

// Mastodon's and X's upload: a multipart form with the file (and Mastodon's "description").
void read_upload(const std::vector<ShownRequest>& requests, std::size_t index, AnnouncedAttachments& out) {
  PreviewImage image;
  bool file = false;
  for (const auto& [name, value] : requests[index].fields) {
    if (name == "description") image.alt = value;
    if (value.rfind("<", 0) != 0 || value.find(" bytes of image/") == std::string::npos) continue;
    file = true;
    std::size_t named = value.find(" (file ");
    std::string filename = named == std::string::npos ? "" : value.substr(named + 7, value.size() - named - 8);
    std::string fetched = filename.empty() ? "" : fetched_file(requests, index, filename);
    image.source = fetched.empty() ? value.substr(0, value.find('>') + 1) : fetched;
  }
  if (file) out.image = image;
}

// Threads and Instagram: a form body with "image_url" and "alt_text".
void read_form(const ShownRequest& request, AnnouncedAttachments& out) {
  if (request.body.find("image_url=") == std::string::npos) return;
  boost::system::result<boost::urls::params_encoded_view> params = boost::urls::parse_query(request.body);
  if (!params) return;
  PreviewImage image;
  boost::urls::encoding_opts form;
  form.space_as_plus = true;
  for (auto param : *params) {
    if (param.key == "image_url") image.source = param.value.decode(form);
    if (param.key == "alt_text") image.alt = param.value.decode(form);
  }
  if (!image.source.empty()) out.image = image;
}

}  // namespace

AnnouncedAttachments announced_attachments(const std::vector<ShownRequest>& requests) {
  AnnouncedAttachments out;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const ShownRequest& request = requests[i];
    if (!request.fields.empty()) {
      read_upload(requests, i, out);
    } else if (!request.body.empty() && request.body.front() == '{') {
      read_json(request, requests, i, out);
    } else {
      read_form(request, out);
    }
  }
  return out;
}

}  // namespace herald
