"""The documents a newcomer reads name files that exist, and the code cites the project's contract.

``docs/architecture.md`` and ``CONTRIBUTING.md`` say where things live: every Markdown link and
every backticked path in them that points into ``src/``, ``tests/`` or ``docs/`` must exist. A
backticked path is read from the repository root when it starts with ``src/``, ``tests/`` or
``docs/``, and from ``src/skyddsnat/`` when it starts with one of the project's packages
(``rules/triggers.py``); a Markdown link from the document's own folder. Placeholders
(``<app>/services.py``), URLs and anchors are not paths.

The contract is ``docs/spec/`` (copied from the shared spec, changed here): code and tests cite
it as ``docs/spec/<name>.md``. A citation of a spec document that ``docs/spec/`` does not hold,
or of a spec document by its bare name, points outside the project and fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "skyddsnat"
SPEC = ROOT / "docs" / "spec"
GUIDES = ("docs/architecture.md", "CONTRIBUTING.md")
CHECKED_TOPS = ("src", "tests", "docs")

BACKTICKED = re.compile(r"`([^`\s]+)`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
PATH_LIKE = re.compile(r"[\w.-]+(/[\w.-]*)+")
SPEC_CITATION = re.compile(r"(?<![\w-])((?:[\w.-]+/)*)spec/([\w-]+)\.md")


def package_tops() -> set[str]:
    """The first segments a path relative to ``src/skyddsnat/`` may start with."""
    return {p.name for p in PACKAGE.iterdir() if not p.name.startswith(("_", "."))}


def resolve(path: str) -> Path | None:
    """The file a backticked path names, or None when it is not a path into the project."""
    path = path.rstrip(".,;:")
    if not PATH_LIKE.fullmatch(path):
        return None
    first = path.split("/", 1)[0]
    if first in CHECKED_TOPS:
        return ROOT / path
    if first == "skyddsnat":
        return ROOT / "src" / path
    if first in package_tops():
        return PACKAGE / path
    return None


def inside_checked_tops(target: Path) -> bool:
    return any(target.is_relative_to(ROOT / top) for top in CHECKED_TOPS)


def missing_paths(guide: Path) -> list[str]:
    """Every path ``guide`` names under src/, tests/ or docs/ that does not exist."""
    text = guide.read_text(encoding="utf-8")
    missing = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in LINK.finditer(line):
            link = match.group(1).split("#", 1)[0]
            if not link or re.match(r"[a-z]+:", link):
                continue
            target = (guide.parent / link).resolve()
            if inside_checked_tops(target) and not target.exists():
                missing.append(f"{guide.name}:{number}: link {link}")
        for match in BACKTICKED.finditer(line):
            target = resolve(match.group(1))
            if target is not None and not target.exists():
                missing.append(f"{guide.name}:{number}: `{match.group(1)}`")
    return missing


@pytest.mark.parametrize("name", GUIDES)
def test_every_path_the_guide_names_exists(name: str):
    assert missing_paths(ROOT / name) == []


def code_files() -> list[Path]:
    this = Path(__file__).resolve()
    return [
        p
        for top in ("src", "tests")
        for p in sorted((ROOT / top).rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.resolve() != this
    ]


def outside_citations(path: Path) -> list[str]:
    """Citations in ``path`` of a spec document that is not the project's own."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []
    own = {p.stem for p in SPEC.glob("*.md")}
    bare = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, sorted(own))) + r")\.md")
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{path.relative_to(ROOT)}:{number}"
        for match in SPEC_CITATION.finditer(line):
            prefix, name = match.groups()
            if prefix != "docs/" or name not in own:
                found.append(f"{where}: {match.group(0)}")
        for match in bare.finditer(line):
            found.append(f"{where}: {match.group(0)} (cite docs/spec/{match.group(0)})")
    return found


def test_the_contract_is_in_docs_spec():
    assert {p.name for p in SPEC.glob("*.md")} >= {
        "process.md",
        "indicators.md",
        "api.md",
        "security.md",
    }


def test_code_and_tests_cite_only_the_projects_own_spec():
    found = [c for path in code_files() for c in outside_citations(path)]
    assert found == []
