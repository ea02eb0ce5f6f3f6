#include "daemon/console/live_updates.h"

namespace herald {

const std::string_view kLiveScript = R"js(// herald console: live updates (docs/console.md).
(function () {
  "use strict";
  var shown = document.querySelector("main[data-version]");
  if (!shown || !window.fetch || !window.DOMParser) return;
  var version = shown.getAttribute("data-version");

  function fields(root) {
    return Array.prototype.slice.call(root.querySelectorAll("textarea, input[type=text]"));
  }
  function key(field) {
    return (field.form ? field.form.getAttribute("action") : "") + " " + field.name;
  }
  // Replaces `old` with `fresh`, keeping what was typed in it and the focus.
  function replace(old, fresh) {
    var typed = {}, focused = null;
    fields(old).forEach(function (field) {
      if (field.value) typed[key(field)] = field.value;
      if (field === document.activeElement) focused = key(field);
    });
    var node = document.importNode(fresh, true);
    old.parentNode.replaceChild(node, old);
    fields(node).forEach(function (field) {
      if (typed[key(field)] !== undefined) field.value = typed[key(field)];
      if (key(field) === focused) field.focus();
    });
  }
  function parts(root) {
    return Array.prototype.slice.call(root.querySelectorAll("[data-live][id]"));
  }
  function apply(page) {
    var fresh = page.querySelector("main[data-version]");
    var main = document.querySelector("main[data-version]");
    if (!fresh || !main) return;
    var before = parts(main), after = parts(fresh);
    var same = before.length === after.length && before.every(function (part, i) { return part.id === after[i].id; });
    if (!same) {
      replace(main, fresh);
    } else {
      before.forEach(function (part, i) {
        if (part.outerHTML !== after[i].outerHTML) replace(part, after[i]);
      });
      main.setAttribute("data-version", fresh.getAttribute("data-version"));
    }
    version = fresh.getAttribute("data-version");
  }
  function later() { window.setTimeout(poll, 3000); }
  function poll() {
    if (document.hidden) return later();
    window.fetch("/live" + window.location.pathname + "?since=" + encodeURIComponent(version),
                 {credentials: "same-origin", cache: "no-store"})
      .then(function (answer) {
        if (answer.status === 401) return window.location.reload();
        if (answer.status !== 200) return later();
        return answer.text().then(function (text) {
          apply(new window.DOMParser().parseFromString(text, "text/html"));
          later();
        });
      })
      .catch(later);
  }
  later();
})();
)js";

bool is_live_page(const std::string& path) {
  return path == "/" || path == "/dead" || (path.rfind("/posts/", 0) == 0 && path.find('/', 7) == std::string::npos);
}

}  // namespace herald
