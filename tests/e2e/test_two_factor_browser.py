"""Two-factor log-in in Chromium: a coordinator turns it on from the QR page, logs in
with a code (a wrong one refused), with a recovery code (once only), and, where the
site requires it for staff, is sent to set it up and cannot turn it off; in Urdu the key
and the recovery codes read on screen as they are typed, and the code page reads right
to left and fits a phone.

(Named ``..._browser`` because ``tests/core/test_two_factor.py`` holds the basename and
neither folder is a package.)"""

import time
from types import SimpleNamespace

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from napmon.core import roles, two_factor
from napmon.core.models import TwoFactorDevice

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "e2e-password-1234"
WRONG_CODE = "That code is not valid, or was used already."
REQUIRED = "Your role requires two-factor log-in, so it cannot be turned off."


def make_coordinator(username):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=roles.COORDINATOR))
    return user


def log_in(page, base, username):
    """The password step; returns the URL the browser lands on."""
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return page.url


def give_code(page, code):
    page.fill("#id_code", code)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def log_out(page):
    page.click("header form[action='/logout/'] button")
    page.wait_for_load_state()
    assert page.locator("header a[href='/login/']").count() == 1


def a_wrong_code(totp):
    """Six digits that match no step the server accepts now (the step before, now, after)."""
    now = time.time()
    accepted = {totp.at(now + 30 * k) for k in (-2, -1, 0, 1, 2)}
    return next(c for c in ("000000", "123456", "999999", "314159") if c not in accepted)


def enrol_on_the_page(page, base):
    """On the set-up page, read the secret key off it and confirm with the app's code;
    returns the TOTP of that secret and the recovery codes the page shows."""
    page.wait_for_url(base + "/account/two-factor/")
    assert page.locator("main h1").inner_text() == "Two-factor log-in"
    qr = page.locator("main .qr svg")
    assert qr.count() == 1 and qr.bounding_box()["width"] > 100  # drawn, not a broken image
    secret = page.locator("main code.secret").inner_text().replace(" ", "")
    assert len(secret) == 32
    assert f"secret={secret}" in page.locator("main code.otpauth").inner_text()
    totp = pyotp.TOTP(secret)
    give_code(page, totp.now())
    assert "Two-factor log-in is on." in page.locator("main p.notice").inner_text()
    codes = page.locator("main ul.recovery-codes li code").all_inner_texts()
    assert len(codes) == 10 and len(set(codes)) == 10
    return totp, codes


def test_a_coordinator_turns_it_on_and_logs_in_with_a_code_or_a_recovery_code(
    browser, live_server, nap_data
):
    make_coordinator("coord-2fa")
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    # 1. The password alone logs in while two-factor is off; turn it on from the QR page.
    assert log_in(page, base, "coord-2fa") == base + "/reporting/cockpit/"
    # The page the header's "Change password" opens links to the two-factor page.
    page.click("header a:has-text('Change password')")
    page.click("main a:has-text('Two-factor log-in')")
    totp, codes = enrol_on_the_page(page, base)
    page.click("main a:has-text('Done')")
    assert "Two-factor log-in is on for your account." in page.inner_text("main")
    assert "10 recovery codes left." in page.inner_text("main")
    assert page.locator("main a:has-text('Turn off two-factor log-in')").count() == 1
    log_out(page)

    # 2. The password now leads to the code page; a wrong code is refused.
    assert log_in(page, base, "coord-2fa") == base + "/login/code/"
    assert page.locator("main h1").inner_text() == "Two-factor log-in: enter your code"
    assert page.locator("header a[href='/login/']").count() == 1  # not logged in yet
    give_code(page, a_wrong_code(totp))
    assert page.url == base + "/login/code/"
    assert WRONG_CODE in page.locator("main form").inner_text()
    # Enrolment used this step's code, and a code is accepted once: the app's next one.
    give_code(page, totp.at(time.time() + 30))
    assert page.url == base + "/reporting/cockpit/"
    assert page.locator("main h1").inner_text() == "Monitoring cockpit"
    assert page.locator("header .user").inner_text() == "coord-2fa"
    log_out(page)

    # 3. A recovery code logs in instead of the app's code, once; the page asked for
    # before logging in opens after the code.
    page.goto(base + "/account/two-factor/")
    assert page.url == base + "/login/?next=/account/two-factor/"
    page.fill("#id_username", "coord-2fa")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(base + "/login/code/")
    give_code(page, codes[0])
    assert page.url == base + "/account/two-factor/"
    assert "9 recovery codes left." in page.inner_text("main")
    log_out(page)
    assert log_in(page, base, "coord-2fa") == base + "/login/code/"
    give_code(page, codes[0])
    assert page.url == base + "/login/code/"
    assert WRONG_CODE in page.locator("main form").inner_text()
    page.goto(base + "/reporting/cockpit/")
    assert page.url.startswith(base + "/login/")  # still not logged in
    context.close()


def test_where_required_staff_are_sent_to_set_it_up_and_cannot_turn_it_off(
    browser, live_server, nap_data, settings
):
    settings.NAPMON_STAFF_REQUIRE_TOTP = True
    make_coordinator("coord-must")
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    # After the password, the cockpit is out of reach until two-factor log-in is on.
    assert log_in(page, base, "coord-must") == base + "/account/two-factor/"
    page.goto(base + "/reporting/cockpit/")
    assert page.url == base + "/account/two-factor/"
    assert page.locator("main code.secret").count() == 1
    enrol_on_the_page(page, base)
    page.goto(base + "/reporting/cockpit/")
    assert page.locator("main h1").inner_text() == "Monitoring cockpit"
    # Turning it off is not offered, and the page says why; typed in, it is refused.
    page.goto(base + "/account/two-factor/")
    assert REQUIRED in page.inner_text("main")
    assert page.locator("main a:has-text('Turn off two-factor log-in')").count() == 0
    page.goto(base + "/account/two-factor/off/")
    assert REQUIRED in page.inner_text("main")
    assert page.locator("#id_code").count() == 0
    page.goto(base + "/account/two-factor/")
    assert "Two-factor log-in is on for your account." in page.inner_text("main")
    context.close()


# The characters of each element matched by a selector, in the order they appear on
# screen, line by line and left to right: what a person copying a code by hand writes.
AS_SEEN = """(selector) => [...document.querySelectorAll(selector)].map(el => {
    const node = el.firstChild;
    const boxes = [...node.data].map((c, i) => {
        const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
        const box = r.getBoundingClientRect();
        return [Math.round(box.top), box.left, c];
    }).filter(([top, left, c]) => c.trim());
    boxes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return boxes.map(([top, left, c]) => c).join("");
})"""
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
# A secret whose first group is all digits, and recovery codes whose first half is: after
# Urdu text, the digits would be drawn after the letters unless the codes are isolated.
SECRET = "2345ABCDEFGHIJKLMNOPQRSTUVWXYZ67"
RANDOM_HEX = ["12345abcde", "abcde12345", "1234567890", "00000fffff", "ab12cd34ef"] * 2


def test_in_urdu_keys_and_codes_read_as_typed_and_the_code_page_fits_a_phone(
    browser, live_server, nap_data, monkeypatch
):
    user = make_coordinator("coord-ur")
    TwoFactorDevice.objects.create(user=user, secret=SECRET)  # the set-up page's key
    draws = iter(RANDOM_HEX)
    monkeypatch.setattr(two_factor, "secrets", SimpleNamespace(token_hex=lambda n: next(draws)))
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "django_language", "value": "ur", "url": base}])
    page = context.new_page()
    log_in(page, base, "coord-ur")
    page.goto(base + "/account/two-factor/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.evaluate(AS_SEEN, "main code.secret") == [SECRET]
    assert page.evaluate(OVERFLOW) <= 0
    totp = pyotp.TOTP(SECRET)
    give_code(page, totp.now())
    shown = [f"{c[:5]}-{c[5:]}" for c in RANDOM_HEX]
    assert page.evaluate(AS_SEEN, "main ul.recovery-codes code") == shown
    log_out(page)

    # The code page after the password: right to left, translated, and no sideways scroll.
    assert log_in(page, base, "coord-ur") == base + "/login/code/"
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ur"
    heading = page.locator("main h1").inner_text()
    assert heading and heading != "Two-factor log-in: enter your code"
    assert page.evaluate(OVERFLOW) <= 0
    give_code(page, a_wrong_code(totp))
    assert page.url == base + "/login/code/"
    assert page.locator("main form .errorlist").count() == 1
    assert page.evaluate(OVERFLOW) <= 0
    give_code(page, shown[0])
    assert page.url == base + "/reporting/cockpit/"
    context.close()
