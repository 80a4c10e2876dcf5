from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """Holds the project-wide pieces that need an app: the roles migration."""

    name = "config"
    label = "config"
    verbose_name = _("Instellingen")
