# Part of issue 13: the agreement part's tables and permissions (filled in by that part).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [('learning', '0002_topics')]

    operations = []
