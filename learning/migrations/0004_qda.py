# Part of issue 13: the qda part's tables and permissions (filled in by that part).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [('learning', '0003_agreement')]

    operations = []
