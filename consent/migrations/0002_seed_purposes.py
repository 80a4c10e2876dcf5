"""The council's three purposes for keeping contact data, with their first consent text."""

import hashlib

from django.db import migrations

PURPOSES = [
    (
        "terugkoppeling",
        "Terugkoppeling over mijn signaal",
        "Wij laten u weten wat de adviesraad met uw verhaal heeft gedaan. Daarvoor bewaren we uw naam en "
        "hoe we u kunnen bereiken. Daarna wissen we uw gegevens.",
        365,
        "Ik geef de adviesraad toestemming om mijn naam, e-mailadres en telefoonnummer te bewaren om mij te "
        "laten weten wat er met mijn verhaal is gedaan. Dit mag tot één jaar na vandaag. Ik kan mijn "
        "toestemming altijd intrekken.",
    ),
    (
        "uitnodiging",
        "Uitnodiging voor een gesprek of klankbordgroep",
        "Wij nodigen u uit voor een gesprek of een klankbordgroep over een onderwerp dat u aangaat. "
        "Daarvoor bewaren we uw naam en hoe we u kunnen bereiken.",
        730,
        "Ik geef de adviesraad toestemming om mijn naam, e-mailadres en telefoonnummer te bewaren om mij uit "
        "te nodigen voor een gesprek of klankbordgroep. Dit mag tot twee jaar na vandaag. Ik kan mijn "
        "toestemming altijd intrekken.",
    ),
    (
        "nieuwsbrief",
        "Nieuwsbrief van de adviesraad",
        "Wij sturen u de nieuwsbrief van de adviesraad, een paar keer per jaar. Daarvoor bewaren we uw naam "
        "en e-mailadres.",
        730,
        "Ik geef de adviesraad toestemming om mijn naam en e-mailadres te bewaren om mij de nieuwsbrief te "
        "sturen. Dit mag tot twee jaar na vandaag. Ik kan mijn toestemming altijd intrekken.",
    ),
]


def seed(apps, schema_editor):
    Purpose = apps.get_model("consent", "Purpose")
    PurposeText = apps.get_model("consent", "PurposeText")
    for slug, name, description, days, text in PURPOSES:
        purpose = Purpose.objects.create(slug=slug, name=name, description=description, retention_days=days)
        PurposeText.objects.create(
            purpose=purpose, version=1, text=text, sha256=hashlib.sha256(text.encode()).hexdigest()
        )


def unseed(apps, schema_editor):
    Purpose = apps.get_model("consent", "Purpose")
    PurposeText = apps.get_model("consent", "PurposeText")
    slugs = [p[0] for p in PURPOSES]
    PurposeText.objects.filter(purpose__slug__in=slugs).delete()
    Purpose.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
