#include "daemon/console/console_pages.h"

#include <algorithm>

#include "daemon/console/console_text.h"
#include "feeds/html_page.h"
#include "feeds/timestamp.h"

namespace herald {
namespace {

using pugi::xml_node;

const char* say(const PageContext& page, const Label& label) { return say(page.spanish, label); }

constexpr Label kTitle{"herald console", "consola de herald"};
constexpr Label kPosts{"Posts", "Publicaciones"};
constexpr Label kDead{"Dead letters", "Envíos fallidos"};
constexpr Label kProblems{"Problems", "Problemas"};
constexpr Label kLogout{"Log out", "Cerrar sesión"};
constexpr Label kLogin{"Log in", "Iniciar sesión"};
constexpr Label kUser{"Account", "Cuenta"};
constexpr Label kPassword{"Password", "Contraseña"};
constexpr Label kTarget{"Target", "Destino"};
constexpr Label kState{"State", "Estado"};
constexpr Label kDetail{"Detail", "Detalle"};
constexpr Label kDate{"Date", "Fecha"};
constexpr Label kApprove{"Approve", "Aprobar"};
constexpr Label kPreviewText{"Preview this text", "Previsualizar este texto"};
constexpr Label kReject{"Reject", "Rechazar"};
constexpr Label kRetry{"Retry", "Reintentar"};
constexpr Label kResend{"Resend to the chosen targets", "Reenviar a los destinos elegidos"};
constexpr Label kEditorText{"Text to post instead (optional; at most {} characters as the network counts them)",
                            "Texto a publicar en su lugar (opcional; como mucho {} caracteres según los cuente la red)"};
constexpr Label kAudit{"Who did what", "Quién hizo qué"};
constexpr Label kNoPosts{"No posts announced yet.", "Aún no se anunció ninguna publicación."};
constexpr Label kNoDead{"No dead letters.", "No hay envíos fallidos."};
constexpr Label kBroken{"Post files that fail now", "Archivos de publicaciones con errores"};
constexpr Label kHeld{"Deletions held back", "Borrados retenidos"};
constexpr Label kHeldHow{
    "These post files vanished in a way that looks like an accident, so the feeds keep them and nothing is "
    "announced. If the files come back herald resumes by itself; if they were deleted on purpose, an operator "
    "runs `herald confirm-deletions`.",
    "Estos archivos de publicaciones desaparecieron de un modo que parece un accidente: los canales los "
    "conservan y no se anuncia nada. Si los archivos vuelven, herald sigue solo; si se borraron a propósito, "
    "un operador ejecuta `herald confirm-deletions`."};
constexpr Label kFile{"File", "Archivo"};
constexpr Label kId{"Id", "Id"};
constexpr Label kPostTitle{"Title", "Título"};
constexpr Label kNone{"None.", "Ninguno."};
constexpr Label kPreview{"Preview", "Vista previa"};
constexpr Label kCard{"Link card", "Tarjeta del enlace"};
constexpr Label kImage{"Image", "Imagen"};
constexpr Label kAlt{"Alt text: ", "Texto alternativo: "};
constexpr Label kNoAlt{"No alt text.", "Sin texto alternativo."};

xml_node text_node(xml_node parent, const char* element, const std::string& text, const char* css = nullptr) {
  xml_node node = parent.append_child(element);
  if (css != nullptr) node.append_attribute("class") = css;
  node.text() = text.c_str();
  return node;
}

xml_node link(xml_node parent, const std::string& href, const std::string& text) {
  xml_node a = parent.append_child("a");
  a.append_attribute("href") = href.c_str();
  a.text() = text.c_str();
  return a;
}

// A form that POSTs to `action` with the session's CSRF token.
xml_node form(xml_node parent, const PageContext& page, const std::string& action) {
  xml_node f = parent.append_child("form");
  f.append_attribute("method") = "post";
  f.append_attribute("action") = action.c_str();
  xml_node token = f.append_child("input");
  token.append_attribute("type") = "hidden";
  token.append_attribute("name") = "csrf";
  token.append_attribute("value") = page.csrf.c_str();
  return f;
}

void button(xml_node form, const std::string& text, const char* name = nullptr, const char* value = nullptr) {
  xml_node b = form.append_child("button");
  b.append_attribute("type") = "submit";
  if (name != nullptr) b.append_attribute("name") = name;
  if (value != nullptr) b.append_attribute("value") = value;
  b.text() = text.c_str();
}

constexpr char kStyle[] =
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;padding:0 1rem}"
    "nav a,nav button{margin-right:1rem}table{border-collapse:collapse;width:100%}"
    "td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}"
    "textarea{width:100%;min-height:6rem}.notice{background:#ffd;padding:.5rem}"
    ".preview{white-space:pre-wrap;overflow-wrap:anywhere;border-left:3px solid #888;padding-left:.5rem}"
    ".card{border:1px solid #ccc;padding:0 .5rem;margin:.3rem 0}.card h3{font-size:1em;margin:.3rem 0}"
    ".awaiting_approval{font-weight:bold}.dead,.rejected{color:#a00}form{display:inline}"
    "@media (max-width:40rem){td,th{display:block}}";

// The page's skeleton: title, the navigation (and logout) when logged in, the notice.
struct Skeleton {
  HtmlPage html;
  xml_node main;
  Skeleton(const PageContext& page, const std::string& title)
      : html(page.spanish ? "es" : "en", title + " · " + say(page, kTitle)) {
    html.head().append_child("style").text() = kStyle;
    xml_node body = html.body();
    if (!page.user.empty()) {
      xml_node nav = body.append_child("nav");
      link(nav, "/", say(page, kPosts));
      link(nav, "/dead", say(page, kDead));
      link(nav, "/problems", say(page, kProblems));
      text_node(nav, "span", page.user + " (" + console_role_name(page.role) + ")");
      button(form(nav, page, "/logout"), say(page, kLogout));
    }
    main = body.append_child("main");
    if (page.version != 0) {
      xml_node script = html.head().append_child("script");
      script.append_attribute("src") = "/console.js";
      script.append_attribute("defer") = "defer";
      script.text() = "";
      main.append_attribute("data-version") = std::to_string(page.version).c_str();
    }
    text_node(main, "h1", title);
    if (!page.notice.empty()) text_node(main, "p", page.notice, "notice");
  }
};

// What stands beside a delivery's state: its link, next try, reason.
std::string detail_of(const PageContext& page, const Delivery& d) {
  std::string by = d.resent_by.empty() ? "" : (page.spanish ? "reenvío de " : "resend by ") + d.resent_by + "; ";
  switch (d.state) {
    case DeliveryState::sent:
      if (!d.sent_by.empty()) by += (page.spanish ? "enviado por " : "sent by ") + d.sent_by + "; ";
      return by + (d.remote_url.empty() ? d.remote_id : d.remote_url);
    case DeliveryState::pending:
      return by + (page.spanish ? "próximo intento " : "next attempt ") + shown_time(page.zone, d.not_before_ms) +
             (d.last_error.empty() ? "" : "; " + d.last_error);
    case DeliveryState::awaiting_approval:
      return d.approval_deadline_ms == 0 ? "" : (page.spanish ? "decide solo el " : "decided by itself at ") +
                                                    shown_time(page.zone, d.approval_deadline_ms);
    default:
      break;
  }
  return by + d.last_error;
}

void delivery_cells(const PageContext& page, xml_node row, const Delivery& d) {
  text_node(row, "td", d.target);
  text_node(row, "td", state_label(page.spanish, d.state), delivery_state_name(d.state));
  std::string detail = detail_of(page, d);
  xml_node cell = row.append_child("td");
  if (d.state == DeliveryState::sent && !d.remote_url.empty()) {
    link(cell, d.remote_url, detail);
  } else {
    cell.text() = detail.c_str();
  }
}

xml_node deliveries_table(const PageContext& page, xml_node parent, bool with_post) {
  xml_node table = parent.append_child("table");
  xml_node head = table.append_child("tr");
  if (with_post) {
    text_node(head, "th", say(page, kDate));
    text_node(head, "th", say(page, kPosts));
  }
  text_node(head, "th", say(page, kTarget));
  text_node(head, "th", say(page, kState));
  text_node(head, "th", say(page, kDetail));
  return table;
}

void post_rows(const PageContext& page, xml_node table, const PostDeliveries& p) {
  bool first = true;
  auto post_cells = [&](xml_node row) {
    text_node(row, "td", first ? shown_time(page.zone, p.post.date_ms) : "");
    xml_node cell = row.append_child("td");
    if (first) link(cell, "/posts/" + p.post.id, p.post.title.empty() ? p.post.id : p.post.title);
    first = false;
  };
  if (p.deliveries.empty()) {
    xml_node row = table.append_child("tr");
    post_cells(row);
    for (int i = 0; i < 3; ++i) text_node(row, "td", "-");
  }
  for (const Delivery& d : p.deliveries) {
    xml_node row = table.append_child("tr");
    post_cells(row);
    delivery_cells(page, row, d);
  }
}

std::string replace_count(const char* text, std::size_t n) {
  std::string out(text);
  out.replace(out.find("{}"), 2, std::to_string(n));
  return out;
}

// Marks `node` as a part a live page replaces when it changed (live_updates.h).
xml_node live_part(xml_node node, const std::string& id) {
  node.append_attribute("id") = id.c_str();
  node.append_attribute("data-live") = "";
  return node;
}

// The approve (with the editor's text when the target's can be edited,
// and a button that previews it) and reject forms.
void decision_forms(const PageContext& page, xml_node cell, const Delivery& d, const ConsoleTarget* target,
                    const EditorDraft* draft) {
  const std::string base = "/deliveries/" + std::to_string(d.id);
  xml_node approve = form(cell, page, base + "/approve");
  if (target != nullptr && target->text) {
    xml_node label = approve.append_child("label");
    label.text() = replace_count(say(page, kEditorText), target->text->max_length).c_str();
    xml_node area = label.append_child("textarea");
    area.append_attribute("name") = "text";
    area.append_attribute("maxlength") = std::to_string(target->text->max_length * 8).c_str();
    area.text() = draft != nullptr && draft->delivery_id == d.id ? draft->text.c_str() : "";
  }
  button(approve, say(page, kApprove));
  if (target != nullptr && target->text) {
    button(approve, say(page, kPreviewText));
    approve.last_child().append_attribute("formaction") = (base + "/preview").c_str();
  }
  button(form(cell, page, base + "/reject"), say(page, kReject));
}

void resend_form(const PageContext& page, xml_node parent, const std::string& post_id,
                 const std::vector<ConsoleTarget>& targets) {
  xml_node f = form(parent, page, "/posts/" + post_id + "/resend");
  xml_node set = f.append_child("fieldset");
  text_node(set, "legend", say(page, kResend));
  for (const ConsoleTarget& t : targets) {
    xml_node label = set.append_child("label");
    xml_node box = label.append_child("input");
    box.append_attribute("type") = "checkbox";
    box.append_attribute("name") = "target";
    box.append_attribute("value") = t.name.c_str();
    label.append_child(pugi::node_pcdata).set_value((" " + t.name + " ").c_str());
  }
  button(f, say(page, kResend));
}

void audit_list(const PageContext& page, xml_node main, const std::vector<AuditEntry>& audit) {
  xml_node parent = live_part(main.append_child("section"), "audit");
  text_node(parent, "h2", say(page, kAudit));
  if (audit.empty()) {
    text_node(parent, "p", say(page, kNone));
    return;
  }
  xml_node list = parent.append_child("ul");
  for (const AuditEntry& e : audit) {
    std::string line = shown_time(page.zone, e.at_ms) + " " + e.actor + ": " + e.action +
                       (e.target.empty() ? "" : " " + e.target) + (e.detail.empty() ? "" : " (" + e.detail + ")");
    text_node(list, "li", line);
  }
}

// An image as a link to it (no <img>: the console loads nothing from
// elsewhere) or what is uploaded, and its alt text.
void image_lines(const PageContext& page, xml_node parent, const std::string& source, const std::string& alt) {
  xml_node line = parent.append_child("p");
  if (source.rfind("http", 0) == 0) {
    link(line, source, source);
  } else {
    line.text() = source.c_str();
  }
  text_node(parent, "p", alt.empty() ? say(page, kNoAlt) : say(page, kAlt) + alt, alt.empty() ? "dead" : nullptr);
}

// The link card as the network will show it: title (linked), description, image.
void card_of(const PageContext& page, xml_node parent, const PreviewCard& card) {
  xml_node box = parent.append_child("div");
  box.append_attribute("class") = "card";
  text_node(box, "h3", say(page, kCard));
  link(box.append_child("p"), card.url, card.title.empty() ? card.url : card.title);
  if (!card.description.empty()) text_node(box, "p", card.description);
  if (!card.image.empty()) image_lines(page, box, card.image, card.image_alt);
}

void image_of(const PageContext& page, xml_node parent, const PreviewImage& image) {
  xml_node box = parent.append_child("div");
  box.append_attribute("class") = "card";
  text_node(box, "h3", say(page, kImage));
  image_lines(page, box, image.source, image.alt);
}

// The text as the network will show it, and its length against the limit.
void preview_cell(const PageContext& page, xml_node cell, const AnnouncementPreview& p) {
  if (p.text.empty()) {
    if (!p.problem.empty()) text_node(cell, "p", p.problem, "dead");
    return;
  }
  xml_node details = cell.append_child("details");
  details.append_attribute("open") = "open";
  std::string summary = say(page, kPreview);
  if (p.limit > 0) summary += " (" + std::to_string(p.length) + "/" + std::to_string(p.limit) + ")";
  text_node(details, "summary", summary, p.length > p.limit ? "dead" : nullptr);
  text_node(details, "p", p.text, "preview");
  if (p.attachments.card) card_of(page, details, *p.attachments.card);
  if (p.attachments.image) image_of(page, details, *p.attachments.image);
}

// Each post whose deletion is held: its file, id and title.
void held_list(const PageContext& page, xml_node main, const std::vector<HeldPost>& held) {
  text_node(main, "h2", std::string(say(page, kHeld)) + " (" + std::to_string(held.size()) + ")");
  if (held.empty()) {
    text_node(main, "p", say(page, kNone));
    return;
  }
  text_node(main, "p", say(page, kHeldHow));
  xml_node table = main.append_child("table");
  xml_node head = table.append_child("tr");
  for (const Label* label : {&kFile, &kId, &kPostTitle}) text_node(head, "th", say(page, *label));
  for (const HeldPost& post : held) {
    xml_node row = table.append_child("tr");
    for (const std::string* cell : {&post.path, &post.id, &post.title}) {
      text_node(row, "td", cell->empty() ? "-" : *cell);
    }
  }
}

}  // namespace

const ConsoleTarget* target_named(const std::vector<ConsoleTarget>& targets, const std::string& name) {
  for (const ConsoleTarget& t : targets) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string shown_time(const TimeZone& zone, std::int64_t unix_ms) {
  if (unix_ms == 0) return "-";
  std::int64_t seconds = unix_ms / 1000 - (unix_ms % 1000 < 0 ? 1 : 0);
  std::string text = Timestamp{seconds, zone.offset_minutes_at(seconds)}.rfc3339();  // 2026-11-29T06:30:00-06:00
  if (text.size() < 19) return text;
  std::string offset = text.substr(19);
  return text.substr(0, 10) + " " + text.substr(11, 5) + " " + (offset == "Z" ? "UTC" : offset);
}

std::string login_page(const PageContext& page, const std::string& error) {
  Skeleton s(page, say(page, kLogin));
  if (!error.empty()) text_node(s.main, "p", error, "notice");
  xml_node f = s.main.append_child("form");
  f.append_attribute("method") = "post";
  f.append_attribute("action") = "/login";
  for (auto [label, name, type] : {std::tuple{say(page, kUser), "user", "text"},
                                   std::tuple{say(page, kPassword), "password", "password"}}) {
    xml_node p = f.append_child("p");
    xml_node l = p.append_child("label");
    l.text() = label;
    xml_node input = l.append_child("input");
    input.append_attribute("name") = name;
    input.append_attribute("type") = type;
    input.append_attribute("required") = "required";
    input.append_attribute("autocomplete") = type == std::string("password") ? "current-password" : "username";
  }
  button(f, say(page, kLogin));
  return s.html.str();
}

std::string posts_page(const PageContext& page, const std::vector<PostDeliveries>& posts) {
  Skeleton s(page, say(page, kPosts));
  // Without script the list (no form but logout) reloads itself.
  xml_node head = s.html.head();
  xml_node refresh = (page.version != 0 ? head.append_child("noscript") : head).append_child("meta");
  refresh.append_attribute("http-equiv") = "refresh";
  refresh.append_attribute("content") = "30";
  if (posts.empty()) {
    live_part(text_node(s.main, "p", say(page, kNoPosts)), "posts");
    return s.html.str();
  }
  xml_node table = live_part(deliveries_table(page, s.main, true), "posts");
  for (const PostDeliveries& p : posts) post_rows(page, table, p);
  return s.html.str();
}

std::vector<AnnouncementPreview> with_draft(std::vector<AnnouncementPreview> previews, const EditorDraft& draft,
                                            const std::string& target, const TextLimits& limits) {
  auto shown = std::find_if(previews.begin(), previews.end(),
                            [&](const AnnouncementPreview& p) { return p.delivery_id == draft.delivery_id; });
  if (shown == previews.end()) {
    AnnouncementPreview added;
    added.delivery_id = draft.delivery_id;
    added.target = target;
    shown = previews.insert(previews.end(), std::move(added));
  }
  shown->text = draft.text;
  shown->length = limits.count(draft.text);
  shown->limit = limits.max_length;
  shown->problem.clear();
  return previews;
}

std::string post_page(const PageContext& page, const PostDeliveries& post, const std::vector<AuditEntry>& audit,
                      const std::vector<ConsoleTarget>& targets, const std::vector<AnnouncementPreview>& previews,
                      const EditorDraft* draft) {
  Skeleton s(page, post.post.title.empty() ? post.post.id : post.post.title);
  xml_node facts = s.main.append_child("p");
  link(facts, post.post.url, post.post.url);
  facts.append_child(pugi::node_pcdata).set_value((" · " + shown_time(page.zone, post.post.date_ms) + " · " +
                                                   post.post.source_path).c_str());
  xml_node table = deliveries_table(page, s.main, false);
  bool decides = may_decide(page.role);
  for (const Delivery& d : post.deliveries) {
    xml_node row = live_part(table.append_child("tr"), "delivery-" + std::to_string(d.id));
    delivery_cells(page, row, d);
    xml_node preview = row.append_child("td");  // empty when the delivery has none
    preview.text() = "";
    for (const AnnouncementPreview& p : previews) {
      if (p.delivery_id == d.id) preview_cell(page, preview, p);
    }
    if (!decides) continue;
    xml_node cell = row.append_child("td");
    if (d.state == DeliveryState::awaiting_approval) {
      decision_forms(page, cell, d, target_named(targets, d.target), draft);
    }
    if (d.state == DeliveryState::dead) button(form(cell, page, "/posts/" + post.post.id + "/retry"), say(page, kRetry));
  }
  if (decides && !targets.empty()) resend_form(page, s.main, post.post.id, targets);
  audit_list(page, s.main, audit);
  return s.html.str();
}

std::string dead_page(const PageContext& page, const std::vector<PostDeliveries>& posts) {
  Skeleton s(page, say(page, kDead));
  if (posts.empty()) {
    live_part(text_node(s.main, "p", say(page, kNoDead)), "dead");
    return s.html.str();
  }
  xml_node table = live_part(deliveries_table(page, s.main, true), "dead");
  for (const PostDeliveries& p : posts) {
    post_rows(page, table, p);
    if (may_decide(page.role)) {
      xml_node row = table.append_child("tr");
      xml_node cell = row.append_child("td");
      button(form(cell, page, "/posts/" + p.post.id + "/retry"), std::string(say(page, kRetry)) + " " + p.post.id);
    }
  }
  return s.html.str();
}

std::string problems_page(const PageContext& page, const std::vector<std::string>& broken_posts,
                          const std::vector<HeldPost>& held_deletions) {
  Skeleton s(page, say(page, kProblems));
  held_list(page, s.main, held_deletions);
  text_node(s.main, "h2", say(page, kBroken));
  if (broken_posts.empty()) {
    text_node(s.main, "p", say(page, kNone));
    return s.html.str();
  }
  xml_node list = s.main.append_child("ul");
  for (const std::string& broken : broken_posts) text_node(list, "li", broken);
  return s.html.str();
}

std::string message_page(const PageContext& page, const std::string& title, const std::string& message) {
  Skeleton s(page, title);
  text_node(s.main, "p", message);
  return s.html.str();
}

}  // namespace herald
