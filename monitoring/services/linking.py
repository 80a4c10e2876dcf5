"""Which sources a user may combine: open ones, and those an approved, unexpired linking request
(koppelverzoek) covers for this user. Everything that combines data asks here first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from monitoring.models import LinkRequest, Source


@dataclass(frozen=True)
class SourceAccess:
    usable: QuerySet[Source]
    left_out: int  # sources with indicators that need an approved linking request first


def sources_usable(*, user=None, day: date | None = None) -> SourceAccess:
    """Open sources, plus sources under an approved request that names this user and has not expired."""
    day = day or timezone.localdate()
    covered = Q()
    if user is not None and user.is_authenticated:
        active = LinkRequest.objects.filter(status=LinkRequest.Status.APPROVED, valid_until__gte=day, users=user)
        covered = Q(pk__in=active.values("sources"))
    usable = Source.objects.filter(Q(linking_policy=Source.LinkingPolicy.OPEN) | covered)
    left_out = Source.objects.exclude(pk__in=usable.values("pk")).filter(indicators__isnull=False).distinct().count()
    return SourceAccess(usable, left_out)


@transaction.atomic
def link_request_file(*, user, sources, purpose: str, benefit: str, users, valid_until: date) -> LinkRequest:
    request = LinkRequest.objects.create(requested_by=user, purpose=purpose, benefit=benefit, valid_until=valid_until)
    request.sources.set(sources)
    request.users.set(users)
    return request
