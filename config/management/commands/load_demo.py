from django.conf import settings
from django.core.management.base import BaseCommand

from config.demo import DemoAccountsRefused, demo_accounts_create
from consent.demo import demo_contacts_load
from learning.suggestions.models import ThemeModel
from learning.suggestions.services import theme_model_train
from monitoring.demo import demo_figures_load
from monitoring.demo.followups import demo_followups_load
from monitoring.services import areas_load
from signals.demo import demo_signals_load


class Command(BaseCommand):
    help = (
        "Load the demo data, idempotently: the municipality (MUNICIPALITY_CODE, default Delft GM0503) and its "
        "districts; and, only while DEBUG is on, real public figures (RIVM/GGD health monitor 2016, CBS key figures "
        "2024, Delft's social domain 2009-2022, national youth-care referrers 2021) as sources, indicators and "
        "observations, imported like an upload, the demo accounts and 400 fictional signals over the last "
        "two years, 5 fictional contacts with consents in every state, a first theme-suggestion model "
        "trained on the demo signals, and for Delft work for every role: a fictional district-team registration "
        "that needs the privacy officer's approval, a linking request about it waiting for a decision and one "
        "decided, a data request and an inquiry in progress. A second run adds nothing."
    )

    def handle(self, *args, **options) -> None:
        area, created, updated = areas_load(municipality_code=settings.MUNICIPALITY_CODE)
        self.stdout.write(f"areas: {area.code} {area.name}, {created} districts created, {updated} updated")
        if not settings.DEBUG:
            # Fictional signals and accounts must never mix with a council's real data; and the
            # demo figures would put back values a coordinator has since imported anew.
            self.stdout.write("demo figures, accounts and signals: skipped (DEBUG is off)")
            return
        figures = demo_figures_load(municipality_code=area.code)
        self.stdout.write(
            f"figures: {figures['indicators']} indicators created, {figures['created']} observations created, "
            f"{figures['changed']} changed in {figures['imports']} imports"
        )
        try:
            accounts = demo_accounts_create()
        except DemoAccountsRefused:  # pragma: no cover - DEBUG was checked above
            accounts = []
        self.stdout.write(f"demo accounts: {len(accounts)} created")
        made = demo_signals_load()
        self.stdout.write(f"signals: {made} created")
        contacts = demo_contacts_load()
        self.stdout.write(f"contacts: {contacts} created")
        self.stdout.write(f"theme model: {demo_theme_model()}")
        followups = demo_followups_load(municipality_code=area.code)
        self.stdout.write(f"follow-ups: {followups} created")


def demo_theme_model() -> str:
    """Train the theme suggestions once on the demo signals, so the signal form suggests from the start
    (afterwards the nightly task retrains it)."""
    newest = ThemeModel.objects.order_by("-version").first()
    if newest is not None:
        return f"version {newest.version} present"
    version = theme_model_train()
    return f"version {version} trained" if version else "not trained (too few tagged signals)"
