// The console without sockets: sessions, CSRF, roles, login limits and
// what each page and action does, through a fake backend.
#include "daemon/console/console_app.h"

#include <boost/test/unit_test.hpp>

#include "daemon/console/password_hash.h"

namespace herald {
namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;

struct FakeBackend : ConsoleBackend {
  std::vector<PostDeliveries> posts;
  std::vector<std::string> calls;  // "approve 7 ana text"
  std::int64_t changes = 41;
  std::string failure;  // approve fails with it
  AnnouncedAttachments attachments;  // what the preview shows beside the text

  std::vector<PostDeliveries> recent(int) override { return posts; }
  std::int64_t version() override { return changes; }
  std::optional<PostDeliveries> post(const std::string& id) override {
    for (const PostDeliveries& p : posts) {
      if (p.post.id == id) return p;
    }
    return std::nullopt;
  }
  std::optional<Delivery> delivery(std::int64_t id) override {
    for (const PostDeliveries& p : posts) {
      for (const Delivery& d : p.deliveries) {
        if (d.id == id) return d;
      }
    }
    return std::nullopt;
  }
  std::vector<AuditEntry> audit(const std::string&, int) override { return {}; }
  std::vector<PostDeliveries> dead(int) override { return {}; }
  std::vector<std::string> broken_posts() override { return {"content/a.md:3:1: error: <bad>"}; }
  std::vector<HeldPost> held;
  std::vector<HeldPost> held_deletions() override { return held; }
  std::optional<TextLimits> limits_now;  // nullopt: the settings' limits stand
  std::optional<TextLimits> text_limits(const std::string&) override { return limits_now; }
  Result<std::string> approve(std::int64_t id, const std::optional<std::string>& text, const std::string& actor) override {
    calls.push_back("approve " + std::to_string(id) + " " + actor + (text ? " " + *text : ""));
    if (!failure.empty()) return Status::failed(failure);
    return std::string("1001");
  }
  Result<std::string> reject(std::int64_t id, const std::string& actor) override {
    calls.push_back("reject " + std::to_string(id) + " " + actor);
    return std::string("1001");
  }
  Result<std::int64_t> retry(const std::string& post_id, const std::string& actor) override {
    calls.push_back("retry " + post_id + " " + actor);
    return std::int64_t{1};
  }
  void preview(const std::string&, std::function<void(std::vector<AnnouncementPreview>)> done) override {
    AnnouncementPreview preview{7, "toot", "Obras <b>hoy</b>\n\nhttps://example.org/1001/", 39, 500, "", {}};
    preview.attachments = attachments;
    done({preview});
  }
  void resend(const std::string& post_id, const std::vector<std::string>& targets, const std::string& actor,
              std::function<void(Status)> done) override {
    calls.push_back("resend " + post_id + " " + targets.at(0) + " " + actor);
    done(Status{});
  }
};

std::string hashed(const std::string& password) {
  Result<std::string> hash = hash_password(password);
  BOOST_REQUIRE(hash.ok());
  return *hash;
}

struct Console {
  FakeBackend backend;
  int next_token = 0;
  ConsoleApp app;

  explicit Console(bool spanish = false)
      : app(settings(spanish), backend,
            [this]() -> Result<std::string> { return "token" + std::to_string(++next_token); }) {
    PostDeliveries p{OutboxPost{"1001", "Obras <script>alert(1)</script>", "https://example.org/1001/", "a.md", kNow}, {}};
    Delivery d;
    d.id = 7;
    d.post_id = "1001";
    d.target = "toot";
    d.state = DeliveryState::awaiting_approval;
    p.deliveries.push_back(d);
    backend.posts.push_back(p);
  }

  static ConsoleSettings settings(bool spanish = false) {
    ConsoleSettings s;
    s.spanish = spanish;
    static const std::string ana = hashed("contraseña de ana");
    static const std::string vera = hashed("contraseña de vera");
    s.users = {{"ana", ConsoleRole::editor, ana}, {"vera", ConsoleRole::viewer, vera}};
    s.targets = {{"toot", "mastodon", TextLimits{500, count_graphemes, 0}}, {"hook", "webhook", std::nullopt}};
    s.login_limits = LoginLimits{1, 3, 60'000, 500, 5000};
    return s;
  }

  ConsoleResponse send(const std::string& method, const std::string& target, const std::string& cookie = "",
                       const std::string& body = "", const std::string& proxy_user = "") {
    ConsoleRequest request{method, target, cookie, body, "10.0.0.1", proxy_user, kNow};
    ConsoleResponse out;
    bool answered = false;
    app.handle(request, [&](ConsoleResponse r) {
      out = std::move(r);
      answered = true;
    });
    BOOST_REQUIRE(answered);
    return out;
  }

  // Logs `user` in; the session cookie ("herald_session=tokenN").
  std::string login(const std::string& user, const std::string& password) {
    ConsoleResponse r = send("POST", "/login", "", "user=" + user + "&password=" + password);
    BOOST_REQUIRE_EQUAL(r.status, 303u);
    BOOST_REQUIRE_EQUAL(r.set_cookies.size(), 1u);
    std::string cookie = r.set_cookies[0].substr(0, r.set_cookies[0].find(';'));
    return cookie;
  }
};

// A password check that answers when the test says (as the checker's
// thread would), or refuses when `busy`.
struct LaterCheck {
  std::vector<std::function<void()>> waiting;
  bool busy = false;
  ConsoleApp::PasswordCheck seam() {
    return [this](std::string hash, std::string password, std::function<void(bool)> done) {
      if (busy) return false;
      waiting.push_back([hash, password, done] { done(password_matches(hash, password)); });
      return true;
    };
  }
};

struct LaterConsole {
  FakeBackend backend;
  LaterCheck check;
  int next_token = 0;
  ConsoleApp app{Console::settings(), backend,
                 [this]() -> Result<std::string> { return "token" + std::to_string(++next_token); }, check.seam()};
  std::optional<ConsoleResponse> answer;
  void post_login(const std::string& body) {
    answer.reset();
    app.handle(ConsoleRequest{"POST", "/login", "", body, "10.0.0.1", "", kNow},
               [this](ConsoleResponse r) { answer = std::move(r); });
  }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(console_app)

BOOST_AUTO_TEST_CASE(without_a_session_pages_go_to_login_and_posts_are_refused) {
  Console c;
  ConsoleResponse page = c.send("GET", "/");
  BOOST_TEST(page.status == 303u);
  BOOST_TEST(page.location == "/login");
  ConsoleResponse post = c.send("POST", "/deliveries/7/approve", "", "csrf=token2");
  BOOST_TEST(post.status == 403u);
  BOOST_TEST(c.send("POST", "/deliveries/7/approve", "herald_session=forged", "csrf=x").status == 403u);
  BOOST_TEST(c.backend.calls.empty());
}

BOOST_AUTO_TEST_CASE(a_login_sets_a_strict_http_only_secure_cookie) {
  Console c;
  ConsoleResponse r = c.send("POST", "/login", "", "user=ana&password=contrase%C3%B1a+de+ana");
  BOOST_TEST(r.status == 303u);
  BOOST_TEST(r.location == "/");
  BOOST_TEST(r.set_cookies == std::vector<std::string>{
                                  "herald_session=token1; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure"});
  ConsoleResponse home = c.send("GET", "/", "herald_session=token1");
  BOOST_TEST(home.status == 200u);
  BOOST_TEST(contains(home.body, "Obras &lt;script&gt;alert(1)&lt;/script&gt;"), home.body);
  BOOST_TEST(!contains(home.body, "<script>"));
  BOOST_TEST(contains(home.body, "awaiting approval"));
}

BOOST_AUTO_TEST_CASE(every_post_needs_its_sessions_csrf_token) {
  Console c;
  std::string cookie = c.login("ana", "contrase%C3%B1a+de+ana");
  BOOST_TEST(c.send("POST", "/deliveries/7/approve", cookie, "").status == 403u);
  BOOST_TEST(c.send("POST", "/deliveries/7/approve", cookie, "csrf=token1").status == 403u);  // the session id
  BOOST_TEST(c.backend.calls.empty());
  ConsoleResponse page = c.send("GET", "/posts/1001", cookie);
  BOOST_TEST(contains(page.body, "name=\"csrf\" value=\"token2\""), page.body);
  BOOST_TEST(contains(page.body, "<summary>Preview (39/500)</summary>"), page.body);
  BOOST_TEST(contains(page.body, "Obras &lt;b&gt;hoy&lt;/b&gt;"), page.body);
  ConsoleResponse approved = c.send("POST", "/deliveries/7/approve", cookie, "csrf=token2&text=Hola+mundo");
  BOOST_TEST(approved.status == 303u);
  BOOST_TEST(approved.location == "/posts/1001");
  BOOST_TEST(c.backend.calls == std::vector<std::string>{"approve 7 ana Hola mundo"});
  BOOST_TEST(contains(c.send("GET", "/posts/1001", cookie).body, "approved delivery 7"));
  c.send("POST", "/deliveries/7/reject", cookie, "csrf=token2");
  c.send("POST", "/posts/1001/resend", cookie, "csrf=token2&target=toot");
  c.send("POST", "/posts/1001/retry", cookie, "csrf=token2");
  BOOST_TEST(c.backend.calls == (std::vector<std::string>{"approve 7 ana Hola mundo", "reject 7 ana",
                                                          "resend 1001 toot ana", "retry 1001 ana"}));
}

BOOST_AUTO_TEST_CASE(a_viewer_reads_but_cannot_decide) {
  Console c;
  std::string cookie = c.login("vera", "contrase%C3%B1a+de+vera");
  ConsoleResponse page = c.send("GET", "/posts/1001", cookie);
  BOOST_TEST(page.status == 200u);
  BOOST_TEST(!contains(page.body, "/approve"));
  ConsoleResponse refused = c.send("POST", "/deliveries/7/approve", cookie, "csrf=token2");
  BOOST_TEST(refused.status == 403u);
  BOOST_TEST(c.backend.calls.empty());
}

BOOST_AUTO_TEST_CASE(failed_logins_are_slowed_then_refused_and_never_echo_the_password) {
  Console c;
  ConsoleResponse first = c.send("POST", "/login", "", "user=ana&password=adivina1");
  BOOST_TEST(first.status == 401u);
  BOOST_TEST(first.delay.count() == 0);
  BOOST_TEST(!contains(first.body, "adivina1"));
  BOOST_TEST(first.set_cookies.empty());
  BOOST_TEST(c.send("POST", "/login", "", "user=ana&password=adivina2").delay.count() == 500);
  BOOST_TEST(c.send("POST", "/login", "", "user=ana&password=adivina3").delay.count() == 1000);
  ConsoleResponse locked = c.send("POST", "/login", "", "user=ana&password=contrase%C3%B1a+de+ana");
  BOOST_TEST(locked.status == 429u);
  BOOST_TEST(locked.set_cookies.empty());
  BOOST_TEST(c.send("POST", "/login", "", "user=nadie&password=x").status == 429u);  // the address is refused too
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session) {
  Console c;
  std::string cookie = c.login("ana", "contrase%C3%B1a+de+ana");
  ConsoleResponse out = c.send("POST", "/logout", cookie, "csrf=token2");
  BOOST_TEST(out.status == 303u);
  BOOST_TEST(out.set_cookies.at(0) == "herald_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
  BOOST_TEST(c.send("GET", "/", cookie).status == 303u);
}

BOOST_AUTO_TEST_CASE(a_trusted_proxys_user_is_logged_in_as_that_account) {
  Console c;
  ConsoleResponse page = c.send("GET", "/", "", "", "ana");
  BOOST_TEST(page.status == 200u);
  BOOST_TEST(page.set_cookies.size() == 1u);
  BOOST_TEST(c.send("GET", "/", "", "", "mallory").status == 303u);  // not an account
}

BOOST_AUTO_TEST_CASE(a_login_is_answered_when_its_password_check_comes_back) {
  LaterConsole c;
  c.post_login("user=ana&password=contrase%C3%B1a+de+ana");
  BOOST_TEST(!c.answer.has_value());  // the check is under way: nothing answered yet
  BOOST_REQUIRE_EQUAL(c.check.waiting.size(), 1u);
  c.check.waiting[0]();
  BOOST_REQUIRE(c.answer.has_value());
  BOOST_TEST(c.answer->status == 303u);
  BOOST_TEST(c.answer->set_cookies.size() == 1u);

  c.post_login("user=ana&password=otra");
  c.check.waiting[1]();
  BOOST_REQUIRE(c.answer.has_value());
  BOOST_TEST(c.answer->status == 401u);
  BOOST_TEST(c.answer->set_cookies.empty());
}

BOOST_AUTO_TEST_CASE(too_many_logins_at_once_are_answered_busy_and_not_counted_as_failures) {
  LaterConsole c;
  c.check.busy = true;
  for (int i = 0; i < 5; ++i) {
    c.post_login("user=ana&password=contrase%C3%B1a+de+ana");
    BOOST_REQUIRE(c.answer.has_value());
    BOOST_TEST(c.answer->status == 503u);
    BOOST_TEST(c.answer->set_cookies.empty());
  }
  c.check.busy = false;
  c.post_login("user=ana&password=contrase%C3%B1a+de+ana");
  c.check.waiting.back()();
  BOOST_REQUIRE(c.answer.has_value());
  BOOST_TEST(c.answer->status == 303u);  // the busy answers locked nothing out
}

BOOST_AUTO_TEST_CASE(a_password_changed_while_it_was_checked_does_not_log_in) {
  LaterConsole c;
  c.post_login("user=ana&password=contrase%C3%B1a+de+ana");
  ConsoleSettings changed = Console::settings();
  changed.users[0].password_hash = hashed("nueva");
  c.app.set_users(changed.users);  // a reload while the check runs
  c.check.waiting[0]();
  BOOST_REQUIRE(c.answer.has_value());
  BOOST_TEST(c.answer->status == 401u);
}

BOOST_AUTO_TEST_CASE(an_answer_after_the_app_is_gone_is_dropped) {
  auto c = std::make_unique<LaterConsole>();
  c->post_login("user=ana&password=contrase%C3%B1a+de+ana");
  std::function<void()> late = c->check.waiting[0];
  bool answered = false;
  c->app.handle(ConsoleRequest{"POST", "/login", "", "user=ana&password=x", "10.0.0.1", "", kNow},
                [&answered](ConsoleResponse) { answered = true; });
  std::function<void()> late2 = c->check.waiting[1];
  c.reset();
  late2();  // must not touch the destroyed app
  BOOST_TEST(!answered);
}

// The notice an action leaves, read on the page it leads to.
std::string notice_after(Console& c, const std::string& cookie, const std::string& path, const std::string& form) {
  ConsoleResponse r = c.send("POST", path, cookie, "csrf=token2" + form);
  BOOST_REQUIRE_EQUAL(r.status, 303u);
  std::string page = c.send("GET", r.location, cookie).body;
  std::size_t start = page.find("<p class=\"notice\">");
  if (start == std::string::npos) return "";
  start += std::string("<p class=\"notice\">").size();
  return page.substr(start, page.find("</p>", start) - start);
}

// Every action's notice, in the order check_notices makes them.
void check_notices(bool spanish, const std::vector<std::string>& expected) {
  Console c(spanish);
  std::string cookie = c.login("ana", "contrase%C3%B1a+de+ana");
  std::vector<std::string> seen;
  seen.push_back(notice_after(c, cookie, "/deliveries/7/approve", "&text=" + std::string(501, 'a')));
  BOOST_TEST(c.backend.calls.empty());  // refused before the backend
  for (const char* path : {"/deliveries/7/approve", "/deliveries/7/reject", "/posts/1001/retry"}) {
    seen.push_back(notice_after(c, cookie, path, ""));
  }
  seen.push_back(notice_after(c, cookie, "/posts/1001/resend", "&target=toot"));
  seen.push_back(notice_after(c, cookie, "/posts/1001/resend", ""));
  c.backend.failure = "outbox.db: disk I/O error";
  seen.push_back(notice_after(c, cookie, "/deliveries/7/approve", ""));
  c.backend.posts[0].deliveries[0].state = DeliveryState::sent;
  seen.push_back(notice_after(c, cookie, "/deliveries/7/approve", ""));
  seen.push_back(notice_after(c, cookie, "/deliveries/8/approve", ""));
  BOOST_TEST(seen == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(action_notices_are_in_english_for_an_english_site) {
  check_notices(false, {"toot: the text is 501 characters as mastodon counts them; the limit is 500; nothing was approved",
                        "approved delivery 7", "rejected delivery 7", "1 dead delivery requeued",
                        "resent; the new deliveries are listed below", "choose at least one target to resend to",
                        "could not approve: outbox.db: disk I/O error", "delivery 7 was decided already: it is sent",
                        "no delivery has id 8"});
}

BOOST_AUTO_TEST_CASE(action_notices_are_in_spanish_for_a_spanish_site) {
  check_notices(true, {"toot: el texto tiene 501 caracteres según los cuenta mastodon; el límite es 500; no se aprobó nada.",
                       "Envío 7 aprobado: se publicará a su turno.", "Envío 7 rechazado: no se publicará.",
                       "Se reintenta 1 envío fallido.", "Reenviado; los nuevos envíos aparecen abajo.",
                       "Elija al menos un destino al que reenviar.", "No se pudo aprobar: outbox.db: disk I/O error",
                       "El envío 7 ya estaba decidido: enviado.", "No existe el envío 8."});
}

BOOST_AUTO_TEST_CASE(refusals_are_in_the_sites_language) {
  Console c(true);
  std::string cookie = c.login("vera", "contrase%C3%B1a+de+vera");
  ConsoleResponse refused = c.send("POST", "/deliveries/7/approve", cookie, "csrf=token2");
  BOOST_TEST(refused.status == 403u);
  BOOST_TEST(contains(refused.body, "Una cuenta de lectura no puede cambiar lo que se anuncia"), refused.body);
  BOOST_TEST(contains(c.send("POST", "/deliveries/7/approve", cookie, "csrf=x").body, "Este formulario ha caducado"));
  BOOST_TEST(contains(c.send("POST", "/deliveries/7/approve").body, "Inicie sesión primero"));
}

BOOST_AUTO_TEST_CASE(a_text_for_a_target_that_cannot_be_edited_is_refused) {
  Console c;
  c.backend.posts[0].deliveries[0].target = "hook";
  std::string cookie = c.login("ana", "contrase%C3%B1a+de+ana");
  BOOST_TEST(notice_after(c, cookie, "/deliveries/7/approve", "&text=hola") ==
             "hook's text cannot be edited; nothing was approved");
  BOOST_TEST(c.backend.calls.empty());
}

BOOST_AUTO_TEST_CASE(the_problems_page_lists_each_held_deletion) {
  Console c(true);
  c.backend.held = {{"_posts/a.md", "1001", "Corte de <agua>"}, {"_posts/roto.md", "", ""}};
  std::string cookie = c.login("vera", "contrase%C3%B1a+de+vera");
  std::string page = c.send("GET", "/problems", cookie).body;
  BOOST_TEST(contains(page, "<h2>Borrados retenidos (2)</h2>"), page);
  BOOST_TEST(contains(page, "un operador ejecuta `herald confirm-deletions`"), page);
  BOOST_TEST(contains(page, "<td>_posts/a.md</td>\n          <td>1001</td>\n          <td>Corte de &lt;agua&gt;</td>"),
             page);
  BOOST_TEST(contains(page, "<td>_posts/roto.md</td>\n          <td>-</td>\n          <td>-</td>"), page);
  BOOST_TEST(contains(page, "content/a.md:3:1: error: &lt;bad&gt;"), page);
  c.backend.held.clear();
  BOOST_TEST(contains(c.send("GET", "/problems", cookie).body, "<h2>Borrados retenidos (0)</h2>\n      <p>Ninguno.</p>"));
}

BOOST_AUTO_TEST_CASE(a_preview_shows_the_link_card_and_the_image_with_its_alt_text) {
  Console c;
  c.backend.attachments.card = PreviewCard{"https://example.org/1001/", "Obras <hoy>", "Cortes de agua",
                                           "https://example.org/img/obras.jpg", ""};
  c.backend.attachments.image = PreviewImage{"<2048 bytes of image/jpeg>", "Una grúa"};
  std::string cookie = c.login("vera", "contrase%C3%B1a+de+vera");
  std::string page = c.send("GET", "/posts/1001", cookie).body;
  BOOST_TEST(contains(page, "<div class=\"card\">\n                <h3>Link card</h3>\n"
                            "                <p>\n                  <a href=\"https://example.org/1001/\">Obras &lt;hoy&gt;</a>\n"
                            "                </p>\n                <p>Cortes de agua</p>\n                <p>\n"
                            "                  <a href=\"https://example.org/img/obras.jpg\">https://example.org/img/obras.jpg</a>\n"
                            "                </p>\n                <p class=\"dead\">No alt text.</p>"),
             page);
  BOOST_TEST(contains(page, "<h3>Image</h3>\n                <p>&lt;2048 bytes of image/jpeg&gt;</p>\n"
                            "                <p>Alt text: Una grúa</p>"),
             page);
  BOOST_TEST(!contains(page, "<img"));  // the console loads nothing from elsewhere
}

BOOST_AUTO_TEST_CASE(the_text_limit_is_the_servers_once_known) {
  Console c;
  c.backend.limits_now = TextLimits{1000, count_graphemes, 0};  // a Mastodon server allowing 1000
  std::string cookie = c.login("ana", "contrase%C3%B1a+de+ana");
  BOOST_TEST(contains(c.send("GET", "/posts/1001", cookie).body, "at most 1000 characters"));
  std::string text(600, 'a');
  BOOST_TEST(notice_after(c, cookie, "/deliveries/7/approve", "&text=" + text) == "approved delivery 7");
  BOOST_TEST(c.backend.calls == std::vector<std::string>{"approve 7 ana " + text});
}

BOOST_AUTO_TEST_CASE(an_editors_text_is_previewed_against_the_limit_before_anything_is_decided) {
  Console c(true);
  std::string cookie = c.login("ana", "contrase%C3%B1a+de+ana");
  std::string page = c.send("GET", "/posts/1001", cookie).body;
  BOOST_TEST(contains(page, "<button type=\"submit\" formaction=\"/deliveries/7/preview\">Previsualizar este texto</button>"),
             page);

  // Past the limit: the preview shows the text with its count, marked; the
  // form keeps it; the notice says approving it would be refused.
  ConsoleResponse over = c.send("POST", "/deliveries/7/preview", cookie, "csrf=token2&text=" + std::string(501, 'a'));
  BOOST_TEST(over.status == 200u);
  BOOST_TEST(contains(over.body, "<summary class=\"dead\">Vista previa (501/500)</summary>"), over.body);
  BOOST_TEST(contains(over.body, "<p class=\"preview\">" + std::string(501, 'a') + "</p>"));
  BOOST_TEST(contains(over.body, "maxlength=\"4000\">" + std::string(501, 'a') + "</textarea>"), over.body);
  BOOST_TEST(contains(over.body, "el límite es 500"), over.body);

  // Within it: counted as the network counts (graphemes here), escaped, not marked.
  ConsoleResponse within = c.send("POST", "/deliveries/7/preview", cookie, "csrf=token2&text=Ma%C3%B1ana+%3Cb%3Ecorte%3C%2Fb%3E");
  BOOST_TEST(contains(within.body, "<summary>Vista previa (19/500)</summary>"), within.body);
  BOOST_TEST(contains(within.body, "<p class=\"preview\">Mañana &lt;b&gt;corte&lt;/b&gt;</p>"), within.body);
  BOOST_TEST(!contains(within.body, "el límite es"));
  BOOST_TEST(c.backend.calls.empty());  // nothing approved or rejected

  // A viewer may not, a form without its token is refused, a decided delivery says so.
  std::string viewer = c.login("vera", "contrase%C3%B1a+de+vera");
  BOOST_TEST(c.send("POST", "/deliveries/7/preview", viewer, "csrf=token4&text=x").status == 403u);
  BOOST_TEST(c.send("POST", "/deliveries/7/preview", cookie, "csrf=nope&text=x").status == 403u);
  c.backend.posts[0].deliveries[0].state = DeliveryState::sent;
  BOOST_TEST(notice_after(c, cookie, "/deliveries/7/preview", "&text=x") == "El envío 7 ya estaba decidido: enviado.");
}

BOOST_AUTO_TEST_CASE(a_live_page_carries_its_version_and_loads_the_console_script) {
  Console c;
  std::string cookie = c.login("vera", "contrase%C3%B1a+de+vera");
  ConsoleResponse home = c.send("GET", "/", cookie);
  BOOST_TEST(contains(home.body, "<main data-version=\"41\">"), home.body);
  BOOST_TEST(contains(home.body, "<script src=\"/console.js\" defer=\"defer\"></script>"), home.body);
  BOOST_TEST(contains(home.body, "<noscript>\n      <meta http-equiv=\"refresh\" content=\"30\" />"), home.body);
  BOOST_TEST(contains(home.body, "<table id=\"posts\" data-live=\"\">"), home.body);
  ConsoleResponse post = c.send("GET", "/posts/1001", cookie);
  BOOST_TEST(contains(post.body, "<tr id=\"delivery-7\" data-live=\"\">"), post.body);
  BOOST_TEST(contains(post.body, "<section id=\"audit\" data-live=\"\">"), post.body);
  ConsoleResponse problems = c.send("GET", "/problems", cookie);  // not live: no version, no script
  BOOST_TEST(!contains(problems.body, "data-version"));
  BOOST_TEST(!contains(problems.body, "<script"));
  ConsoleResponse login = c.send("GET", "/login");
  BOOST_TEST(!contains(login.body, "<script"));

  ConsoleResponse script = c.send("GET", "/console.js");  // no secret in it: no session needed
  BOOST_TEST(script.status == 200u);
  BOOST_TEST(script.content_type == "text/javascript; charset=utf-8");
  BOOST_TEST(contains(script.body, "\"/live\" + window.location.pathname"));
}

BOOST_AUTO_TEST_CASE(a_live_poll_costs_a_version_until_something_changes) {
  Console c;
  std::string cookie = c.login("vera", "contrase%C3%B1a+de+vera");
  ConsoleResponse idle = c.send("GET", "/live/?since=41", cookie);
  BOOST_TEST(idle.status == 204u);
  BOOST_TEST(idle.body.empty());
  c.backend.changes = 42;
  c.backend.posts[0].deliveries[0].state = DeliveryState::sent;
  ConsoleResponse moved = c.send("GET", "/live/?since=41", cookie);
  BOOST_TEST(moved.status == 200u);
  BOOST_TEST(contains(moved.body, "<main data-version=\"42\">"), moved.body);
  BOOST_TEST(contains(moved.body, "<td class=\"sent\">sent</td>"), moved.body);
  BOOST_TEST(c.send("GET", "/live/posts/1001?since=41", cookie).status == 200u);
  BOOST_TEST(c.send("GET", "/live/posts/1001?since=42", cookie).status == 204u);
  BOOST_TEST(c.send("GET", "/live/dead?since=42", cookie).status == 204u);
  BOOST_TEST(c.send("GET", "/live/problems?since=42", cookie).status == 404u);
}

BOOST_AUTO_TEST_CASE(a_live_poll_leaves_the_notice_for_the_page) {
  Console c;
  std::string cookie = c.login("ana", "contrase%C3%B1a+de+ana");
  c.send("POST", "/deliveries/7/approve", cookie, "csrf=token2");
  BOOST_TEST(!contains(c.send("GET", "/live/posts/1001?since=1", cookie).body, "approved delivery 7"));
  BOOST_TEST(contains(c.send("GET", "/posts/1001", cookie).body, "approved delivery 7"));
}

BOOST_AUTO_TEST_CASE(a_live_poll_without_a_session_learns_nothing) {
  Console c;
  for (const char* cookie : {"", "herald_session=forged"}) {
    ConsoleResponse r = c.send("GET", "/live/?since=1", cookie);
    BOOST_TEST(r.status == 401u);
    BOOST_TEST(r.body == "log in first\n");
    BOOST_TEST(r.location.empty());
  }
  std::string cookie = c.login("ana", "contrase%C3%B1a+de+ana");
  c.send("POST", "/logout", cookie, "csrf=token2");
  BOOST_TEST(c.send("GET", "/live/?since=41", cookie).status == 401u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
