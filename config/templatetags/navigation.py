"""`{% main_menu as menu %}`: the main menu for the user and page being shown (config/navigation.py)."""

from django import template

from config import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> dict:
    return navigation.main_menu(context["request"])
