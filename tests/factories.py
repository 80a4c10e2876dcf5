import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from consent.models import Consent, Contact, Purpose
from monitoring.models import Area, DataRequest, Import, Indicator, Inquiry, LinkRequest, Observation, Source
from signals import counting
from signals.models import Signal, Theme


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = factory.django.Password("een-lang-test-wachtwoord")


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal
        skip_postgeneration_save = True

    conversation_date = factory.LazyFunction(lambda: datetime.date(2025, 3, 14))
    channel = Signal.Channel.CONSULTATION_HOUR
    kind = Signal.Kind.PROBLEM
    residents = 1
    summary = "Een bewoner voelt zich eenzaam sinds de buurtbus niet meer rijdt."
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted or [Theme.objects.get(slug="eenzaamheid")])
            # Counted as a save through signals.services would count it.
            counting.counts_add(counting.share_of(self), 1)


# Monitoring: the figures

AREA_PREFIX = {  # as in CBS codes
    Area.Level.COUNTRY: "NL",
    Area.Level.MUNICIPALITY: "GM",
    Area.Level.DISTRICT: "WK",
    Area.Level.NEIGHBOURHOOD: "BU",
}


class AreaFactory(factory.django.DjangoModelFactory):
    """A municipality of its own; pass level and parent (such as `delft`) for a district or neighbourhood.

    Codes start with a 9 after the prefix, so they never clash with the real areas `areas_load` makes."""

    class Meta:
        model = Area

    level = Area.Level.MUNICIPALITY
    code = factory.LazyAttributeSequence(lambda o, n: f"{AREA_PREFIX[o.level]}9{n:05d}")
    name = factory.Sequence(lambda n: f"Gebied {n}")
    parent = None


class SourceFactory(factory.django.DjangoModelFactory):
    """An open source, so its figures show for everyone. Unlike the model's default: pass
    linking_policy=Source.LinkingPolicy.APPROVAL for one that needs an approved linking request."""

    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Bron {n}")
    owner = "Gemeente Delft"
    kind = Source.Kind.OTHER
    linking_policy = Source.LinkingPolicy.OPEN


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator of a new open source, on no theme unless given `themes=[...]`."""

    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())
    definition = "Voor de test."
    unit = Indicator.Unit.PERCENTAGE
    polarity = Indicator.Polarity.NEUTRAL
    source = factory.SubFactory(SourceFactory)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class ImportFactory(factory.django.DjangoModelFactory):
    """The record of an imported file of observations, by nobody in particular."""

    class Meta:
        model = Import

    kind = Import.Kind.OBSERVATIONS
    file_name = "cijfers.csv"
    file_sha256 = factory.Sequence(lambda n: f"{n:064x}")
    imported_by = None


class ObservationFactory(factory.django.DjangoModelFactory):
    """A value for a calendar year (2024 unless period_start says otherwise), set by an import of its own.

    Figures that a test reads through the pages usually come in through `observations_import`
    instead, which also writes their history."""

    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    area = factory.SubFactory(AreaFactory)
    period_start = datetime.date(2024, 1, 1)
    period_end = factory.LazyAttribute(lambda o: o.period_start.replace(month=12, day=31))
    period_label = factory.LazyAttribute(lambda o: str(o.period_start.year))
    value = 40.0
    source_import = factory.SubFactory(ImportFactory)


# Monitoring: triangulation


class LinkRequestFactory(factory.django.DjangoModelFactory):
    """A submitted linking request, valid for 30 more days; give `sources=[...]` and `users=[...]`,
    and status=LinkRequest.Status.APPROVED for one the privacy officer approved."""

    class Meta:
        model = LinkRequest
        skip_postgeneration_save = True

    purpose = "Cijfers naast de signalen leggen."
    benefit = "Een beter beeld van het thema."
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    requested_by = None
    status = LinkRequest.Status.SUBMITTED

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create and extracted:
            self.sources.set(extracted)

    @factory.post_generation
    def users(self, create, extracted, **kwargs):
        if create and extracted:
            self.users.set(extracted)


class DataRequestFactory(factory.django.DjangoModelFactory):
    """A draft data request about loneliness, at district level."""

    class Meta:
        model = DataRequest

    theme = factory.LazyFunction(lambda: Theme.objects.get(slug="eenzaamheid"))
    which_data = "Gebruik van sociale media door 65-plussers"
    why = "Datagat."
    level = Area.Level.DISTRICT
    created_by = None


class InquiryFactory(factory.django.DjangoModelFactory):
    """An open follow-up inquiry without a theme or area."""

    class Meta:
        model = Inquiry

    question = "Waarom stoppen ouderen met de dagbesteding?"
    is_open = True
    created_by = None


# Consent


class PurposeFactory(factory.django.DjangoModelFactory):
    """A purpose of its own with a first consent text (`text="..."` to choose it); the seeded
    purposes, such as "terugkoppeling", are there already: get those by slug."""

    class Meta:
        model = Purpose
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"doel-{n}")
    name = factory.Sequence(lambda n: f"Doel {n}")
    description = "Voor de test."
    retention_days = 365

    @factory.post_generation
    def text(self, create, extracted, **kwargs):
        if create:
            self.set_text(extracted or "Ik geef toestemming voor de test.")


class ContactFactory(factory.django.DjangoModelFactory):
    """A resident's contact data, encrypted when saved, with no consent yet (see ConsentFactory).

    It skips the checks of `contact_record`; record_contact() below goes through them."""

    class Meta:
        model = Contact

    name = "Fatima El Amrani"
    email = factory.Sequence(lambda n: f"bewoner{n}@example.nl")
    phone = "06-12345678"
    preferred_channel = Contact.Channel.EMAIL


class ConsentFactory(factory.django.DjangoModelFactory):
    """An active consent under the purpose's current text, given now and ending after its retention,
    as Consent.start gives it."""

    class Meta:
        model = Consent

    contact = factory.SubFactory(ContactFactory)
    purpose = factory.SubFactory(PurposeFactory)
    text_version = factory.LazyAttribute(lambda o: o.purpose.current_text)
    given_at = factory.LazyFunction(timezone.now)
    method = Consent.Method.ONLINE
    recorded_by = None
    ends_at = factory.LazyAttribute(lambda o: o.given_at + datetime.timedelta(days=o.purpose.retention_days))


def record_contact(*, email="fatima@example.nl", purpose="terugkoppeling", user=None, **extra):
    """A resident's contact with one consent, recorded as a coordinator would."""
    from consent.services import contact_record

    data = {"name": "Fatima El Amrani", "phone": "06-12345678", "preferred_channel": "email", "method": "mondeling"}
    data.update(extra)
    return contact_record(email=email, purpose=Purpose.objects.get(slug=purpose), user=user, **data)
