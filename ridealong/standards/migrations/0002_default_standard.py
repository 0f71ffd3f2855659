from django.db import migrations


def add_default_standard(apps, schema_editor):
    from ridealong.standards.catalog import install_default_standard

    install_default_standard(apps.get_model("standards", "Standard"))


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_initial")]
    operations = [migrations.RunPython(add_default_standard, migrations.RunPython.noop)]
