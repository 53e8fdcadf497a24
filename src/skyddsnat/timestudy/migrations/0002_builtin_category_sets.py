"""Store the national coordinator's two category sets (timestudy/categories.py)."""

from django.db import migrations


def add_builtin_sets(apps, schema_editor):
    from skyddsnat.timestudy.categories import BUILTIN_SETS

    CategorySet = apps.get_model("timestudy", "CategorySet")
    Category = apps.get_model("timestudy", "Category")
    for builtin in BUILTIN_SETS:
        category_set, _ = CategorySet.objects.update_or_create(
            municipality=None, code=builtin.code, defaults={"name": builtin.name}
        )
        for position, c in enumerate(builtin.categories):
            Category.objects.update_or_create(
                category_set=category_set,
                code=c.code,
                defaults={
                    "name": c.name,
                    "definition": c.definition,
                    "national_share": c.national_share,
                    "position": position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("timestudy", "0001_initial")]

    operations = [migrations.RunPython(add_builtin_sets, migrations.RunPython.noop)]
