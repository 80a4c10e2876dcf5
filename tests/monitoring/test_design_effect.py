"""A source's design effect (issue 10): shown and set with the design_effect command, within 1 to 20."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from monitoring.models import Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_a_new_source_has_the_default_and_the_command_lists_it():
    SourceFactory(name="Inwonerspanel")
    out = io.StringIO()
    call_command("design_effect", stdout=out)
    assert "1.5\tInwonerspanel" in out.getvalue()


def test_the_command_sets_a_design_effect():
    SourceFactory(name="Inwonerspanel")
    out = io.StringIO()
    call_command("design_effect", "Inwonerspanel", "2.2", stdout=out)
    assert out.getvalue().strip() == "2.2\tInwonerspanel"
    assert Source.objects.get(name="Inwonerspanel").design_effect == 2.2


def test_a_design_effect_below_one_or_an_unknown_source_is_refused():
    SourceFactory(name="Inwonerspanel")
    with pytest.raises(CommandError, match="1"):
        call_command("design_effect", "Inwonerspanel", "0.5")
    with pytest.raises(CommandError, match="Unknown source"):
        call_command("design_effect", "Panel", "2")
    assert Source.objects.get(name="Inwonerspanel").design_effect == 1.5


def test_the_database_refuses_a_design_effect_out_of_bounds():
    source = SourceFactory(name="Inwonerspanel")
    with pytest.raises(IntegrityError):
        Source.objects.filter(pk=source.pk).update(design_effect=0.9)
