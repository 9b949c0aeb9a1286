"""Every page reachable from the home page fits the window, in English and Urdu, wide and narrow.

One Chromium and one browser context, signed in as each person in turn (anonymous, then
one demo user of each role ``napmon demo`` creates). For
each person the test follows the links of the site from ``/`` (one page of each URL shape:
``/plan/2021/points/4/`` stands for every point page), and on each page, in both languages,
checks ``document.documentElement.scrollWidth <= window.innerWidth`` at 1,280 and 390 px.
Downloads (PDF, CSV, API), the Django admin and log-out are not pages of the site's layout.
"""

import re
from datetime import date
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from napmon.indicators.models import Indicator, IndicatorValue
from napmon.reporting.demo import USERS, create_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDE, NARROW = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
SKIP = re.compile(r"^/(admin|api|static|i18n|language|logout|briefs|reporting/evidence)(/|$)")
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
LINKS = "[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
# On overflow: the outermost elements that stick out of the window, to say what to fix.
CULPRITS = """() => [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    const out = x => x.right > innerWidth + 1 || x.left < -1;
    return r.width && out(r) && !(e.parentElement && out(e.parentElement.getBoundingClientRect()));
}).slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _links(page, base: str, current: str) -> list[str]:
    found = []
    for href in page.evaluate(LINKS):
        url = urlsplit(urljoin(base + current, href))
        if url.netloc != urlsplit(base).netloc or url.query or SKIP.match(url.path):
            continue
        if re.search(r"\.(pdf|csv|xlsx|json|zip|svg)$", url.path):
            continue
        found.append(url.path)
    return found


def _measure(page, sizes) -> dict:
    """The overflow of the loaded page at each of ``sizes`` (name, viewport), in that order
    (0, or the overflow in pixels and the elements that stick out)."""
    widths = {}
    for name, size in sizes:
        if page.viewport_size != size:
            page.set_viewport_size(size)
        overflow = page.evaluate(OVERFLOW)
        widths[name] = (overflow, page.evaluate(CULPRITS)) if overflow > 0 else 0
    return widths


def _crawl(context, base: str) -> dict[str, dict]:
    """Visit every page shape reachable from ``/`` in both languages; the overflow of each.

    Each page is measured at both widths; the page after it starts at the width the last
    one ended with (wide then narrow, narrow then wide ...), so no visit pays for a resize
    back: a resize makes the charts draw again."""
    page = context.new_page()
    # The first visit to /outcomes/ computes the outcome statistics (tens of seconds on a
    # busy machine); later visits read the stored results.
    page.set_default_navigation_timeout(180_000)
    page.set_viewport_size(WIDE)
    sizes = [("1280", WIDE), ("390", NARROW)]
    queue, seen, results = ["/"], {"/"}, {}
    for path in queue:
        for language in ("en", "ur"):
            context.add_cookies([{"name": "django_language", "value": language, "url": base}])
            response = page.goto(base + path)
            if not response.ok or "text/html" not in response.headers.get("content-type", ""):
                break
            assert page.get_attribute("html", "lang") == language
            results[f"{language} {path}"] = _measure(page, sizes)
            sizes.reverse()
        for link in _links(page, base, path):
            if _shape(link) not in seen:
                seen.add(_shape(link))
                queue.append(link)
    page.close()
    return results


@pytest.fixture
def demo(nap_data):
    create_demo(password="demo-password-1234")


def _sign_in(context, base: str, username: str | None) -> None:
    """Become ``username`` (anonymous for None) in the shared context, keeping its cache."""
    context.clear_cookies()
    if username:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        session = client.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": session, "url": base}])


def test_no_page_overflows_in_either_direction_for_anyone(browser, live_server, demo):
    # One person per role: anonymous, then the first demo user of each role.
    people = [None] + list({role: username for username, role, _body in reversed(USERS)}.values())
    overflowing, visited = {}, {}
    context = browser.new_context()  # one context: static files stay in its cache
    for username in people:
        _sign_in(context, live_server.url, username)
        results = _crawl(context, live_server.url)
        visited[username or "anonymous"] = len(results)
        for page, widths in results.items():
            bad = {w: found for w, found in widths.items() if found}
            if bad:
                overflowing[f"{username or 'anonymous'} {page}"] = bad
    context.close()
    assert overflowing == {}
    # The crawl reached the whole site, not just the home page.
    assert visited["anonymous"] >= 2 * 8
    assert visited["coordinator"] > visited["anonymous"]
    assert set(visited) == {"anonymous", "coordinator", "reviewer", "analyst", "reporter-punjab"}


def test_a_period_code_keeps_its_order_on_the_urdu_plan_page(browser, live_server, nap_data):
    """ "2026-10" must not turn into "10-2026" next to Urdu text (checked on screen)."""
    indicator = Indicator.objects.get(slug="urls-blocked")
    IndicatorValue.objects.create(
        indicator=indicator,
        value=1400000,
        precision="month",
        period_start=date(2026, 10, 1),
        period_end=date(2026, 10, 31),
        period_label="2026-10",
        source=indicator.values.first().source,
    )
    context = browser.new_context()
    context.add_cookies([{"name": "django_language", "value": "ur", "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/plan/2021/")
    row = page.locator("#point-2")
    assert "سائبر نیٹ ورکس" in row.inner_text()  # the Urdu point title
    assert "1,400,000" in row.inner_text()
    order = page.evaluate(
        """(selector) => {
        const root = document.querySelector(selector);
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode()) && !node.data.includes("2026-10")) {}
        const at = node.data.indexOf("2026-10");
        const box = (start, end) => {
            const range = document.createRange();
            range.setStart(node, at + start);
            range.setEnd(node, at + end);
            return range.getBoundingClientRect().left;
        };
        return {year: box(0, 4), month: box(5, 7)};
    }""",
        "#point-2",
    )
    assert order["year"] < order["month"]  # read left to right: 2026 then 10
    # The same code without isolation, after Urdu text, is reordered: the check can fail.
    page.evaluate(
        """() => { const p = document.createElement('p'); p.id = 'control';
        p.textContent = 'مدت 2026-10'; document.querySelector('main').append(p); }"""
    )
    control = page.evaluate(
        """() => { const node = document.getElementById('control').firstChild;
        const at = node.data.indexOf('2026-10');
        const left = (s, e) => { const r = document.createRange(); r.setStart(node, at + s);
            r.setEnd(node, at + e); return r.getBoundingClientRect().left; };
        return {year: left(0, 4), month: left(5, 7)}; }"""
    )
    assert control["year"] > control["month"]
    context.close()


def test_hidden_cell_texts_stay_inside_a_scrolled_table_on_a_narrow_urdu_page(
    browser, live_server, nap_data
):
    """The plan's points table is wider than a phone and scrolls in its own box; the
    visually hidden "(not reviewed yet)" texts of its Urdu cells are absolutely positioned,
    and must not escape that box and widen the page to the left."""
    context = browser.new_context(viewport=NARROW)
    context.add_cookies([{"name": "django_language", "value": "ur", "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/plan/2021/")
    table = page.locator("main table").first
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert table.locator(".visually-hidden").count() > 0
    assert table.evaluate("t => t.getBoundingClientRect().width") > NARROW["width"]
    assert page.evaluate(OVERFLOW) <= 0, page.evaluate(CULPRITS)
    context.close()
