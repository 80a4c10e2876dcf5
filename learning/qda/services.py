"""Exchange with qualitative-analysis tools (REFI-QDA): the exports, made with the viewer's
need-to-know, and the import of a codebook as themes, previewed first and stored all or nothing."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.qda import exporting
from learning.qda.codebook import ExistingTheme, Plan, codebook_plan
from learning.qda.exporting import CodeItem, SourceItem, UserItem, Variable
from learning.qda.models import CodebookUpload
from learning.qda.reading import CodebookRefused, codebook_read
from signals import guard, visibility
from signals.counting import counts_rebuild
from signals.guard.forms import KIND_LABELS
from signals.models import Signal, Theme

UPLOAD_KEEP = timedelta(days=1)


def _variables() -> list[Variable]:
    return [
        Variable("date", _("Datum van het gesprek")),
        Variable("district", _("Wijk")),
        Variable("channel", _("Kanaal")),
        Variable("kind", _("Soort")),
        Variable("age_band", _("Leeftijd")),
        Variable("residents", _("Aantal inwoners"), "Integer"),
    ]


def qda_codes() -> list[CodeItem]:
    """The whole theme tree, main themes first, as the codebook's codes."""
    codes = []
    for theme in Theme.objects.in_tree_order():
        description = str(theme.get_origin_display())
        if not theme.is_active:
            description = _("%(origin)s; niet meer in gebruik") % {"origin": description}
        codes.append(CodeItem(theme.pk, theme.name, theme.parent_id, description))
    return codes


def qda_signals(*, user, filters: dict):
    """The signals an export for this user takes (the list's filters, widened as the list widens them),
    and how many are left out because the rescan flagged them (signals.Signal.guard_flagged_at)."""
    viewed = Signal.objects.filtered(**(visibility.visible_filters(filters, user) if user else filters))
    flagged = viewed.filter(guard_flagged_at__isnull=False).count()
    kept = viewed.filter(guard_flagged_at__isnull=True).with_related().select_related("created_by")
    return kept.order_by("conversation_date", "pk"), flagged


def _source(signal: Signal, viewer) -> SourceItem:
    in_full = viewer is None or visibility.sees_signal_in_full(viewer, signal)
    day = signal.conversation_date.isoformat() if in_full else visibility.month_iso(signal.conversation_date)
    district = signal.district.name if signal.district else ""
    author = None
    if in_full and signal.created_by_id is not None:
        author = UserItem(signal.created_by_id, signal.created_by.get_username())
    values = {
        "date": day,
        "district": district,
        "channel": signal.get_channel_display(),
        "kind": signal.get_kind_display(),
        "age_band": signal.get_age_band_display() if signal.age_band else "",
        "residents": signal.residents,
    }
    return SourceItem(
        id=signal.pk,
        name=_("Signaal %(id)s") % {"id": signal.pk},
        text=signal.summary,
        theme_ids=tuple(sorted(t.pk for t in signal.themes.all())),
        description=" · ".join(str(v) for v in (values["kind"], district, day) if v),
        author=author,
        created=signal.created_at if in_full else None,
        values=values,
    )


def qda_project_export(*, user, filters: dict) -> tuple[bytes, int]:
    """The project file (.qdpx) of the signals this user may export, and how many flagged ones were left
    out. user None: an operator's export on the server, every date and author in full."""
    signals, flagged = qda_signals(user=user, filters=filters)
    sources = [_source(signal, user) for signal in signals.iterator(chunk_size=500)]
    notes = [_("Signalen uit Meedoen. Elk signaal is een tekst; zijn thema's zijn codes op de hele tekst.")]
    if user is not None and not visibility.sees_full_details(user):
        notes.append(_("Van signalen van andere leden staan alleen de maand van het gesprek erin en geen auteur."))
    notes.append(_("Signalen waarin een nieuwe controle mogelijk persoonsgegevens vond, zijn weggelaten."))
    project = exporting.project_xml(
        name=_("Meedoen: signalen"),
        description=" ".join(notes),
        codes=qda_codes(),
        variables=_variables(),
        sources=sources,
    )
    return exporting.qdpx(project=project, sources=sources), flagged


def qda_codebook_export() -> bytes:
    return exporting.codebook_xml(qda_codes())


# The import of a codebook


def _blocking_kinds(name: str) -> list[str]:
    """The kinds of personal data in a name that stop it being stored (soft hints do not)."""
    return sorted({str(KIND_LABELS.get(f.kind, f.kind.value)) for f in guard.scan(name) if not f.kind.is_soft})


def codebook_check(*, data: bytes) -> Plan:
    """What this file would do to the themes now; CodebookRefused when anything is wrong with it."""
    entries = codebook_read(data)
    themes = [ExistingTheme(t.pk, t.name, t.parent_id) for t in Theme.objects.all()]
    plan = codebook_plan(entries, themes, _blocking_kinds)
    if plan.problems:
        raise CodebookRefused(plan.problems)
    return plan


def codebook_upload_create(*, user, file_name: str, data: bytes) -> CodebookUpload:
    """Keep a checked file until it is confirmed: it replaces the user's earlier one, and files left
    waiting for more than a day go."""
    CodebookUpload.objects.filter(uploaded_by=user).delete()
    CodebookUpload.objects.filter(created_at__lt=timezone.now() - UPLOAD_KEEP).delete()
    return CodebookUpload.objects.create(uploaded_by=user, file_name=file_name[-255:], data=data)


@transaction.atomic
def codebook_import(*, upload: CodebookUpload) -> Plan:
    """Carry out the plan, checked again against the themes as they are now; all or nothing.
    CodebookRefused when the file no longer fits (the upload stays, to be cancelled)."""
    plan = codebook_check(data=bytes(upload.data))
    made: dict[int, Theme] = {}
    for row in sorted(plan.rows, key=lambda r: r.parent is not None):  # main themes first
        parent = _theme_for(row.parent, made)
        if row.is_new:
            theme = Theme(name=row.name, parent=parent, origin=Theme.Origin.COUNCIL, position=_next_position(parent))
            theme.save()
            made[row.index] = theme
            continue
        theme = Theme.objects.get(pk=row.theme_id)
        theme.name = row.name
        theme.parent = parent
        theme.save(update_fields=["name", "parent"])
    if plan.moved:
        counts_rebuild()  # a main theme's family counts its aspects: they changed
    upload.delete()
    return plan


def _theme_for(key: tuple[str, int] | None, made: dict[int, Theme]) -> Theme | None:
    if key is None:
        return None
    kind, value = key
    return Theme.objects.get(pk=value) if kind == "id" else made[value]


def _next_position(parent: Theme | None) -> int:
    last = Theme.objects.filter(parent=parent).aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1
