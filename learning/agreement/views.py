"""The pages of rounds of agreement under /leren/overeenstemming/.

Who sees what: a coordinator (learning.manage_agreementround) makes, follows and closes every round
and sees its outcome; an invited member (learning.tag_agreementround) sees their own rounds, tags
their sample blind and sees the outcome once they handed in. Anyone else gets "not found".
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.paging import paginate
from learning.agreement import services
from learning.agreement.forms import RoundForm, RoundTagForm
from learning.agreement.models import MANAGE, TAG, AgreementRound, RoundMember, RoundSignal, RoundTag
from learning.agreement.results import results_context
from signals.models import Theme


def _get_round_for_user(request: HttpRequest, pk: int) -> tuple[AgreementRound, RoundMember | None]:
    """The round and the user's invitation to it; not found for whoever neither manages nor was invited."""
    agreement_round = get_object_or_404(AgreementRound, pk=pk)
    member = agreement_round.member_for(request.user) if request.user.has_perm(TAG) else None
    if member is None and not request.user.has_perm(MANAGE):
        raise Http404
    return agreement_round, member


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    if not (request.user.has_perm(MANAGE) or request.user.has_perm(TAG)):
        raise PermissionDenied
    memberships = (
        RoundMember.objects.filter(user=request.user)
        .with_progress()
        .select_related("round")
        .order_by("-round__created_at")
    )
    rounds = AgreementRound.objects.annotate(
        invited=Count("members"), finished=Count("members", filter=Q(members__finished_at__isnull=False))
    ).order_by("-created_at", "-pk")
    if not request.user.has_perm(MANAGE):
        rounds = rounds.none()
    page, query = paginate(request, rounds)
    context = {"memberships": memberships, "page": page, "query": query}
    return render(request, "learning/agreement/round_list.html", context)


@permission_required(MANAGE, raise_exception=True)
def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        fields = ("size", "members", "theme", "district", "date_from", "date_to", "note")
        try:
            agreement_round = services.round_create(user=request.user, **{f: form.cleaned_data[f] for f in fields})
        except services.NotEnoughSignals:
            form.add_error(
                "size", _("Er zijn niet genoeg signalen met deze keuzes. Kies minder signalen of ruimere filters.")
            )
        else:
            messages.success(request, _("De ronde is gemaakt. De leden zien hem bij hun signalen."))
            return redirect(agreement_round)
    return render(request, "learning/agreement/round_form.html", {"form": form})


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement_round, member = _get_round_for_user(request, pk)
    round_signals = list(agreement_round.round_signals.all())
    done = member.answered_positions() if member else set()
    context = {
        "round": agreement_round,
        "member": member,
        "places": [(place, rs.position, rs.position in done) for place, rs in enumerate(round_signals, start=1)],
        "total": len(round_signals),
        "done": len(done),
        "first_open": next((rs.position for rs in round_signals if rs.position not in done), None),
        "members": agreement_round.members.with_progress().select_related("user").order_by("user__username")
        if request.user.has_perm(MANAGE)
        else [],
        "may_see_results": services.may_see_results(agreement_round, request.user),
    }
    return render(request, "learning/agreement/round_detail.html", context)


@permission_required(TAG, raise_exception=True)
def round_tag(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    """One signal of the sample: its text only, and the member's own themes for it."""
    agreement_round, member = _get_round_for_user(request, pk)
    if member is None:
        raise Http404
    round_signal = get_object_or_404(
        RoundSignal.objects.select_related("signal"), round=agreement_round, position=position
    )
    if not member.may_tag:
        messages.info(request, _("U kunt in deze ronde niets meer veranderen."))
        return redirect(agreement_round)
    chosen = Theme.objects.filter(
        pk__in=RoundTag.objects.filter(member=member, round_signal=round_signal).values("theme")
    )
    form = RoundTagForm(request.POST if request.method == "POST" else None, chosen=list(chosen))
    positions = list(agreement_round.round_signals.values_list("position", flat=True))
    place = positions.index(position)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_tags_save(member=member, round_signal=round_signal, themes=form.cleaned_data["themes"])
        except services.NotOpen:
            messages.info(request, _("U kunt in deze ronde niets meer veranderen."))
            return redirect(agreement_round)
        if place + 1 < len(positions):
            return redirect("learning:agreement_tag", pk=agreement_round.pk, position=positions[place + 1])
        messages.success(request, _("U bent bij het laatste signaal. Kijk uw keuzes na en lever in."))
        return redirect(agreement_round)
    context = {
        "round": agreement_round,
        "round_signal": round_signal,
        "form": form,
        "place": place + 1,
        "total": len(positions),
        "previous": positions[place - 1] if place > 0 else None,
        "next": positions[place + 1] if place + 1 < len(positions) else None,
    }
    return render(request, "learning/agreement/round_tag.html", context)


@require_POST
@permission_required(TAG, raise_exception=True)
def round_finish(request: HttpRequest, pk: int) -> HttpResponse:
    agreement_round, member = _get_round_for_user(request, pk)
    if member is None:
        raise Http404
    try:
        services.member_finish(member=member)
    except services.NotOpen:
        messages.error(
            request, _("Inleveren kan als u bij elk signaal thema's hebt gekozen, en zolang de ronde open is.")
        )
        return redirect(agreement_round)
    messages.success(request, _("Ingeleverd. Hieronder ziet u hoe eens de leden het tot nu toe zijn."))
    return redirect("learning:agreement_results", pk=agreement_round.pk)


@require_POST
@permission_required(MANAGE, raise_exception=True)
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    agreement_round = get_object_or_404(AgreementRound, pk=pk)
    agreement_round.close()
    messages.success(request, _("De ronde is gesloten. Niemand kan nog thema's kiezen."))
    return redirect(agreement_round)


@login_required
def round_results(request: HttpRequest, pk: int) -> HttpResponse:
    agreement_round, _member = _get_round_for_user(request, pk)
    if not services.may_see_results(agreement_round, request.user):
        raise PermissionDenied
    context = {"round": agreement_round, **results_context(agreement_round, viewer=request.user)}
    return render(request, "learning/agreement/round_results.html", context)
