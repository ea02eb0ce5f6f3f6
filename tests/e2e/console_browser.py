#!/usr/bin/python3
"""The editors' console in a real headless Chromium (Debian's chromium and
chromium-driver, driven by python3-selenium), run by console_browser_test.cc
against a real `herald run`: log in, see the new post, open it, edit the
Mastodon text past the limit (previewed with its count, then refused) and
within it, approve; reject the
second post; resend the first; retry a dead letter; log out. With
--live-post (JavaScript on) it first watches live updates: a post moved into
the content directory appears on the open list, and a delivery approved with
`herald approve` turns sent on the open post page, neither page reloaded (a
marker variable set in the page survives). With --no-javascript the same
pages work with JavaScript disabled. --shots DIR
saves a PNG of each page. Prints one line per step; exits 1 at the first
failed expectation, 2 when Chromium cannot start."""

import argparse
import os
import subprocess
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def browser(javascript, profile):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1000,1100", "--user-data-dir=" + profile,
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def gone(element):
    """A wait condition: `element`'s page has been replaced. ChromeDriver
    answers either "stale element" or, when it looks while the new document
    is being attached, "Node with given id does not belong to the document"."""
    def condition(_):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as e:
            if "does not belong to the document" in (e.msg or ""):
                return True
            raise
    return condition


class Steps:
    def __init__(self, driver, base, shots):
        self.driver, self.base, self.shots = driver, base, shots

    def expect(self, condition, what):
        if not condition:
            print("FAILED: " + what + "\n--- page:\n" + self.driver.page_source[:3000])
            sys.exit(1)
        print("ok: " + what)

    def shot(self, name):
        if self.shots:
            self.driver.save_screenshot(os.path.join(self.shots, "console-" + name + ".png"))

    def go(self, path):
        print("open " + path)
        self.driver.get(self.base + path)

    def text(self):
        # The page may still be replacing the previous one: read it again then.
        for _ in range(20):
            try:
                WebDriverWait(self.driver, 20).until(
                    expected_conditions.presence_of_element_located((By.TAG_NAME, "main")))
                return self.driver.find_element(By.TAG_NAME, "body").text
            except WebDriverException:
                time.sleep(0.1)
        return ""

    def wait_for(self, condition, seconds=30):
        """Whether `condition()` came true within `seconds` (the page may be swapping parts meanwhile)."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                if condition():
                    return True
            except WebDriverException:
                pass
            time.sleep(0.3)
        return False

    def mark(self):
        self.driver.execute_script("window.heraldMarker = 'not reloaded'")

    def not_reloaded(self):
        return self.driver.execute_script("return window.heraldMarker") == "not reloaded"

    def click_and_wait(self, element):
        """Clicks a submit button and waits for the page its form leads to.
        False when the click did not happen: the button was replaced by the
        page's live updates before ChromeDriver reached it."""
        old = None
        for _ in range(20):
            try:
                old = self.driver.find_element(By.TAG_NAME, "html")
                break
            except WebDriverException:
                time.sleep(0.1)
        try:
            element.click()
        except WebDriverException as e:
            # ChromeDriver answers "Node with given id does not belong to the
            # document" (or a stale element) both when the click's own
            # navigation replaced the page before it finished and when a live
            # update swapped the button's part first: the click happened only
            # if the page goes stale.
            print("the click answered: %s; waiting for the page it leads to" % e.msg)
            try:
                WebDriverWait(self.driver, 5).until(gone(old))
                return True
            except TimeoutException:
                return False
        WebDriverWait(self.driver, 20).until(gone(old))
        return True

    def submit(self, form_action, fields=None, button="button[type=submit]"):
        """Fills and sends the form posting to `form_action`. The page's live
        updates may replace the form's part while this runs (any poll whose
        version changed and whose part differs): the form is then found and
        filled again, as a person would."""
        print("submit " + form_action)
        for attempt in range(5):
            try:
                form = self.driver.find_element(By.CSS_SELECTOR, 'form[action="%s"]' % form_action)
                for name, value in (fields or {}).items():
                    field = form.find_element(By.NAME, name)
                    if field.get_attribute("type") == "checkbox":
                        if not field.is_selected():
                            field.click()
                    else:
                        field.clear()
                        field.send_keys(value)
                clicked = form.find_element(By.CSS_SELECTOR, button)
            except WebDriverException as e:
                if attempt == 4:
                    raise
                print("the form changed under the test (%s); finding it again" % e.msg)
                time.sleep(0.3)
                continue
            if self.click_and_wait(clicked):
                return
            print("the click did not happen; finding the form again")
        raise TimeoutException("the form posting to %s could not be sent" % form_action)


def row_of(driver, target):
    """The text of the post page's row of `target`'s delivery."""
    for row in driver.find_elements(By.CSS_SELECTOR, "tr[data-live]"):
        cells = row.find_elements(By.TAG_NAME, "td")
        if cells and cells[0].text == target:
            return row.text
    return ""


def live(s, args):
    driver = s.driver
    s.mark()
    os.rename(args.live_from, args.live_to)
    print("moved a new post into " + args.live_to)
    s.expect(s.wait_for(lambda: args.live_title in s.text()), "the new post appears on the open list")
    s.expect(s.not_reloaded(), "the list was not reloaded")
    s.go("/posts/" + args.live_post)
    s.expect("espera aprobación" in row_of(driver, "toot"), "its Mastodon delivery awaits approval")
    s.mark()
    subprocess.run([args.herald, "approve", args.live_post, "--target", "toot", "--config", args.config],
                   check=True)
    s.expect(s.wait_for(lambda: "enviado" in row_of(driver, "toot")),
             "the delivery approved elsewhere shows as sent on the open post page")
    s.expect(s.not_reloaded(), "the post page was not reloaded")


def log_in(s, user, password):
    """Fills and sends the login form. Chromium under load has answered
    "node does not belong to the document" on the freshly loaded login page
    (after the redirect to it): the form is then filled again on a new load."""
    for attempt in range(5):
        try:
            s.driver.find_element(By.NAME, "user").send_keys(user)
            s.driver.find_element(By.NAME, "password").send_keys(password)
            if s.click_and_wait(s.driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button")):
                return
            raise TimeoutException("the login form was not sent")
        except WebDriverException as e:
            if attempt == 4:
                raise
            print("login form not ready (%s); loading it again" % e.msg)
            time.sleep(0.5)
            s.go("/login")


def run(args):
    driver = browser(not args.no_javascript, args.profile)
    try:
        s = Steps(driver, "http://127.0.0.1:%d" % args.port, args.shots)
        s.go("/")
        s.expect(driver.current_url.endswith("/login"), "without a session the console asks to log in")
        s.shot("login")
        log_in(s, args.user, args.password)
        s.expect(args.first_title in s.text(), "the new post is listed after logging in")
        s.expect("espera aprobación" in s.text(), "its Mastodon delivery awaits approval")
        s.shot("posts")
        if args.live_post:
            live(s, args)
        s.go("/posts/" + args.first_post)
        s.shot("post")
        approve = driver.find_element(By.CSS_SELECTOR, "form[action$='/approve']").get_attribute("action")
        approve = approve[len(s.base):]
        print("preview:")
        s.submit(approve, {"text": "a" * 501}, button="button[formaction$='/preview']")
        s.expect("Vista previa (501/500)" in s.text(), "the preview counts an edited text past the limit")
        s.expect(driver.find_element(By.NAME, "text").get_attribute("value") == "a" * 501,
                 "the previewed text stays in the form")
        s.shot("preview")
        s.submit(approve, {"text": "a" * 501})
        s.expect("el límite es 500" in s.text(), "a text past Mastodon's limit is refused, in the site's language")
        s.go("/posts/" + args.first_post)
        s.submit(approve, {"text": args.edited_text})
        s.expect("aprobado: se publicará a su turno" in s.text(), "a text within the limit is approved")
        s.go("/posts/" + args.second_post)
        reject = driver.find_element(By.CSS_SELECTOR, "form[action$='/reject']").get_attribute("action")
        s.submit(reject[len(s.base):])
        s.expect("rechazado: no se publicará" in s.text(), "the second post is rejected")
        s.go("/posts/" + args.first_post)
        s.submit("/posts/%s/resend" % args.first_post, {"target": "x"})
        s.expect("Reenviado" in s.text(), "the first post is resent to the chosen target")
        s.go("/dead")
        s.shot("dead")
        if args.dead_post:
            s.submit("/posts/%s/retry" % args.dead_post)
            s.expect("Se reintenta" in s.text(), "a dead letter is retried")
        s.go("/problems")
        s.shot("problems")
        s.go("/")
        s.submit("/logout")
        s.expect(driver.current_url.endswith("/login"), "logging out ends at the login page")
        s.go("/")
        s.expect(driver.current_url.endswith("/login"), "after logging out the session is gone")
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser()
    for name in ("--user", "--password", "--first-post", "--first-title", "--second-post", "--edited-text",
                 "--profile"):
        parser.add_argument(name, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dead-post", default="")
    for name in ("--live-post", "--live-title", "--live-from", "--live-to", "--herald", "--config"):
        parser.add_argument(name, default="")
    parser.add_argument("--shots", default="")
    parser.add_argument("--no-javascript", action="store_true")
    args = parser.parse_args()
    try:
        run(args)
    except WebDriverException as e:
        print("chromium could not be driven: %s %s" % (type(e).__name__, e.msg))
        sys.exit(2)


if __name__ == "__main__":
    main()
