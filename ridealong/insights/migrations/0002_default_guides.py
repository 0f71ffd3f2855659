from django.db import migrations


def forwards(apps, schema_editor):
    from ridealong.insights.defaults import load_defaults

    load_defaults(
        kind_model=apps.get_model("engagements", "ContactKind"),
        guide_model=apps.get_model("insights", "QuestionGuide"),
        question_model=apps.get_model("insights", "GuideQuestion"),
        area_model=apps.get_model("insights", "ProductArea"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("engagements", "0002_default_kinds"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
