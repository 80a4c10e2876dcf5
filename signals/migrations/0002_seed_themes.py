"""Seed the themes: the six dimensions of Positive Health with their aspects,
and participation themes the SCP uses that Positive Health lacks.

Dimensions and aspects: the adult dialogue tool of Positieve Gezondheid as
described by Huber et al. 2016 (BMJ Open e010091); English names are working
translations (see monitoring/data/SOURCES.md). The data is written into this
migration so it stays the same whatever the files do later.
"""

from django.db import migrations

PG = "positieve_gezondheid"
DIMENSIONS = [
    (
        "lichaamsfuncties",
        "Lichaamsfuncties",
        "Bodily functions",
        [
            ("je-gezond-voelen", "Je gezond voelen", "Feeling healthy"),
            ("fitheid", "Fitheid", "Feeling fit"),
            ("klachten-en-pijn", "Klachten en pijn", "Complaints and pain"),
            ("slapen", "Slapen", "Sleeping"),
            ("eten", "Eten", "Eating"),
            ("conditie", "Conditie", "Physical condition"),
            ("bewegen", "Bewegen", "Exercise"),
        ],
    ),
    (
        "mentaal-welbevinden",
        "Mentaal welbevinden",
        "Mental well-being",
        [
            ("onthouden", "Onthouden", "Remembering"),
            ("concentreren", "Concentreren", "Concentrating"),
            ("communiceren", "Communiceren", "Communicating"),
            ("vrolijk-zijn", "Vrolijk zijn", "Feeling cheerful"),
            ("jezelf-accepteren", "Jezelf accepteren", "Accepting yourself"),
            ("omgaan-met-verandering", "Omgaan met verandering", "Coping with change"),
            ("gevoel-van-controle", "Gevoel van controle", "Sense of control"),
        ],
    ),
    (
        "zingeving",
        "Zingeving",
        "Meaningfulness",
        [
            ("zinvol-leven", "Zinvol leven", "Meaningful life"),
            ("levenslust", "Levenslust", "Zest for life"),
            ("idealen-willen-bereiken", "Idealen willen bereiken", "Striving for ideals"),
            ("vertrouwen-hebben", "Vertrouwen hebben", "Having confidence"),
            ("accepteren", "Accepteren", "Acceptance"),
            ("dankbaarheid", "Dankbaarheid", "Gratitude"),
            ("blijven-leren", "Blijven leren", "Lifelong learning"),
        ],
    ),
    (
        "kwaliteit-van-leven",
        "Kwaliteit van leven",
        "Quality of life",
        [
            ("genieten", "Genieten", "Enjoying life"),
            ("gelukkig-zijn", "Gelukkig zijn", "Feeling happy"),
            ("lekker-in-je-vel-zitten", "Lekker in je vel zitten", "Feeling good about yourself"),
            ("balans", "Balans", "Balance"),
            ("je-veilig-voelen", "Je veilig voelen", "Feeling safe"),
            ("hoe-je-woont", "Hoe je woont", "Housing"),
            ("rondkomen-met-je-geld", "Rondkomen met je geld", "Making ends meet"),
        ],
    ),
    (
        "meedoen",
        "Meedoen",
        "Participation",
        [
            ("sociale-contacten", "Sociale contacten", "Social contacts"),
            ("serieus-genomen-worden", "Serieus genomen worden", "Being taken seriously"),
            ("samen-leuke-dingen-doen", "Samen leuke dingen doen", "Doing fun things together"),
            ("steun-van-anderen", "Steun van anderen", "Support from others"),
            ("erbij-horen", "Erbij horen", "Belonging"),
            ("zinvolle-dingen-doen", "Zinvolle dingen doen", "Doing meaningful things"),
            ("interesse-in-de-maatschappij", "Interesse in de maatschappij", "Interest in society"),
        ],
    ),
    (
        "dagelijks-functioneren",
        "Dagelijks functioneren",
        "Daily functioning",
        [
            ("voor-jezelf-zorgen", "Voor jezelf zorgen", "Taking care of yourself"),
            ("je-grenzen-kennen", "Je grenzen kennen", "Knowing your limits"),
            ("kennis-van-gezondheid", "Kennis van gezondheid", "Health literacy"),
            ("omgaan-met-tijd", "Omgaan met tijd", "Managing time"),
            ("omgaan-met-geld", "Omgaan met geld", "Managing money"),
            ("kunnen-werken", "Kunnen werken", "Being able to work"),
            ("hulp-kunnen-vragen", "Hulp kunnen vragen", "Being able to ask for help"),
        ],
    ),
]
# Participation as the SCP measures it, beyond Positive Health's aspects.
SCP_THEMES = [
    ("eenzaamheid", "Eenzaamheid", "Loneliness"),
    ("sociale-media", "Sociale media", "Social media"),
    ("vrijwilligerswerk", "Vrijwilligerswerk", "Volunteering"),
    ("mantelzorg", "Mantelzorg", "Informal care"),
    ("betaald-werk", "Betaald werk", "Paid work"),
    ("digitale-vaardigheden", "Digitale vaardigheden", "Digital skills"),
    ("financiele-zorgen", "Financiële zorgen", "Financial worries"),
    ("vervoer-en-bereikbaarheid", "Vervoer en bereikbaarheid", "Transport and access"),
    ("taal", "Taal", "Language"),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("signals", "Theme")
    for position, (slug, name, name_en, aspects) in enumerate(DIMENSIONS, start=1):
        dimension = Theme.objects.create(slug=slug, name=name, name_en=name_en, origin=PG, position=position)
        for index, (a_slug, a_name, a_name_en) in enumerate(aspects, start=1):
            Theme.objects.create(
                slug=a_slug, name=a_name, name_en=a_name_en, origin=PG, parent=dimension, position=index
            )
    for index, (slug, name, name_en) in enumerate(SCP_THEMES, start=1):
        Theme.objects.create(slug=slug, name=name, name_en=name_en, origin="scp", position=100 + index)


def unseed(apps, schema_editor):
    Theme = apps.get_model("signals", "Theme")
    slugs = [d[0] for d in DIMENSIONS] + [s[0] for s in SCP_THEMES]
    aspect_slugs = [a[0] for d in DIMENSIONS for a in d[3]]
    Theme.objects.filter(slug__in=aspect_slugs).delete()
    Theme.objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("signals", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
