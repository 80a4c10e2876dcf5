"""The figures: areas, sources, the indicator catalogue, imports, observations and uploads."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.progress import ProgressMixin


class AreaQuerySet(models.QuerySet):
    def districts(self) -> "AreaQuerySet":
        """The districts of the municipality the app serves (MUNICIPALITY_CODE), by name: the ones forms offer."""
        return self.filter(level=Area.Level.DISTRICT, parent__code=settings.MUNICIPALITY_CODE).order_by("name")


class Area(models.Model):
    """A municipality, district (wijk) or neighbourhood (buurt) with its CBS code."""

    class Level(models.TextChoices):
        COUNTRY = "land", _("land")
        MUNICIPALITY = "gemeente", _("gemeente")
        DISTRICT = "wijk", _("wijk")
        NEIGHBOURHOOD = "buurt", _("buurt")

    code = models.CharField(_("CBS-code"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    level = models.CharField(_("niveau"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("ligt in"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=["land", "gemeente"], parent__isnull=True)
                | ~models.Q(level__in=["land", "gemeente"]),
                name="area_top_level_has_no_parent",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """Where numbers come from (bron), and whether it may be combined with other data."""

    class Kind(models.TextChoices):
        RESIDENT_PANEL = "inwonerspanel", _("inwonerspanel")
        RESIDENT_SURVEY = "inwonersonderzoek", _("tweejaarlijks inwonersonderzoek")
        CBS = "cbs", _("CBS")
        GGD = "ggd", _("GGD-gezondheidsmonitor")
        REGISTRATION = "registratie", _("gemeentelijke registratie")
        OTHER = "anders", _("anders")

    class LinkingPolicy(models.TextChoices):
        OPEN = "open", _("open: openbare gegevens")
        APPROVAL = "goedkeuring", _("koppelen alleen na goedkeuring van de AVG-functionaris")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    owner = models.CharField(_("eigenaar"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("beschrijving"), blank=True)
    linking_policy = models.CharField(
        _("koppelen"), max_length=20, choices=LinkingPolicy.choices, default=LinkingPolicy.APPROVAL
    )
    design_effect = models.FloatField(
        _("designeffect"),
        default=1.5,
        validators=[MinValueValidator(1.0), MaxValueValidator(20.0)],
        help_text=_(
            "Hoeveel groter de variantie van een percentage uit deze bron is dan bij een enkelvoudige "
            "aselecte steekproef (door weging en clustering). De vergelijking gebruikt het als een cijfer "
            "wel n maar geen betrouwbaarheidsinterval heeft."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(design_effect__gte=1.0, design_effect__lte=20.0), name="source_design_effect_range"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name, with the owner in brackets when there is one that the name does not already say."""
        owner = self.owner.strip()
        return f"{self.name} ({owner})" if owner and owner != self.name else self.name

    def set_design_effect(self, value: float) -> None:
        """Set the design effect, within its bounds (a ValidationError names the field otherwise)."""
        self.design_effect = value
        self.full_clean(validate_unique=False, validate_constraints=False)
        self.save(update_fields=["design_effect"])


class Indicator(models.Model):
    """A quantitative measure from a source, linked to the themes it speaks to."""

    class Unit(models.TextChoices):
        PERCENTAGE = "percentage", _("percentage")
        COUNT = "aantal", _("aantal")
        PER_THOUSAND = "per_1000", _("per 1.000 inwoners")
        EURO = "euro", _("euro")
        MEAN_SCORE = "gemiddelde", _("gemiddelde score")

    class Polarity(models.TextChoices):
        HIGHER_IS_BETTER = "higher_is_better", _("hoger is beter")
        HIGHER_IS_WORSE = "higher_is_worse", _("hoger is slechter")
        NEUTRAL = "neutral", _("neutraal")

    class Periodicity(models.TextChoices):
        MONTHLY = "maand", _("per maand")
        QUARTERLY = "kwartaal", _("per kwartaal")
        YEARLY = "jaar", _("per jaar")
        BIENNIAL = "tweejaarlijks", _("om de twee jaar")
        IRREGULAR = "onregelmatig", _("onregelmatig")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    name_en = models.CharField(_("naam in het Engels"), max_length=200, blank=True)
    definition = models.TextField(_("definitie"))
    unit = models.CharField(_("eenheid"), max_length=20, choices=Unit.choices)
    polarity = models.CharField(_("richting"), max_length=20, choices=Polarity.choices)
    themes = models.ManyToManyField("signals.Theme", verbose_name=_("thema's"), related_name="indicators", blank=True)
    source = models.ForeignKey(Source, verbose_name=_("bron"), on_delete=models.PROTECT, related_name="indicators")
    periodicity = models.CharField(
        _("hoe vaak gemeten"), max_length=20, choices=Periodicity.choices, default=Periodicity.YEARLY
    )
    lowest_level = models.CharField(
        _("laagste gebiedsniveau"), max_length=10, choices=Area.Level.choices, default=Area.Level.MUNICIPALITY
    )
    owner = models.CharField(_("eigenaar"), max_length=200, blank=True)
    reference = models.CharField(_("verwijzing"), max_length=200, blank=True, help_text=_("Bijvoorbeeld de CBS-tabel."))
    benchmark_label = models.CharField(
        _("vergelijkingswaarde is"),
        max_length=200,
        blank=True,
        help_text=_("Waar de vergelijkingswaarde voor staat, zoals „Nederland” of „Nederland (afgeleid)”."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    @property
    def label(self) -> str:
        """The name in the active language; Dutch when no English name is known."""
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class Import(models.Model):
    """One uploaded file and what it did; observations point at the import that set them."""

    class Kind(models.TextChoices):
        OBSERVATIONS = "waarnemingen", _("waarnemingen")
        INDICATORS = "indicatoren", _("indicatoren")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    file_sha256 = models.CharField(_("vingerafdruk (SHA-256)"), max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("op"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("rijen"), default=0)
    created = models.PositiveIntegerField(_("nieuw"), default=0)
    changed = models.PositiveIntegerField(_("gewijzigd"), default=0)
    unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class Observation(models.Model):
    """A value of an indicator for an area and a period (and optionally a category)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="observations")
    period_start = models.DateField(_("begin van de periode"))
    period_end = models.DateField(_("einde van de periode"))
    period_label = models.CharField(_("periode"), max_length=20)
    category = models.CharField(_("categorie"), max_length=100, blank=True, default="")
    value = models.FloatField(_("waarde"))
    sample_size = models.PositiveIntegerField(_("aantal waarnemingen (n)"), null=True, blank=True)
    ci_low = models.FloatField(_("betrouwbaarheidsinterval, onder"), null=True, blank=True)
    ci_high = models.FloatField(_("betrouwbaarheidsinterval, boven"), null=True, blank=True)
    benchmark = models.FloatField(_("vergelijkingswaarde"), null=True, blank=True)
    source_import = models.ForeignKey(Import, on_delete=models.PROTECT, related_name="observations")

    class Meta:
        ordering = ["indicator", "area", "period_start", "category"]
        verbose_name = _("waarneming")
        verbose_name_plural = _("waarnemingen")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period_start", "period_end", "category"], name="observation_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="period_in_order"
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period_end"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.period_label}: {self.value}"


class ObservationChange(models.Model):
    """History: which import set which value of an observation, and what it was before."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="history")
    source_import = models.ForeignKey(Import, on_delete=models.PROTECT, related_name="changes")
    previous_value = models.FloatField(null=True, blank=True)
    value = models.FloatField()

    class Meta:
        ordering = ["-source_import__created_at"]
        verbose_name = _("wijziging van een waarneming")
        verbose_name_plural = _("wijzigingen van waarnemingen")

    def __str__(self) -> str:
        return f"{self.observation} ← {self.source_import}"


class Upload(ProgressMixin, models.Model):
    """An uploaded file on its way in: checked first (the preview), imported only when confirmed.

    The file is kept here between the two steps, so the check can run as a
    background task and the user can leave and come back. Its bytes are
    dropped once it is imported, refused for good or abandoned.
    """

    class Format(models.TextChoices):
        LONG = "long", _("lang formaat (CSV of XLSX)")
        CBS = "cbs", _("CBS open data / StatLine (CSV)")
        INDICATORS = "indicatoren", _("indicatorcatalogus (CSV of XLSX)")

    class Status(models.TextChoices):
        MAPPING = "koppelen", _("kolommen koppelen")
        QUEUED = "wachtrij", _("in de wachtrij")
        CHECKING = "controleren", _("wordt gecontroleerd")
        READY = "klaar", _("klaar om te importeren")
        REFUSED = "geweigerd", _("geweigerd")
        IMPORTING = "importeren", _("wordt geïmporteerd")
        DONE = "geimporteerd", _("geïmporteerd")
        FAILED = "mislukt", _("mislukt")

    WORKING = (Status.QUEUED, Status.CHECKING, Status.IMPORTING)

    format = models.CharField(_("formaat"), max_length=20, choices=Format.choices)
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    data = models.BinaryField(_("bestand"), editable=False)
    size = models.PositiveIntegerField(_("grootte in bytes"))
    mapping = models.JSONField(_("koppeling van kolommen aan indicatoren"), default=dict, blank=True)
    category_column = models.CharField(_("kolom met categorie"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.CASCADE, related_name="uploads"
    )
    created_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveIntegerField(_("voortgang (procent)"), default=0)
    summary = models.JSONField(_("samenvatting"), default=dict, blank=True)
    errors = models.JSONField(_("fouten"), default=list, blank=True)
    result = models.ForeignKey(
        Import, verbose_name=_("import"), null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_working(self) -> bool:
        return self.status in self.WORKING

    @property
    def has_file(self) -> bool:
        """Whether the file's bytes are still kept (not after an import, nor after a refusal
        for personal data)."""
        return bool(self.data)
