from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from learning.qda.exporting import PROJECT_FILE
from learning.qda.schema import schema_errors
from learning.qda.services import qda_project_export


class Command(BaseCommand):
    help = (
        "Write every signal with its themes as a REFI-QDA project (.qdpx) to OUTPUT, for QualCoder, ATLAS.ti, "
        "MAXQDA or NVivo: a zip with project.qde (the project XML: the theme tree as codes, each signal a text "
        "source with one coding per theme over its whole text, and the variables date, district, channel, kind, "
        "age band and residents) and the texts under sources/. GUIDs are derived from ids, so two exports agree. "
        "Signals that the rescan flagged as possibly holding personal data are left out (their number is "
        "printed). Without --as-user (an operator on the server) every date and author is written. With "
        "--as-user USERNAME the rule of that user's role applies, as on the pages: unless the user may change "
        "every signal (coordinators), other members' signals carry no author and no creation time, and their "
        "conversation date holds the month only (YYYY-MM). The user must hold learning.export_qda. The project "
        "XML is checked against the REFI-QDA Project XSD before the file is written."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("output", metavar="OUTPUT", help="the .qdpx file to write")
        parser.add_argument("--as-user", metavar="USERNAME", dest="as_user", help="export what this user may see")

    def handle(self, *args, output: str, as_user: str | None = None, **options) -> None:
        viewer = _viewer(as_user) if as_user is not None else None
        data, flagged = qda_project_export(user=viewer, filters={})
        _check(data)
        Path(output).write_bytes(data)
        self.stdout.write(f"Wrote {output} ({len(data)} bytes); {flagged} flagged signal(s) left out.")


def _check(data: bytes) -> None:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        errors = schema_errors(archive.read(PROJECT_FILE))
    if errors:
        raise CommandError("The project does not fit the REFI-QDA Project XSD: " + "; ".join(errors[:5]))


def _viewer(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Unknown user: {username!r}.")
    if not user.has_perm("learning.export_qda"):
        raise CommandError(f"User {username!r} may not export for qualitative-analysis tools.")
    return user
