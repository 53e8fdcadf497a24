"""Every schema of the API has its own name: two classes of one name overwrite each other in
the OpenAPI document (one endpoint's body then shows the other's fields, and the permission
matrix, which builds its bodies from the document, sends the wrong one)."""

from __future__ import annotations

from collections import defaultdict

from skyddsnat.api.router import api


def test_no_two_schemas_share_a_name():
    schema = api.get_openapi_schema()
    assert schema["components"]["schemas"]
    by_name: dict[str, set[str]] = defaultdict(set)
    for router in {r for _prefix, r in api._routers}:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in _models(operation):
                    by_name[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    shared = {name: places for name, places in by_name.items() if len(places) > 1}
    assert not shared, shared


def _models(operation):
    """The schema classes an operation reads and answers with, and the ones they contain."""
    found, todo = [], []
    for model in operation.models:
        todo.extend(model.model_fields.values())
    for response in (operation.response_models or {}).values():
        if response is not None:
            todo.extend(response.model_fields.values())
    seen = set()
    while todo:
        annotation = todo.pop().annotation
        for cls in _classes(annotation):
            if cls in seen:
                continue
            seen.add(cls)
            found.append(cls)
            todo.extend(cls.model_fields.values())
    return found


def _classes(annotation):
    from typing import get_args

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [c for arg in get_args(annotation) for c in _classes(arg)]
