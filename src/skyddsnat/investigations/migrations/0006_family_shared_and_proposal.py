"""Add what the investigation proposes (``Investigation.proposed_basis``, ``proposed_kind``) and
the family's sub-areas shared by siblings (``TriangleAssessment.shared``, ``written_in``;
decision 0037).

``investigations_investigation`` is signed. On PostgreSQL the columns are added in place and
the trigger stays. On SQLite a table that is rebuilt loses its triggers (a nullable column is
added in place today, but removing it when the migration is reversed rebuilds the table): both
append-only triggers (``journal`` ``0002``'s UPDATE, ``0005``'s DELETE) are installed again at
both ends, as ``0003`` does (decision 0002; ``tests/db/test_signed_triggers.py`` fails without
them). ``investigations_triangleassessment`` is not signed and has no triggers.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "investigations_investigation"
SQLITE_TRIGGERS = {
    f"{TABLE}_append_only": (
        f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE ON {TABLE} "
        f"WHEN OLD.signed_at IS NOT NULL "
        f"BEGIN SELECT RAISE(ABORT, 'signed row in {TABLE} is append-only'); END"
    ),
    f"{TABLE}_no_delete": (
        f"CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
        f"WHEN OLD.signed_at IS NOT NULL AND skyddsnat_allows('disposal') = 0 "
        f"BEGIN SELECT RAISE(ABORT, 'signed row in {TABLE} is append-only'); END"
    ),
}


def reinstall_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name, sql in SQLITE_TRIGGERS.items():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('investigations', '0005_signed_opening_information_append_only'),
        ("journal", "0005_signed_rows_disposal_by_the_owner_only"),
    ]

    operations = [
        # Reversed last: removing the columns rebuilds the table on SQLite too.
        migrations.RunPython(migrations.RunPython.noop, reinstall_sqlite_triggers),
        migrations.AddField(
            model_name='investigation',
            name='proposed_basis',
            field=models.CharField(blank=True, choices=[('sol_voluntary', 'SoL (frivillig)'), ('lvu_2', 'LVU 2 § (hemmiljön)'), ('lvu_3', 'LVU 3 § (eget beteende)'), ('lvu_6_emergency', 'LVU 6 § (omedelbart omhändertagande)'), ('lul', 'LUL')], max_length=32, null=True, verbose_name='föreslaget lagrum'),
        ),
        migrations.AddField(
            model_name='investigation',
            name='proposed_kind',
            field=models.CharField(blank=True, choices=[('contact_person', 'Kontaktperson'), ('contact_family', 'Kontaktfamilj'), ('family_treatment', 'Familjebehandling'), ('structured_programme', 'Strukturerat program (t.ex. MST, FFT)'), ('qualified_contact_person', 'Särskilt kvalificerad kontaktperson'), ('parenting_support', 'Föräldrastöd'), ('other_open_care', 'Annan öppenvårdsinsats'), ('foster_home', 'Familjehem'), ('kinship_foster_home', 'Nätverkshem'), ('emergency_foster_home', 'Jourhem'), ('protected_housing', 'Skyddat boende'), ('residential_care_home', 'HVB'), ('supported_housing', 'Stödboende'), ('secure_youth_home', 'Särskilt ungdomshem (SiS)'), ('help_without_assessment', 'Insats utan individuell behovsprövning')], max_length=32, null=True, verbose_name='föreslagen insats'),
        ),
        migrations.AddField(
            model_name='triangleassessment',
            name='shared',
            field=models.BooleanField(default=False, verbose_name='gemensam för syskonen'),
        ),
        migrations.AddField(
            model_name='triangleassessment',
            name='written_in',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='investigations.investigation'),
        ),
        migrations.RunPython(reinstall_sqlite_triggers, migrations.RunPython.noop),
    ]
