import datetime

import factory
from django.contrib.auth import get_user_model

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


def record_contact(*, email="fatima@example.nl", purpose="terugkoppeling", user=None, **extra):
    """A resident's contact with one consent, recorded as a coordinator would."""
    from consent.models import Purpose
    from consent.services import contact_record

    data = {"name": "Fatima El Amrani", "phone": "06-12345678", "preferred_channel": "email", "method": "mondeling"}
    data.update(extra)
    return contact_record(email=email, purpose=Purpose.objects.get(slug=purpose), user=user, **data)
