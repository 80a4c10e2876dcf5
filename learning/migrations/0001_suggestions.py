# Part of issue 13: the suggestions part's tables and permissions (filled in by that part).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [('signals', '0009_dismissal_reason_version_review')]

    operations = []
