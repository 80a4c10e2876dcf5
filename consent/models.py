"""Residents' contact data, held only with consent for a stated purpose and period."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consent import crypto
from consent.fields import EncryptedTextField

FEEDBACK_PURPOSE = "terugkoppeling"  # the purpose a signal's feedback contact must hold consent for
MAX_RETENTION_DAYS = 3650


class DataCategory(models.TextChoices):
    """The kinds of contact data a purpose may store: each must be named in its consent text."""

    NAME = "naam", _("naam")
    EMAIL = "e-mailadres", _("e-mailadres")
    PHONE = "telefoonnummer", _("telefoonnummer")
    CHANNEL = "voorkeur", _("voorkeur voor e-mail of telefoon")


# The words a consent text must contain to cover a category (any one of them). The preferred
# channel only says which of the named ways of contact to use, so naming one of them covers it.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    DataCategory.NAME: ("naam",),
    DataCategory.EMAIL: ("e-mailadres",),
    DataCategory.PHONE: ("telefoonnummer",),
    DataCategory.CHANNEL: ("e-mailadres", "telefoonnummer"),
}


def categories_named_in(text: str) -> list[str]:
    """The data categories a consent text covers, in the order of DataCategory."""
    lowered = text.lower()
    return [category for category, words in CATEGORY_WORDS.items() if any(word in lowered for word in words)]


def unlink_feedback_signals(*, contacts: models.QuerySet | None = None) -> int:
    """Signals stop waiting for feedback from a contact without active consent for it.

    `contacts` limits the check to those contacts; without it every linked signal is checked.
    """
    from signals.models import Signal  # signals.models imports this module

    feedback = Consent.objects.filter(
        contact=OuterRef("feedback_contact"), purpose__slug=FEEDBACK_PURPOSE, ended_at__isnull=True
    )
    signals = Signal.objects.filter(feedback_contact__isnull=False)
    if contacts is not None:
        signals = signals.filter(feedback_contact__in=contacts)
    return signals.exclude(Exists(feedback)).update(feedback_contact=None)


class Purpose(models.Model):
    """A purpose (doel) for which the council keeps contact data, with its own retention."""

    class LegalBasis(models.TextChoices):
        CONSENT = "toestemming", _("toestemming (AVG artikel 6 lid 1a)")

    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(
        _("uitleg voor de inwoner"), help_text=_("In gewone taal (B1): wat doen we met de gegevens en waarom.")
    )
    legal_basis = models.CharField(
        _("grondslag"), max_length=20, choices=LegalBasis.choices, default=LegalBasis.CONSENT
    )
    retention_days = models.PositiveIntegerField(
        _("bewaartermijn in dagen"),
        validators=[
            MinValueValidator(1, _("Een bewaartermijn is minstens 1 dag.")),
            MaxValueValidator(MAX_RETENTION_DAYS, _("Een bewaartermijn is hooguit 10 jaar (3.650 dagen).")),
        ],
    )
    is_active = models.BooleanField(_("actief"), default=True)
    data_categories = models.JSONField(
        _("soorten gegevens"),
        default=list,
        blank=True,
        help_text=_("Welke contactgegevens dit doel bewaart. Elk soort staat in de toestemmingstekst."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        constraints = [
            models.CheckConstraint(condition=models.Q(retention_days__gte=1), name="purpose_retention_positive")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def current_text(self) -> PurposeText | None:
        # all() so a prefetch of the texts is used: lists of purposes make no query per row.
        return max(self.texts.all(), key=lambda text: text.version, default=None)

    @property
    def data_category_labels(self) -> list[str]:
        labels = dict(DataCategory.choices)
        return [labels[category] for category in self.data_categories if category in labels]

    def set_text(self, text: str) -> PurposeText:
        """A changed consent text becomes a new version; the old one is kept.

        The purpose then stores exactly the data categories the new text names.
        """
        current = self.current_text
        if current and current.text == text:
            return current
        self.data_categories = categories_named_in(text)
        Purpose.objects.filter(pk=self.pk).update(data_categories=self.data_categories)
        return PurposeText.objects.create(purpose=self, version=(current.version + 1) if current else 1, text=text)


class PurposeText(models.Model):
    """One version of the consent text of a purpose. Never changed once made."""

    purpose = models.ForeignKey(Purpose, on_delete=models.PROTECT, related_name="texts")
    version = models.PositiveIntegerField(_("versie"))
    text = models.TextField(_("toestemmingstekst"))
    sha256 = models.CharField(_("vingerafdruk (SHA-256)"), max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["purpose", "-version"]
        verbose_name = _("toestemmingstekst")
        verbose_name_plural = _("toestemmingsteksten")
        constraints = [models.UniqueConstraint(fields=["purpose", "version"], name="purpose_text_version_unique")]

    def __str__(self) -> str:
        return f"{self.purpose} v{self.version}"

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            raise ValidationError(_("Een vastgestelde toestemmingstekst kan niet meer veranderen."))
        self.sha256 = hashlib.sha256(self.text.encode()).hexdigest()
        super().save(*args, **kwargs)


class ContactQuerySet(models.QuerySet):
    def without_consent(self, *, after=None) -> ContactQuerySet:
        """Contacts that still hold personal data but no active consent.

        With `after`, consents that end by then count as ended already: the contacts a purge at
        that moment erases, the same set before and after it ends the expired consents.
        """
        active = Consent.objects.filter(contact=OuterRef("pk"), ended_at__isnull=True)
        if after is not None:
            active = active.filter(ends_at__gt=after)
        return self.filter(erased_at__isnull=True).exclude(Exists(active))

    @transaction.atomic
    def erase(self, *, now=None) -> int:
        """Overwrite the personal fields (and the preferred channel) of these contacts and unlink their
        signals; the bare rows stay.

        Both are single statements that evaluate this selection afresh, so a selection on "no
        active consent" is checked again at the moment of erasure: safe to stop and run again.
        """
        # Signals first: once erased, the rows no longer match a selection on erased_at.
        unlink_feedback_signals(contacts=self)
        return self.update(
            name=None, email=None, phone=None, email_hash=None, preferred_channel="", erased_at=now or timezone.now()
        )


class Contact(models.Model):
    """A resident's contact data, encrypted field by field. Erasure keeps only the bare record."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        PHONE = "telefoon", _("telefoon")

    reference = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    name = EncryptedTextField(_("naam"), null=True, blank=True)
    email = EncryptedTextField(_("e-mailadres"), null=True, blank=True)
    phone = EncryptedTextField(_("telefoonnummer"), null=True, blank=True)
    preferred_channel = models.CharField(_("liefst contact via"), max_length=10, choices=Channel.choices)
    email_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    erased_at = models.DateTimeField(_("gewist op"), null=True, blank=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")

    def __str__(self) -> str:
        return _("Contact %(ref)s") % {"ref": str(self.reference)[:8]}

    def save(self, *args, **kwargs) -> None:
        self.email_hash = crypto.email_hash(self.email) if self.email else None
        super().save(*args, **kwargs)

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def active_consents(self) -> models.QuerySet:
        return self.consents.filter(ended_at__isnull=True)

    def has_active_consent(self, purpose_slug: str) -> bool:
        return self.active_consents().filter(purpose__slug=purpose_slug).exists()

    @transaction.atomic
    def erase(self, *, reason: str, now=None) -> None:
        """End every consent and overwrite the personal fields. The bare record stays as proof."""
        now = now or timezone.now()
        for consent in self.active_consents():
            consent.end(reason=reason, now=now)
        Contact.objects.filter(pk=self.pk).erase(now=now)
        self.name = self.email = self.phone = self.email_hash = None
        self.preferred_channel = ""
        self.erased_at = now


class Consent(models.Model):
    """Consent of one contact for one purpose, under one exact version of its text."""

    class Method(models.TextChoices):
        PAPER = "papier", _("papieren formulier")
        SPOKEN = "mondeling", _("mondeling")
        ONLINE = "online", _("online")

    class EndReason(models.TextChoices):
        WITHDRAWN_BY_RESIDENT = "ingetrokken_inwoner", _("ingetrokken door de inwoner")
        WITHDRAWN_ON_REQUEST = "ingetrokken_verzoek", _("ingetrokken op verzoek, door de coördinator")
        EXPIRED = "verlopen", _("bewaartermijn verstreken")
        ERASED = "gewist", _("gegevens gewist")

    receipt_id = models.UUIDField(_("kenmerk van het bewijs"), default=uuid.uuid4, unique=True, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="consents")
    purpose = models.ForeignKey(Purpose, on_delete=models.PROTECT, related_name="consents")
    text_version = models.ForeignKey(PurposeText, on_delete=models.PROTECT, related_name="consents")
    given_at = models.DateTimeField(_("gegeven op"))
    method = models.CharField(_("manier"), max_length=20, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), null=True, blank=True, on_delete=models.SET_NULL
    )
    ends_at = models.DateTimeField(_("loopt af op"))
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.CharField(_("reden van beëindiging"), max_length=30, choices=EndReason.choices, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "purpose"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_consent_per_purpose",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("given_at")), name="consent_ends_after_given"
            ),
        ]
        indexes = [
            models.Index(fields=["ends_at"], condition=models.Q(ended_at__isnull=True), name="consent_active_ends")
        ]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.contact})"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    def ending_erases(self) -> bool:
        """Whether ending this consent leaves the contact without active consent, so its data goes."""
        others = Consent.objects.filter(contact_id=self.contact_id, ended_at__isnull=True).exclude(pk=self.pk)
        return not others.exists()

    @classmethod
    def start(cls, *, contact: Contact, purpose: Purpose, method: str, user=None, given_at=None) -> Consent:
        given_at = given_at or timezone.now()
        return cls.objects.create(
            contact=contact,
            purpose=purpose,
            text_version=purpose.current_text,
            given_at=given_at,
            method=method,
            recorded_by=user,
            ends_at=given_at + timedelta(days=purpose.retention_days),
        )

    def end(self, *, reason: str, now=None) -> bool:
        """End the consent; harmless when it already ended. Returns whether it ended now."""
        updated = Consent.objects.filter(pk=self.pk, ended_at__isnull=True).update(
            ended_at=now or timezone.now(), end_reason=reason
        )
        self.refresh_from_db(fields=["ended_at", "end_reason"])
        if updated and self.purpose.slug == FEEDBACK_PURPOSE:
            unlink_feedback_signals(contacts=Contact.objects.filter(pk=self.contact_id))
        return bool(updated)


class AccessLog(models.Model):
    """Every time someone opens a contact's details: who, when, which contact, why."""

    class Reason(models.TextChoices):
        FEEDBACK = "terugkoppeling", _("terugkoppeling geven over een signaal")
        INVITATION = "uitnodiging", _("uitnodigen voor een gesprek of klankbordgroep")
        NEWSLETTER = "nieuwsbrief", _("nieuwsbrief versturen")
        RESIDENT_REQUEST = "verzoek_inwoner", _("vraag of verzoek van de inwoner zelf")
        CORRECTION = "correctie", _("gegevens verbeteren")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contact_views")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="access_log")
    reason = models.CharField(_("reden"), max_length=30, choices=Reason.choices)
    at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelogboek")
        permissions = [("view_register", _("Het verwerkingsregister inzien"))]

    def __str__(self) -> str:
        return f"{self.user} {self.contact} {self.at:%Y-%m-%d %H:%M}"


class ResidentLink(models.Model):
    """A personal link a resident asked for: signed, used once, valid for a short time.

    Only a hash of the link's random part is stored, so the table cannot be
    used to open anyone's data.
    """

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="links")
    nonce_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("persoonlijke link")
        verbose_name_plural = _("persoonlijke links")

    def __str__(self) -> str:
        return f"{self.contact} {self.created_at:%Y-%m-%d %H:%M}"
