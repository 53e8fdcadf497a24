"""Every case's facts stamp, kept by triggers on the tables its facts are read from (decision
0052, ``cases.stamps``).

``TABLES`` is this migration's frozen list of the tables watched; a table that later becomes a
source of facts is watched by a migration of its own. Every case present gets its first stamp.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLES = (
    "cases_case",
    "people_child",
    "intake_report",
    "intake_feedbackrequest",
    "intake_protectiveassessment",
    "intake_preliminaryassessment",
    "intake_reporterfeedback",
    "investigations_investigation",
    "investigations_openinginformation",
    "investigations_extension",
    "interventions_decision",
    "interventions_intervention",
    "interventions_visit",
    "interventions_review",
    "interventions_custodytransferconsideration",
    "interventions_evaluation",
    "interventions_stayextension",
    "interventions_emergencycustody",
    "interventions_lvucourtcase",
    "interventions_lvumeasure",
    "interventions_lvumeasurereview",
    "interventions_lvufollowup",
    "interventions_lulstatement",
    "interventions_youthservice",
    "interventions_protectedhousingorder",
    "interventions_protectedhousingconsideration",
    "plans_plan",
    "followups_followup",
    "followups_followupend",
)


def _watched():
    from skyddsnat.cases import stamps

    return tuple(w for w in stamps.WATCHED if w.table in TABLES)


def install(apps, schema_editor):
    from skyddsnat.cases import stamps

    schema_editor.execute(
        "INSERT INTO cases_factsstamp (case_id, stamp) SELECT id, 1 FROM cases_case"
    )
    stamps.install(schema_editor, _watched())


def uninstall(apps, schema_editor):
    from skyddsnat.cases import stamps

    stamps.uninstall(schema_editor, _watched())


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_phase_follow_up"),
        ("people", "0003_child_name_key"),
        ("intake", "0006_reporter_feedback_withheld"),
        ("investigations", "0006_family_shared_and_proposal"),
        ("interventions", "0010_signed_protected_housing_considerations_append_only"),
        ("plans", "0003_plan_child_participated"),
        ("followups", "0002_signed_rows_append_only"),
    ]

    operations = [
        migrations.CreateModel(
            name="FactsStamp",
            fields=[
                (
                    "case",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="facts_stamp",
                        serialize=False,
                        to="cases.case",
                    ),
                ),
                ("stamp", models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(install, uninstall),
    ]
