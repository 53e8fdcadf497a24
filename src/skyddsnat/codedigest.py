"""The source a kept result was worked out by, as one digest (decisions 0052, 0053).

What is kept between requests (a work list's next due dates, the obligations that fell due, the
indicator tables) is keyed by a digest of the code that worked it out, so that a release which
changes a result makes what was kept stale. ``closure`` finds that code from a few modules by
reading their imports: every Skyddsnät module they import, and what those import in turn
(absolute and relative imports alike), so that a change deep down (a model's choices, a
service the time study's indicator calls) is not left out. Modules outside Skyddsnät are the
release's dependencies, pinned by its lock file, and are not read.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path

#: The directory that holds the ``skyddsnat`` package: file names are digested relative to it.
SOURCE_ROOT = Path(__file__).resolve().parents[1]


def closure(roots: Iterable[Path]) -> list[Path]:
    """Return ``roots`` and every Skyddsnät module they import, followed to the end, sorted."""
    seen: set[Path] = set()
    todo = [Path(root).resolve() for root in roots]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in _imported(path):
            found = _module_file(name)
            if found is not None and found not in seen:
                todo.append(found)
    return sorted(seen)


def digest(files: Iterable[Path]) -> str:
    """Return a digest of each file's name (relative to the source root) and content."""
    hashed = hashlib.sha256()
    for path in sorted(Path(f).resolve() for f in files):
        hashed.update(b"\x00" + path.relative_to(SOURCE_ROOT).as_posix().encode() + b"\x00")
        hashed.update(path.read_bytes())
    return hashed.hexdigest()


def _imported(path: Path) -> Iterator[str]:
    """Yield the names ``path`` imports, each ``from m import a`` as ``m`` and ``m.a`` (``a`` may
    be a module or a name defined in ``m``), relative imports resolved."""
    parts = list(path.relative_to(SOURCE_ROOT).with_suffix("").parts)
    package = parts[:-1]  # a package's __init__ and a module of it alike
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def _module_file(name: str) -> Path | None:
    """Return the source file of the Skyddsnät module ``name`` (None: another package's, or a
    name that is not a module)."""
    if name.split(".")[0] != "skyddsnat":
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ModuleNotFoundError, ValueError):  # a name defined in a module, not a module
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    return Path(spec.origin).resolve()
