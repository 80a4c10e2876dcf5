from django.core.management.base import BaseCommand

from learning.suggestions.models import ThemeModel
from learning.suggestions.services import theme_model_train


class Command(BaseCommand):
    help = (
        "Train the theme suggestions' model on every signal with themes, evaluate it cross-validated (5 folds, "
        "fixed seed) and store it as a new version; the last three versions are kept. Does nothing while there "
        "are fewer tagged signals than SUGGEST_MIN_SIGNALS. The last line gives the macro F1."
    )

    def handle(self, *args, **options) -> None:
        version = theme_model_train()
        if version is None:
            self.stdout.write("too few signals with themes: no model trained")
            self.stdout.write("macro F1: 0.00")
            return
        stored = ThemeModel.objects.defer("fitted").get(version=version)
        figures = stored.evaluation
        self.stdout.write(f"version {version}: {stored.signal_count} signals")
        for name in ("top3_hit_rate", "top3_family_hit_rate", "micro_f1"):
            self.stdout.write(f"{name}: {figures.get(name, 0):.2f}")
        apart = figures.get("copies_apart", {})
        self.stdout.write(f"top3_hit_rate with copies of a note in one fold: {apart.get('top3_hit_rate', 0):.2f}")
        self.stdout.write(f"macro F1: {figures.get('macro_f1', 0):.2f}")
