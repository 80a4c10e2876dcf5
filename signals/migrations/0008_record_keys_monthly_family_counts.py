# Record keys for the cell-key method, and kept counts per month, per main-theme family and with
# the sum of record keys. Existing signals get a random key; the counts are made again.

from django.db import migrations, models

import monitoring.analysis.disclosure


def _year_month(vendor: str) -> tuple[str, str]:
    if vendor == "postgresql":
        return "EXTRACT(YEAR FROM s.conversation_date)", "EXTRACT(MONTH FROM s.conversation_date)"
    return (
        "CAST(strftime('%Y', s.conversation_date) AS INTEGER)",
        "CAST(strftime('%m', s.conversation_date) AS INTEGER)",
    )


def draw_record_keys(apps, schema_editor):
    """A random key from 0 to 255 for every signal, drawn by the database."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("UPDATE signals_signal SET record_key = floor(random() * 256)::int")
    else:
        schema_editor.execute("UPDATE signals_signal SET record_key = abs(random()) % 256")


def recount(apps, schema_editor):
    """Count again (the statements of signals/counting.py at this time): per month, per family, key sums."""
    year, month = _year_month(schema_editor.connection.vendor)
    statement = (
        "INSERT INTO signals_signalcount (theme, family, district, year, month, kind, signals, residents, key_sum) "
        "SELECT {theme}, {family}, COALESCE(s.district_id, 0), {year}, {month}, s.kind, COUNT(*), SUM(s.residents), "
        "SUM(s.record_key) FROM signals_signal s {join} GROUP BY 1, 2, 3, 4, 5, 6"
    )
    families = (
        "JOIN (SELECT DISTINCT st.signal_id, COALESCE(t.parent_id, t.id) AS family FROM signals_signal_themes st "
        "JOIN signals_theme t ON t.id = st.theme_id) f ON f.signal_id = s.id"
    )
    parts = [
        ("0", "FALSE", ""),
        ("st.theme_id", "FALSE", "JOIN signals_signal_themes st ON st.signal_id = s.id"),
        ("f.family", "TRUE", families),
    ]
    schema_editor.execute("DELETE FROM signals_signalcount")
    for theme, family, join in parts:
        schema_editor.execute(statement.format(theme=theme, family=family, year=year, month=month, join=join))


def recount_as_before(apps, schema_editor):
    """Going back: per year and kind only (migration 0007's counts), in rows the old constraint accepts."""
    year, _month = _year_month(schema_editor.connection.vendor)
    statement = (
        "INSERT INTO signals_signalcount (theme, family, district, year, month, kind, signals, residents, key_sum) "
        "SELECT {theme}, FALSE, COALESCE(s.district_id, 0), {year}, 1, s.kind, COUNT(*), SUM(s.residents), 0 "
        "FROM signals_signal s {join} GROUP BY 1, 2, 3, 4, 5, 6"
    )
    schema_editor.execute("DELETE FROM signals_signalcount")
    for theme, join in (("0", ""), ("st.theme_id", "JOIN signals_signal_themes st ON st.signal_id = s.id")):
        schema_editor.execute(statement.format(theme=theme, year=year, join=join))


class Migration(migrations.Migration):
    dependencies = [
        ("signals", "0007_signal_counts_by_kind"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="signalcount",
            name="signal_count_unique_kind",
        ),
        migrations.AddField(
            model_name="signal",
            name="record_key",
            field=models.PositiveSmallIntegerField(
                default=monitoring.analysis.disclosure.new_record_key, editable=False
            ),
        ),
        migrations.RunPython(draw_record_keys, migrations.RunPython.noop),
        migrations.AddField(
            model_name="signalcount",
            name="family",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="signalcount",
            name="key_sum",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="signalcount",
            name="month",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.RunPython(recount, recount_as_before),
        migrations.AddConstraint(
            model_name="signalcount",
            constraint=models.UniqueConstraint(
                fields=("theme", "family", "district", "year", "month", "kind"), name="signal_count_unique_month"
            ),
        ),
    ]
