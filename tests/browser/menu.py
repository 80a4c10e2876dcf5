"""Reaching the main menu's links as a user does (templates/base.html, ADR 11): open the Menu button on a
narrow window, then the group."""

import re

from playwright.sync_api import Locator, Page, expect


def open_menu(page: Page) -> None:
    """On a window narrower than 992 px the menu is folded behind its button: open it."""
    toggle = page.get_by_role("button", name="Menu openen of sluiten")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")


def menu_group(page: Page, group: str) -> Locator:
    """The summary that opens a group of the menu (a <details>)."""
    return page.locator(".site-nav summary", has_text=re.compile(f"^{re.escape(group)}$"))


def menu_link(page: Page, group: str, link: str) -> Locator:
    """A link of the menu, with its group open."""
    open_menu(page)
    found = page.locator(".site-nav").get_by_role("link", name=link, exact=True)
    if not found.is_visible():
        menu_group(page, group).click()
    return found


def logout_button(page: Page) -> Locator:
    """The logout button, with the account menu open."""
    open_menu(page)
    button = page.get_by_role("button", name="Uitloggen")
    if not button.is_visible():
        page.locator(".site-nav-account > summary").click()
    return button
