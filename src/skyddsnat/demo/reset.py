"""Delete a synthetic municipality's case data (``load_demo --reset``, ``generate_dataset``).

Every model with a foreign-key path to the municipality is found from the model graph, so a model
added later is included without a change here, and deleted children-first. The municipality,
its units, its staff (with their units and groups) and the yearly population are kept and
updated in place by the loaders: the append-only audit log refers to the staff, and audit rows
are never deleted. Signed rows and registered reports are deleted inside
``skyddsnat.disposal.disposal()``, the one way past their append-only triggers on either database:
on PostgreSQL through the tables' owner (the ``owner`` alias when it is configured apart).
"""

from __future__ import annotations

from graphlib import TopologicalSorter

from django.apps import apps
from django.db import models

from skyddsnat.accounts.models import Municipality
from skyddsnat.disposal import disposal
from skyddsnat.surveys.models import Edition

#: Apps whose rows are kept: the tenant, its organisation and staff, and the append-only audit
#: log (a model of these apps that points at case data is deleted with it all the same).
KEPT_APPS = {"accounts", "audit", "admin", "auth", "contenttypes", "sessions"}


def _fks(model: type[models.Model]) -> list[models.ForeignKey]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is not model
    ]


def municipality_paths() -> dict[type[models.Model], str]:
    """Return, for every deletable model that belongs to a municipality, its lookup to it."""
    candidates = [
        m
        for m in apps.get_models(include_auto_created=True)
        if not m._meta.proxy and m._meta.managed and m is not Municipality
    ]
    paths: dict[type[models.Model], str] = {Municipality: ""}
    # Breadth first (shortest paths), through required foreign keys first: a nullable one
    # (e.g. ``signed_by``) would miss the rows where it is empty.
    for allow_null in (False, True):
        while True:
            found = {}
            for model in candidates:
                if model in paths:
                    continue
                for f in _fks(model):
                    if f.related_model in paths and (allow_null or not f.null):
                        rest = paths[f.related_model]
                        found[model] = f"{f.name}__{rest}" if rest else f.name
                        break
            if not found:
                break
            paths.update(found)
    del paths[Municipality]
    deletable = {m: p for m, p in paths.items() if m._meta.app_label not in KEPT_APPS}
    grown = True
    while grown:  # a kept app's model that points at case data goes with it (e.g. an access log)
        grown = False
        for model in sorted(paths.keys() - deletable.keys(), key=lambda m: m._meta.label):
            target = next((f for f in _fks(model) if f.related_model in deletable), None)
            if target is not None:
                deletable[model] = f"{target.name}__{deletable[target.related_model]}"
                grown = True
    return deletable


def deletion_order(models_: list[type[models.Model]]) -> list[type[models.Model]]:
    """Return ``models_`` so that a model comes before every model it points at."""
    sorter: TopologicalSorter[type[models.Model]] = TopologicalSorter()
    inside = set(models_)
    for model in models_:
        sorter.add(model)
        for f in _fks(model):
            if f.related_model in inside:
                sorter.add(f.related_model, model)
    return list(sorter.static_order())


def delete_case_data(municipality: Municipality) -> dict[str, int]:
    """Delete every case, person and record of ``municipality``; return rows deleted per model."""
    paths = municipality_paths()
    deleted: dict[str, int] = {}
    # The surveys the municipality organises go first, whole: their respondents are other
    # (synthetic) municipalities, which no path from this municipality reaches.
    organised = Edition.objects.filter(organiser_municipality=municipality)
    if organised.exists():
        deleted["surveys.Edition"] = organised.delete()[1].get("surveys.Edition", 0)
    with disposal() as using:
        for model in deletion_order(list(paths)):
            qs = model._base_manager.using(using).filter(**{paths[model]: municipality.pk})
            count = qs._raw_delete(using)
            if count:
                deleted[model._meta.label] = count
    return deleted
