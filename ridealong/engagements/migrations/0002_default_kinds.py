from django.db import migrations


def add_default_kinds(apps, schema_editor):
    from ridealong.engagements.catalog import install_default_kinds

    install_default_kinds(apps.get_model("engagements", "ContactKind"))


class Migration(migrations.Migration):
    dependencies = [("engagements", "0001_initial")]
    operations = [migrations.RunPython(add_default_kinds, migrations.RunPython.noop)]
