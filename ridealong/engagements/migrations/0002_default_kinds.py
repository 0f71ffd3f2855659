from django.db import migrations


def add_default_kinds(apps, schema_editor):
    from ridealong.engagements.catalog import DEFAULT_KINDS

    ContactKind = apps.get_model("engagements", "ContactKind")
    for position, (slug, name, practice, is_live, description) in enumerate(DEFAULT_KINDS):
        ContactKind.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "practice": str(practice),
                "is_live": is_live,
                "description": description,
                "position": (position + 1) * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("engagements", "0001_initial")]
    operations = [migrations.RunPython(add_default_kinds, migrations.RunPython.noop)]
