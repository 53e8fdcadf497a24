"""The case's phase has one writer: ``skyddsnat.cases.lifecycle``.

The phase transitions themselves are exercised through the services in tests/services (every
flow there ends in a phase); these tests guard the shape: no other module assigns a phase or a
case's version, and the lifecycle refuses what the process does not allow.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from skyddsnat.cases import lifecycle
from skyddsnat.cases.choices import Phase
from skyddsnat.errors import StateConflict
from tests.cast import local, pin_for
from tests.services.flow import case_about, decide_preliminary

SRC = Path(__file__).resolve().parents[2] / "src" / "skyddsnat"
#: The bulk generators write two years of history as rows (never through services); they set the
#: phase the history ended in, and are not part of the running system.
BULK_HISTORY = {"demo/bulk_chain.py", "demo/bulk_care.py"}


def _phase_writes(tree: ast.AST) -> list[int]:
    """Lines that assign ``<x>.phase`` / ``<x>.version`` or pass ``phase=`` to update()."""
    lines = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            for t in target.elts if isinstance(target, ast.Tuple) else [target]:
                if not isinstance(t, ast.Attribute):
                    continue
                on_a_case = isinstance(t.value, ast.Name) and t.value.id == "case"
                if t.attr == "phase" or (t.attr == "version" and on_a_case):
                    lines.append(node.lineno)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "update"
            and any(k.arg == "phase" for k in node.keywords)
        ):
            lines.append(node.lineno)
    return lines


def test_only_the_lifecycle_writes_a_cases_phase():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if "/migrations/" in rel or rel == "cases/lifecycle.py" or rel in BULK_HISTORY:
            continue
        for line in _phase_writes(ast.parse(path.read_text(), rel)):
            offenders.append(f"{rel}:{line}")
    assert offenders == [], "Change a case's phase through skyddsnat.cases.lifecycle"


def test_the_scan_finds_a_phase_written_elsewhere():
    tree = ast.parse("def f(case):\n    case.phase = 'closed'\n    case.version += 1\n")
    assert _phase_writes(tree) == [2, 3]
    assert _phase_writes(ast.parse("Case.objects.filter(pk=1).update(phase='closed')")) == [1]


def _case(cast, frozen_today):
    frozen_today(date(2026, 3, 10))
    return case_about(cast.ida, local(2026, 3, 2), pin_for(date(2015, 4, 1)))


@pytest.mark.django_db
def test_a_closed_case_cannot_open_an_investigation_or_close_again(cast, frozen_today):
    case = _case(cast, frozen_today)
    decide_preliminary(
        cast.ida, case, date(2026, 3, 9), "not_opened", reason="no_concern_confirmed"
    )
    locked = lifecycle.lock(case.pk)
    assert locked.phase == Phase.CLOSED
    with pytest.raises(StateConflict):
        lifecycle.investigation_opened(locked)
    with pytest.raises(StateConflict, match="redan avslutat"):
        lifecycle.close(locked)


@pytest.mark.django_db
def test_touch_refuses_the_phase(cast, frozen_today):
    case = lifecycle.lock(_case(cast, frozen_today).pk)
    with pytest.raises(ValueError):
        lifecycle.touch(case, "phase")
