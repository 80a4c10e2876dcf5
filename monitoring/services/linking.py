"""Which sources a user may use: open ones, and those an approved, unexpired linking request
(koppelverzoek) covers for this user. The rule holds on every page, not only where data is combined:
figures of any other source appear nowhere for this user (issue 11). It holds for every role alike;
the privacy officer, the coordinator who imported the figures and the beheerder see them only when a
request names them. `usable_sources` is the rule; everything that reads figures asks it, through
`sources_usable` (with the count left out), `observations_visible` or `figures_hidden`.

Also the linking requests' workflow: filing one, and the privacy officer's decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from monitoring.models import Indicator, LinkRequest, Observation, Source

LINK_MAX_YEARS = 2  # a linking request is asked for a while, not for good: the privacy officer looks again


@dataclass(frozen=True)
class SourceAccess:
    usable: QuerySet[Source]
    left_out: int  # sources with indicators that need an approved linking request first


class LinkDecisionRefused(Exception):
    """This user may not decide on this request (now); the message says why, in plain Dutch."""


# Why figures are not shown: for an indicator (the catalogue), for rows of several sources (an import,
# an upload's preview), for a saved table.
FIGURES_HIDDEN = gettext_lazy(
    "De cijfers van deze bron zijn voor u verborgen: daarvoor is een goedgekeurd koppelverzoek nodig dat u noemt."
)
VALUES_HIDDEN = gettext_lazy(
    "Waarden uit een bron waarvoor een goedgekeurd koppelverzoek nodig is dat u noemt, zijn voor u verborgen."
)
TABLE_HIDDEN = gettext_lazy(
    "Deze tabel bevat cijfers uit een bron waarvoor een goedgekeurd koppelverzoek nodig is dat u noemt. "
    "Daarom zijn de cijfers voor u verborgen."
)


def usable_sources(*, user=None, day: date | None = None) -> QuerySet[Source]:
    """Open sources, plus sources under an approved request that names this user and has not expired."""
    day = day or timezone.localdate()
    covered = Q()
    if user is not None and user.is_authenticated:
        active = LinkRequest.objects.filter(status=LinkRequest.Status.APPROVED, valid_until__gte=day, users=user)
        covered = Q(pk__in=active.values("sources"))
    return Source.objects.filter(Q(linking_policy=Source.LinkingPolicy.OPEN) | covered)


def sources_usable(*, user=None, day: date | None = None) -> SourceAccess:
    """The usable sources, and how many sources with indicators are left out."""
    usable = usable_sources(user=user, day=day)
    left_out = Source.objects.exclude(pk__in=usable.values("pk")).filter(indicators__isnull=False).distinct().count()
    return SourceAccess(usable, left_out)


def indicators_usable(*, user=None, day: date | None = None) -> QuerySet[Indicator]:
    """The indicators of the sources this user may use, by name: those the table builder offers."""
    return Indicator.objects.filter(source__in=usable_sources(user=user, day=day)).order_by("name")


def observations_visible(*, user=None, day: date | None = None) -> QuerySet[Observation]:
    """The observations whose figures this user may see."""
    return Observation.objects.filter(indicator__source__in=usable_sources(user=user, day=day))


def sources_hidden(sources: QuerySet[Source], *, user=None, day: date | None = None) -> bool:
    """Whether any of these sources is one this user may not use."""
    return sources.exclude(pk__in=usable_sources(user=user, day=day)).exists()


def figures_hidden(*, user=None, source: str = "source", day: date | None = None) -> Exists:
    """An annotation: True where the source at `source` (a path from the rows, e.g.
    "observation__indicator__source") is not usable by this user, so its figures are not shown."""
    return ~Exists(usable_sources(user=user, day=day).filter(pk=OuterRef(source)))


def sources_needing_approval() -> QuerySet[Source]:
    """The sources a linking request is about: those that may be combined only after approval."""
    return Source.objects.filter(linking_policy=Source.LinkingPolicy.APPROVAL).order_by("name")


def link_valid_until_latest(today: date) -> date:
    """The latest end date a request may ask for: LINK_MAX_YEARS from today (28 February for 29 February)."""
    try:
        return today.replace(year=today.year + LINK_MAX_YEARS)
    except ValueError:
        return today.replace(year=today.year + LINK_MAX_YEARS, day=28)


@transaction.atomic
def link_request_file(*, user, sources, purpose: str, benefit: str, users, valid_until: date) -> LinkRequest:
    request = LinkRequest.objects.create(requested_by=user, purpose=purpose, benefit=benefit, valid_until=valid_until)
    request.sources.set(sources)
    request.users.set(users)
    return request


def link_requests_listed(*, status: str = "", day: date | None = None) -> QuerySet[LinkRequest]:
    """Every request (or those with a status, or LinkRequest.EXPIRED) with what its pages show, and `expired`:
    approved, but its date has passed. "goedgekeurd" means approved and still valid."""
    day = day or timezone.localdate()
    expired = Q(status=LinkRequest.Status.APPROVED, valid_until__lt=day)
    requests = (
        LinkRequest.objects.select_related("requested_by", "decided_by")
        .prefetch_related("sources", "users")
        .annotate(expired=ExpressionWrapper(expired, output_field=BooleanField()))
    )
    if status == LinkRequest.EXPIRED:
        return requests.filter(expired)
    if status == LinkRequest.Status.APPROVED:
        return requests.filter(status=status, valid_until__gte=day)
    return requests.filter(status=status) if status else requests


def link_decision_refusal(link_request: LinkRequest, user) -> str:
    """Why this user may not decide on this request; empty when they may."""
    if not user.has_perm("monitoring.decide_linkrequest"):
        return _("Alleen de AVG-functionaris besluit over koppelverzoeken.")
    if link_request.status != LinkRequest.Status.SUBMITTED:
        if link_request.decided_at is None:
            return _("Over dit koppelverzoek is al besloten. Een besluit blijft staan.")
        return _("Over dit koppelverzoek is al besloten op %(date)s. Een besluit blijft staan.") % {
            "date": date_format(timezone.localtime(link_request.decided_at), "j F Y")
        }
    if link_request.requested_by_id == user.pk:
        return _("U heeft dit koppelverzoek zelf ingediend. Iemand anders moet erover besluiten.")
    return ""


@transaction.atomic
def link_request_decide(*, link_request_id: int, user, approve: bool, motivation: str) -> LinkRequest:
    """Approve or reject with a motivation, once. Raises LinkDecisionRefused when the user may not.

    The row is locked, so two decisions at the same moment cannot both pass."""
    link_request = LinkRequest.objects.select_for_update().get(pk=link_request_id)
    refusal = link_decision_refusal(link_request, user)
    if not refusal and not motivation.strip():
        refusal = _("Schrijf op waarom u het verzoek goedkeurt of afwijst.")
    if refusal:
        raise LinkDecisionRefused(refusal)
    link_request.decide(user=user, approve=approve, motivation=motivation.strip())
    return link_request
