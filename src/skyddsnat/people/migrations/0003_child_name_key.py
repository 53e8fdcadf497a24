"""The child's search key (decision 0048): the column, filled for every child already stored,
its index, and on PostgreSQL trigram indexes (pg_trgm) for a name or a number found by any part
of it, and one on the reserve number in upper case. SQLite has no trigram index: there the search reads the (municipality, key) index."""

from django.db import migrations, models

import skyddsnat.people.search_keys

BATCH = 2000

#: (name, how): the trigram indexes, and the reserve number as the search compares it (in upper
#: case), so that a search's OR of the name and the reserve number is answered by indexes.
POSTGRESQL_INDEXES = (
    ("child_name_key_trgm", "USING gin (name_key gin_trgm_ops)"),
    ("child_pin_trgm", "USING gin (personal_identity_number gin_trgm_ops)"),
    ("child_reserve_id_upper", "((UPPER(reserve_id::text)))"),
)


def fill_keys(apps, schema_editor):
    Child = apps.get_model("people", "Child")
    name_key = skyddsnat.people.search_keys.name_key
    rows = Child.objects.order_by("pk").values_list("pk", "first_name", "last_name")
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        Child.objects.bulk_update(
            [Child(pk=pk, name_key=name_key(first, last_name)) for pk, first, last_name in batch],
            ["name_key"],
        )
        last = batch[-1][0]


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, how in POSTGRESQL_INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON people_child {how}")


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _how in POSTGRESQL_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0002_family_and_register'),
    ]

    operations = [
        migrations.AddField(
            model_name='child',
            name='name_key',
            field=skyddsnat.people.search_keys.NameKeyField(blank=True, default='', editable=False, max_length=203),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name='child',
            index=models.Index(fields=['municipality', 'name_key'], name='child_name_key'),
        ),
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
    ]
