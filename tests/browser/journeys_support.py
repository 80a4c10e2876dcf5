"""What every page of a role's journey must do at every width (issue 14), for tests/browser/test_journeys.py.

A `Journey` walks one role at one window width. At each step `check` looks at the page as the user
sees it: it is never wider than the window, axe-core finds no serious or critical violation, and a
logged-in user can reach "Uitloggen" (visible, or after opening the menu, and clickable inside the
window). Those findings are collected, not raised at once, so one run tells everything that is wrong
on the whole journey; `finish` fails the test with the list. What the journey needs to go on (a
heading, a button to click) is asserted at once by the test itself.

Elements are found by role and accessible name, so the checks keep working while the markup of the
navigation changes (a Bootstrap collapse, a <details> menu, an account dropdown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

from tests.factories import UserFactory

WIDTHS = (1280, 1024, 768, 360)
PHONE = 360
SCREENSHOT_WIDTHS = {PHONE}  # full-page PNGs of every step, for people to look at (git ignores the folder)
SCREENSHOTS = Path(__file__).parent / "screenshots"
PASSWORD = "een-lang-test-wachtwoord"
LOGOUT = re.compile(r"^\s*Uitloggen\b")
MENU_WORDS = re.compile(r"menu|account|ingelogd|profiel|gebruiker|uitloggen", re.IGNORECASE)
SERIOUS = ("serious", "critical")
WAIT = 3_000  # ms for a menu to open; everything here is local

axe = Axe()


def window_height(width: int) -> int:
    return 740 if width <= PHONE else 800


def log_in(page: Page, live_server, role: str) -> str:
    """A new user in the group `role`; the login form is left filled in, not yet sent."""
    username = f"{role}-reis"
    UserFactory(username=username, password=PASSWORD).groups.add(Group.objects.get(name=role))
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    return username


def logout_control(page: Page) -> Locator:
    """The logout button (a POST form in Django 5), or a link or menu item should it become one."""
    by_role = [page.get_by_role(role, name=LOGOUT) for role in ("button", "link", "menuitem")]
    return by_role[0].or_(by_role[1]).or_(by_role[2])


def _closed_toggles(page: Page) -> list[Locator]:
    """The visible, closed disclosure controls in the page's header and navigation that this search
    has not opened yet: the navbar toggler, dropdown buttons, <summary> of a closed <details>. Ones
    named like a menu or an account come first."""
    css = (
        'button[aria-expanded="false"]:visible:not([data-journey-opened]), '
        "details:not([open]) > summary:visible:not([data-journey-opened])"
    )
    toggles = page.locator("header, nav, [role=banner], [role=navigation]").locator(css).all()
    named = [t for t in toggles if MENU_WORDS.search(_name_of(t))]
    return named + [t for t in toggles if t not in named]


def _name_of(toggle: Locator) -> str:
    return " ".join(filter(None, (toggle.get_attribute("aria-label"), toggle.inner_text())))


def _is_open(toggle: Locator) -> bool:
    return toggle.evaluate(
        "e => e.tagName === 'SUMMARY' ? e.parentElement.open : e.getAttribute('aria-expanded') === 'true'"
    )


def open_menus_until(page: Page, target: Locator, *, tries: int = 8) -> list[Locator]:
    """Open the header's menus one by one until `target` is visible. Returns the toggles it opened
    (close_menus closes them again); `target` may still be hidden when no menu holds it. A toggle
    is tried once: opening one dropdown may close another, which must not start a loop."""
    page.evaluate("document.querySelectorAll('[data-journey-opened]').forEach(e => delete e.dataset.journeyOpened)")
    opened: list[Locator] = []
    for _ in range(tries):
        if target.filter(visible=True).count():
            break
        toggles = _closed_toggles(page)
        if not toggles:
            break
        # Marked, and found again by the mark: the list's positions shift once it is marked.
        toggles[0].evaluate("(e, n) => e.setAttribute('data-journey-opened', n)", str(len(opened)))
        toggle = page.locator(f'[data-journey-opened="{len(opened)}"]')
        toggle.click()
        opened.append(toggle)
        try:
            expect(target.filter(visible=True).first).to_be_visible(timeout=WAIT // 3)
        except AssertionError:
            continue
    return opened


def open_menu_if_collapsed(page: Page) -> list[Locator]:
    """Open the navbar toggle / account menu when the logout button is not visible."""
    return open_menus_until(page, logout_control(page))


def close_menus(opened: list[Locator]) -> None:
    """Close what open_menus_until opened and is still open, innermost first, and wait until what a
    toggle controls is hidden: a collapsing Bootstrap menu stays visible for a moment."""
    for toggle in reversed(opened):
        try:
            if toggle.is_visible() and _is_open(toggle):
                toggle.click(timeout=WAIT)
        except PlaywrightError:
            toggle.page.keyboard.press("Escape")
        controls = toggle.get_attribute("aria-controls")
        if controls:  # while it collapses its box is empty, but its links still count as visible
            inside = toggle.page.locator(f"#{controls}").locator("a, button, summary, input")
            expect(inside.filter(visible=True)).to_have_count(0, timeout=WAIT)


def follow(page: Page, name: str | re.Pattern) -> bool:
    """Click the first visible link with this accessible name, opening menus when it is in one.
    False when no link of that name can be reached."""
    exact = isinstance(name, str)
    link = page.get_by_role("link", name=name, exact=exact).or_(page.get_by_role("menuitem", name=name, exact=exact))
    if not link.filter(visible=True).count():
        opened = open_menus_until(page, link)
        if not link.filter(visible=True).count():
            close_menus(opened)
            return False
    link.filter(visible=True).first.click()
    return True


def overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def serious_violations(page: Page) -> list[str]:
    results = axe.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in SERIOUS:
            targets = ", ".join(str(node["target"][-1]) for node in violation["nodes"][:3])
            more = f" (+{len(violation['nodes']) - 3})" if len(violation["nodes"]) > 3 else ""
            found.append(f"axe {violation['id']} [{violation['impact']}] on {targets}{more}")
    return found


@dataclass
class Journey:
    page: Page
    role: str
    width: int
    problems: list[str] = field(default_factory=list)
    steps: int = 0
    menu_checked: bool = False

    def __post_init__(self) -> None:
        self.page.set_viewport_size({"width": self.width, "height": window_height(self.width)})
        if self.width in SCREENSHOT_WIDTHS:
            SCREENSHOTS.mkdir(exist_ok=True)
            for old in SCREENSHOTS.glob(f"{self.role}-*-{self.width}.png"):
                old.unlink()

    def note(self, step: str, problem: str) -> None:
        """A problem on this page; a step named without its number is the one `check` looks at next."""
        if not step[:2].isdigit():
            step = f"{self.steps + 1:02d}-{step}"
        path = urlsplit(self.page.url).path
        self.problems.append(f"{self.role} {self.width}px {step} {path}: {problem}")

    def check(self, step: str, *, logged_in: bool = True) -> None:
        """The page as it is now: no sideways scrolling, no serious axe violation, logout reachable."""
        self.steps += 1
        step = f"{self.steps:02d}-{step}"
        self.page.wait_for_load_state()
        wider = overflow(self.page)
        if wider > 0:
            self.note(step, f"page {self.width + wider}px wide, {wider}px wider than the window")
        for violation in serious_violations(self.page):
            self.note(step, violation)
        self.screenshot(step)
        if logged_in:
            self.check_logout(step)

    def check_logout(self, step: str) -> None:
        """Logout is visible, or visible after opening the menu, inside the window and clickable. With
        the menu open the page still fits; axe-core looks at the open menu once per journey."""
        self.page.evaluate("window.scrollTo(0, 0)")
        opened = open_menu_if_collapsed(self.page)
        logout = logout_control(self.page).filter(visible=True)
        if not logout.count():
            self.note(step, "no visible logout, not even after opening the menu")
        else:
            self._check_clickable(step, logout.first, opened)
        if opened:
            wider = overflow(self.page)
            if wider > 0:
                self.note(step, f"with the menu open the page is {wider}px wider than the window")
            if not self.menu_checked:
                self.menu_checked = True
                for violation in serious_violations(self.page):
                    self.note(step, f"menu open: {violation}")
                self.screenshot(f"{step}-menu")
        close_menus(opened)

    def _check_clickable(self, step: str, logout: Locator, opened: list[Locator]) -> None:
        box = logout.bounding_box()
        inner = self.page.evaluate("window.innerWidth")
        if box is None or box["x"] < 0 or box["x"] + box["width"] > inner + 0.5:
            where = "nowhere" if box is None else f"x {box['x']:.0f} to {box['x'] + box['width']:.0f}"
            self.note(step, f"logout is outside the window ({where}, window {inner}px)")
        try:
            logout.click(trial=True, timeout=WAIT)  # visible, stable, enabled and not covered
        except PlaywrightError as error:
            self.note(step, f"logout is not clickable: {str(error).splitlines()[0]}")
        self.page.evaluate("window.scrollTo(0, 0)")  # the trial click may have scrolled to the button

    def screenshot(self, step: str) -> None:
        if self.width in SCREENSHOT_WIDTHS:
            self.page.screenshot(path=SCREENSHOTS / f"{self.role}-{step}-{self.width}.png", full_page=True)

    def finish(self) -> None:
        if self.problems:
            pytest.fail(f"{len(self.problems)} problem(s):\n" + "\n".join(self.problems), pytrace=False)
