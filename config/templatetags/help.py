"""`{% help_panel "vergelijking" %}`: a closed "Hoe werkt dit?" panel with the first part of a topic
of the user guide, and a link to the whole help page."""

from django import template

from config.help import help_url, page_of

register = template.Library()


@register.inclusion_tag("help/_panel.html")
def help_panel(topic: str) -> dict:
    try:
        page = page_of(topic)
    except LookupError as error:
        raise template.TemplateSyntaxError(str(error)) from error
    return {"page": page, "url": help_url(topic)}
