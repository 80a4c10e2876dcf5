"""Each purpose stores only the contact data its consent text names.

The register used to list name, e-mail, phone and preferred channel for every purpose, while the
newsletter's consent text names only name and e-mail address. The seeded purposes get their
categories set here; a purpose made since then gets the categories its current text names.
"""

from django.db import migrations, models

SEEDED = {
    "terugkoppeling": ["naam", "e-mailadres", "telefoonnummer", "voorkeur"],
    "uitnodiging": ["naam", "e-mailadres", "telefoonnummer", "voorkeur"],
    "nieuwsbrief": ["naam", "e-mailadres", "voorkeur"],
}
# A frozen copy of consent.models.CATEGORY_WORDS as it was when this migration was written.
CATEGORY_WORDS = {
    "naam": ("naam",),
    "e-mailadres": ("e-mailadres",),
    "telefoonnummer": ("telefoonnummer",),
    "voorkeur": ("e-mailadres", "telefoonnummer"),
}


def named_in(text: str) -> list[str]:
    lowered = text.lower()
    return [category for category, words in CATEGORY_WORDS.items() if any(word in lowered for word in words)]


def set_categories(apps, schema_editor):
    Purpose = apps.get_model("consent", "Purpose")
    for purpose in Purpose.objects.all():
        if purpose.slug in SEEDED:
            purpose.data_categories = SEEDED[purpose.slug]
        else:
            current = purpose.texts.order_by("-version").first()
            purpose.data_categories = named_in(current.text) if current else []
        purpose.save(update_fields=["data_categories"])


class Migration(migrations.Migration):
    dependencies = [("consent", "0005_retention_bounds")]

    operations = [
        migrations.AddField(
            model_name="purpose",
            name="data_categories",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Welke contactgegevens dit doel bewaart. Elk soort staat in de toestemmingstekst.",
                verbose_name="soorten gegevens",
            ),
        ),
        # Backwards the field goes, and with it the categories: nothing to undo first.
        migrations.RunPython(set_categories, migrations.RunPython.noop),
    ]
