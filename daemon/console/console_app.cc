#include "daemon/console/console_app.h"

#include <charconv>

#include "daemon/console/console_form.h"
#include "daemon/console/console_text.h"
#include "daemon/console/live_updates.h"
#include "daemon/console/password_hash.h"

namespace herald {
namespace {

constexpr int kRecentPosts = 50;
constexpr int kAuditLines = 50;

// The path of a request target, without its query.
std::string path_of(const std::string& target) { return target.substr(0, target.find('?')); }

// The value of `name` in a request target's query ("" when absent).
std::string query_value(const std::string& target, const std::string& name) {
  std::size_t mark = target.find('?');
  if (mark == std::string::npos) return "";
  Result<std::multimap<std::string, std::string>> query = parse_form(std::string_view(target).substr(mark + 1));
  return query.ok() ? form_value(*query, name).value_or("") : "";
}

// "/posts/1001/resend" with prefix "/posts/" -> {"1001", "resend"}.
std::pair<std::string, std::string> split_item(const std::string& path, const std::string& prefix) {
  std::string rest = path.substr(prefix.size());
  std::size_t slash = rest.find('/');
  if (slash == std::string::npos) return {rest, ""};
  return {rest.substr(0, slash), rest.substr(slash + 1)};
}

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// A hash no password matches, checked against when the account is unknown,
// so a wrong name takes as long as a wrong password.
const std::string& decoy_hash() {
  static const std::string hash = [] {
    Result<std::string> made = hash_password("herald: no such account");
    return made.ok() ? *made : std::string();
  }();
  return hash;
}

ConsoleResponse redirect(const std::string& location) {
  ConsoleResponse r;
  r.status = 303;
  r.location = location;
  return r;
}

ConsoleResponse html(unsigned status, std::string body) {
  ConsoleResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

ConsoleResponse plain(unsigned status, std::string content_type, std::string_view body) {
  ConsoleResponse r = html(status, std::string(body));
  r.content_type = std::move(content_type);
  return r;
}

}  // namespace

struct ConsoleApp::Visit {
  const ConsoleRequest& request;
  ConsoleSession session;
};

ConsoleApp::PasswordCheck ConsoleApp::inline_password_check() {
  return [](std::string hash, std::string password, std::function<void(bool)> done) {
    done(password_matches(hash, password));
    return true;
  };
}

ConsoleApp::ConsoleApp(ConsoleSettings settings, ConsoleBackend& backend, Tokens tokens, PasswordCheck check_password)
    : settings_(std::move(settings)),
      backend_(backend),
      tokens_(std::move(tokens)),
      check_password_(std::move(check_password)),
      sessions_(settings_.session_lifetime_ms),
      limiter_(settings_.login_limits) {}

void ConsoleApp::set_users(std::vector<ConsoleUser> users) {
  for (const ConsoleUser& old : settings_.users) {
    const ConsoleUser* now = find_user(users, old.name);
    if (now == nullptr || now->role != old.role || now->password_hash != old.password_hash) {
      sessions_.close_user(old.name);
    }
  }
  settings_.users = std::move(users);
}

ConsoleResponse ConsoleApp::refused(unsigned status, const std::string& message) const {
  PageContext page{settings_.spanish, settings_.zone, "", ConsoleRole::viewer, "", ""};
  return html(status, message_page(page, status == 403 ? "403" : std::to_string(status), message));
}

PageContext ConsoleApp::context(const Visit& visit) const {
  PageContext page{settings_.spanish, settings_.zone, visit.session.user, visit.session.role, visit.session.csrf, ""};
  return page;
}

std::optional<ConsoleSession> ConsoleApp::session_of(const ConsoleRequest& request, ConsoleResponse& response) {
  if (auto live = sessions_.find(session_cookie(request.cookie), request.now_ms)) return live;
  if (request.proxy_user.empty()) return std::nullopt;
  const ConsoleUser* user = find_user(settings_.users, request.proxy_user);
  Result<std::string> id = tokens_();
  Result<std::string> csrf = tokens_();
  if (user == nullptr || !id.ok() || !csrf.ok()) return std::nullopt;
  const ConsoleSession& opened = sessions_.open(*id, *csrf, *user, request.now_ms);
  response.set_cookies.push_back(
      session_set_cookie(opened.id, settings_.session_lifetime_ms / 1000, settings_.secure_cookies));
  return opened;
}

void ConsoleApp::handle(const ConsoleRequest& request, Reply reply) {
  const std::string path = path_of(request.target);
  if (request.method != "GET" && request.method != "HEAD" && request.method != "POST") {
    return reply(refused(405, say(settings_.spanish, kGetOrPost)));
  }
  if (path == "/console.js" && request.method != "POST") {  // no secret in it: served to anyone
    return reply(plain(200, "text/javascript; charset=utf-8", kLiveScript));
  }
  if (path == "/login") {
    if (request.method == "POST") return login(request, std::move(reply));
    PageContext page{settings_.spanish, settings_.zone, "", ConsoleRole::viewer, "", ""};
    return reply(html(200, login_page(page, "")));
  }
  ConsoleResponse opened;
  std::optional<ConsoleSession> session = session_of(request, opened);
  if (!session) {
    if (request.method == "POST") return reply(refused(403, say(settings_.spanish, kLogInFirst)));
    if (starts_with(path, "/live/")) return reply(plain(401, "text/plain; charset=utf-8", "log in first\n"));
    return reply(redirect("/login"));
  }
  Visit visit{request, *session};
  Reply with_cookie = [reply = std::move(reply), cookies = opened.set_cookies](ConsoleResponse r) {
    r.set_cookies.insert(r.set_cookies.end(), cookies.begin(), cookies.end());
    reply(std::move(r));
  };
  if (request.method != "POST") return get(visit, path, with_cookie);
  Result<std::multimap<std::string, std::string>> form = parse_form(request.body);
  std::optional<std::string> token = form.ok() ? form_value(*form, "csrf") : std::nullopt;
  if (!token || !same_secret(*token, session->csrf)) {
    return with_cookie(refused(403, say(settings_.spanish, kFormExpired)));
  }
  post(visit, path, *form, with_cookie);
}

void ConsoleApp::get(const Visit& visit, const std::string& path, Reply& reply) {
  if (starts_with(path, "/live/")) return live(visit, path.substr(5), reply);
  PageContext page = context(visit);
  if (auto notice = notices_.find(visit.session.id); notice != notices_.end()) {
    page.notice = notice->second;
    notices_.erase(notice);
  }
  if (is_live_page(path)) page.version = backend_.version();
  render(page, path, reply);
}

// A live page's poll: 204 while its version stands, else the page again
// (its notice, if any, is left for the next full load).
void ConsoleApp::live(const Visit& visit, const std::string& path, Reply& reply) {
  if (!is_live_page(path)) return reply(refused(404, say(settings_.spanish, kNoSuchPage)));
  PageContext page = context(visit);
  page.version = backend_.version();
  if (page.version != 0 && query_value(visit.request.target, "since") == std::to_string(page.version)) {
    return reply(plain(204, "text/plain; charset=utf-8", ""));
  }
  render(page, path, reply);
}

// The configured targets with each editable one's text limits as they are
// now (a Mastodon server's own, once read).
std::vector<ConsoleTarget> ConsoleApp::targets_now() {
  std::vector<ConsoleTarget> targets = settings_.targets;
  for (ConsoleTarget& target : targets) {
    if (!target.text) continue;
    if (std::optional<TextLimits> now = backend_.text_limits(target.name)) target.text = std::move(now);
  }
  return targets;
}

void ConsoleApp::render(const PageContext& page, const std::string& path, Reply& reply) {
  if (path == "/") return reply(html(200, posts_page(page, backend_.recent(kRecentPosts))));
  if (path == "/dead") return reply(html(200, dead_page(page, backend_.dead(kRecentPosts))));
  if (path == "/problems") {
    return reply(html(200, problems_page(page, backend_.broken_posts(), backend_.held_deletions())));
  }
  if (starts_with(path, "/posts/")) {
    auto [id, rest] = split_item(path, "/posts/");
    std::optional<PostDeliveries> post = rest.empty() ? backend_.post(id) : std::nullopt;
    if (post) {
      std::vector<AuditEntry> audit = backend_.audit(id, kAuditLines);
      backend_.preview(id, [page, post = *post, audit, targets = targets_now(),
                            reply](std::vector<AnnouncementPreview> previews) {
        reply(html(200, post_page(page, post, audit, targets, previews)));
      });
      return;
    }
  }
  reply(html(404, message_page(page, "404", say(settings_.spanish, kNoSuchPage))));
}

ConsoleResponse ConsoleApp::back_to(const Visit& visit, const std::string& path, const std::string& notice) {
  if (notices_.size() >= ConsoleSessions::kMaxSessions) notices_.clear();  // those of expired sessions
  notices_[visit.session.id] = notice;
  return redirect(path);
}

void ConsoleApp::post(const Visit& visit, const std::string& path, const std::multimap<std::string, std::string>& form,
                      Reply& reply) {
  if (path == "/logout") return reply(logout(visit));
  if (!may_decide(visit.session.role)) return reply(refused(403, say(settings_.spanish, kViewerCannotDecide)));
  if (starts_with(path, "/deliveries/")) {
    auto [id_text, action] = split_item(path, "/deliveries/");
    std::int64_t id = 0;
    std::from_chars_result read = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (read.ec != std::errc{} || read.ptr != id_text.data() + id_text.size()) {
      return reply(refused(404, say(settings_.spanish, kNoSuchDelivery)));
    }
    if (action == "preview") return preview_text(visit, id, form_value(form, "text").value_or(""), reply);
    if (action != "approve" && action != "reject") return reply(refused(404, say(settings_.spanish, kNoSuchAction)));
    std::optional<std::string> text = form_value(form, "text");
    if (text && text->empty()) text.reset();
    return reply(decide(visit, id, action == "approve" ? EditorAction::approve : EditorAction::reject, text));
  }
  if (starts_with(path, "/posts/")) {
    auto [post_id, action] = split_item(path, "/posts/");
    if (action == "retry") {
      Result<std::int64_t> requeued = backend_.retry(post_id, visit.session.user);
      return reply(back_to(visit, "/posts/" + post_id,
                           requeued.ok() ? requeued_notice(settings_.spanish, *requeued)
                                         : failed_notice(settings_.spanish, EditorAction::retry, requeued.error())));
    }
    if (action == "resend") return resend(visit, post_id, form_values(form, "target"), reply);
  }
  reply(refused(404, say(settings_.spanish, kNoSuchAction)));
}

// Approves (with the editor's `text`) or rejects delivery `id`; the notice
// says what came of it in the site's language. An editor's text is checked
// here first, by the network's count (targets/approval.h), so a refusal is
// phrased in that language; the backend checks it again.
// Delivery `id` while it awaits an editor; else nullopt, and `answer` goes
// back with the notice saying why it does not (no such delivery, decided).
std::optional<Delivery> ConsoleApp::awaiting(const Visit& visit, std::int64_t id, ConsoleResponse& answer) {
  const bool es = settings_.spanish;
  std::optional<Delivery> d = backend_.delivery(id);
  if (!d) {
    answer = back_to(visit, "/", no_delivery_notice(es, id));
  } else if (d->state != DeliveryState::awaiting_approval) {
    answer = back_to(visit, "/posts/" + d->post_id, decided_already_notice(es, id, d->state));
    d.reset();
  }
  return d;
}

ConsoleResponse ConsoleApp::decide(const Visit& visit, std::int64_t id, EditorAction action,
                                   const std::optional<std::string>& text) {
  const bool es = settings_.spanish;
  ConsoleResponse answer;
  std::optional<Delivery> d = awaiting(visit, id, answer);
  if (!d) return answer;
  const std::string page = "/posts/" + d->post_id;
  if (action == EditorAction::approve && text) {
    std::vector<ConsoleTarget> targets = targets_now();
    const ConsoleTarget* target = target_named(targets, d->target);
    if (target == nullptr || !target->text) return back_to(visit, page, not_editable_notice(es, d->target));
    if (std::optional<EditorTextRefusal> refusal = refuse_editor_text(*target->text, *text)) {
      return back_to(visit, page, text_refused_notice(es, d->target, target->type, *refusal));
    }
  }
  const std::string& actor = visit.session.user;
  Result<std::string> decided =
      action == EditorAction::approve ? backend_.approve(id, text, actor) : backend_.reject(id, actor);
  if (!decided.ok()) return back_to(visit, page, failed_notice(es, action, decided.error()));
  return back_to(visit, page, decided_notice(es, action, id));
}

// The post of delivery `id` with the editor's `text` in its preview and its
// approve form (EditorDraft): nothing is decided. A text past the limit is
// said so above, as approving it would be refused.
void ConsoleApp::preview_text(const Visit& visit, std::int64_t id, const std::string& text, Reply& reply) {
  const bool es = settings_.spanish;
  ConsoleResponse answer;
  std::optional<Delivery> d = awaiting(visit, id, answer);
  if (!d) return reply(answer);
  std::optional<PostDeliveries> post = backend_.post(d->post_id);
  if (!post) return reply(back_to(visit, "/", no_delivery_notice(es, id)));
  const std::string page_path = "/posts/" + d->post_id;
  std::vector<ConsoleTarget> targets = targets_now();
  const ConsoleTarget* target = target_named(targets, d->target);
  if (target == nullptr || !target->text) return reply(back_to(visit, page_path, not_editable_notice(es, d->target)));
  PageContext page = context(visit);
  if (std::optional<EditorTextRefusal> refusal = refuse_editor_text(*target->text, text)) {
    page.notice = text_refused_notice(es, d->target, target->type, *refusal);
  }
  std::vector<AuditEntry> audit = backend_.audit(d->post_id, kAuditLines);
  backend_.preview(d->post_id, [page, post = *post, audit, targets, draft = EditorDraft{id, text},
                                limits = *target->text, name = d->target, reply](std::vector<AnnouncementPreview> previews) {
    reply(html(200, post_page(page, post, audit, targets, with_draft(std::move(previews), draft, name, limits), &draft)));
  });
}

void ConsoleApp::resend(const Visit& visit, const std::string& post_id, const std::vector<std::string>& targets,
                        Reply& reply) {
  if (targets.empty()) return reply(back_to(visit, "/posts/" + post_id, say(settings_.spanish, kChooseTargets)));
  backend_.resend(post_id, targets, visit.session.user,
                  [this, visit_id = visit.session.id, post_id, reply](Status done) {
                    const bool es = settings_.spanish;
                    notices_[visit_id] =
                        done.ok() ? resent_notice(es) : failed_notice(es, EditorAction::resend, done.message);
                    reply(redirect("/posts/" + post_id));
                  });
}

void ConsoleApp::login(const ConsoleRequest& request, Reply reply) {
  PageContext page{settings_.spanish, settings_.zone, "", ConsoleRole::viewer, "", ""};
  Result<std::multimap<std::string, std::string>> form = parse_form(request.body);
  std::string name = form.ok() ? form_value(*form, "user").value_or("") : "";
  std::string password = form.ok() ? form_value(*form, "password").value_or("") : "";
  if (std::int64_t until = limiter_.refused_until(request.address, name, request.now_ms); until > 0) {
    return reply(html(429, login_page(page, say(settings_.spanish, kTooManyFailures) +
                                                shown_time(settings_.zone, until))));
  }
  const ConsoleUser* user = find_user(settings_.users, name);
  std::string hash = user && !user->password_hash.empty() ? user->password_hash : decoy_hash();
  std::string checked_hash = user ? hash : std::string();
  std::weak_ptr<int> alive = alive_;
  bool taken = check_password_(
      std::move(hash), std::move(password),
      [this, alive, checked_hash, address = request.address, name, now_ms = request.now_ms, reply](bool matches) {
        if (alive.expired()) return;
        reply(finish_login(address, name, checked_hash, matches, now_ms));
      });
  if (!taken) {
    return reply(html(503, login_page(page, say(settings_.spanish, kTooManyAtOnce))));
  }
}

// After the password check, on the app's thread. The account is looked up
// again: one removed or given another password meanwhile (a reload) does
// not log in with what was checked.
ConsoleResponse ConsoleApp::finish_login(const std::string& address, const std::string& name,
                                         const std::string& checked_hash, bool matches, std::int64_t now_ms) {
  PageContext page{settings_.spanish, settings_.zone, "", ConsoleRole::viewer, "", ""};
  const ConsoleUser* user = find_user(settings_.users, name);
  if (user == nullptr || !matches || checked_hash.empty() || user->password_hash != checked_hash) {
    ConsoleResponse r = html(401, login_page(page, say(settings_.spanish, kWrongLogin)));
    r.delay = limiter_.failed(address, name, now_ms);
    return r;
  }
  limiter_.succeeded(address, name);
  Result<std::string> id = tokens_();
  Result<std::string> csrf = tokens_();
  if (!id.ok() || !csrf.ok()) return refused(500, "no random numbers for a session: " + id.status().message);
  const ConsoleSession& session = sessions_.open(*id, *csrf, *user, now_ms);
  ConsoleResponse r = redirect("/");
  r.set_cookies.push_back(session_set_cookie(session.id, settings_.session_lifetime_ms / 1000, settings_.secure_cookies));
  return r;
}

ConsoleResponse ConsoleApp::logout(const Visit& visit) {
  sessions_.close(visit.session.id);
  notices_.erase(visit.session.id);
  ConsoleResponse r = redirect("/login");
  r.set_cookies.push_back(session_set_cookie("", 0, settings_.secure_cookies));
  return r;
}

}  // namespace herald
