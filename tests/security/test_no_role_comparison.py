"""No module but ``accounts/policy.py`` compares roles (docs/security.md: "no other module compares
roles").

The check reads the source as Python syntax rather than text, so that it flags comparisons and
lookups by role but not the places where a role is given to someone (``role=Role.MANAGER`` in
``create_user``, ``user.role = ...``) or shown (``get_role_display``). Flagged:

- a comparison with a role on either side: ``user.role == Role.MANAGER``, ``role in (...)``,
  ``Role.INTAKE != x``, ``u.role not in policy.CASE_ROLES``;
- a query by role: ``filter(role__in=...)``, ``exclude(role=...)``, ``Q(units__users__role=...)``;
- a table or a lookup keyed by role: ``{Role.MANAGER: ...}``, ``MENU[user.role]``,
  ``MENU.get(user.role)``, ``match user.role:``.

Not searched: where roles are defined (``accounts/models.py``, ``choices.py``), the demo data
(which gives roles to its made-up staff and picks staff by role to write history, never to grant
access), and migrations. Templates are searched for ``.role ==`` and the like.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "skyddsnat"

#: Where a role may be compared, or is only defined or assigned.
ALLOWED = (
    "accounts/policy.py",  # the one place that answers "may this user …"
    "accounts/models.py",  # defines Role and User.role
    "demo/",  # made-up staff: gives roles, picks staff by role to write history
    "migrations/",
)

#: Calls whose keyword arguments are lookups (a comparison), not values to store.
QUERY_CALLS = {"filter", "exclude", "get", "Q", "filter_by"}


def _is_role(node: ast.AST) -> bool:
    """Return whether ``node`` is, or contains, a role: ``x.role``, ``role``, ``Role.X``, or a
    set of roles (``*_ROLES``)."""
    for n in ast.walk(node):
        if isinstance(n, ast.Attribute):
            if n.attr == "role" or n.attr.endswith("_ROLES"):
                return True
            if isinstance(n.value, ast.Name) and n.value.id == "Role":
                return True
        if isinstance(n, ast.Name) and (n.id in ("role", "Role") or n.id.endswith("_ROLES")):
            return True
    return False


def _call_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return ""


def role_comparisons(source: str) -> list[tuple[int, str]]:
    """Return (line, what) for every comparison or lookup by role in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            if any(_is_role(operand) for operand in (node.left, *node.comparators)):
                found.append((node.lineno, "comparison with a role"))
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                parts = (keyword.arg or "").split("__")
                if "role" not in parts:
                    continue
                if parts[-1] != "role" or _call_name(node) in QUERY_CALLS:
                    found.append((node.lineno, f"query by role ({keyword.arg}=)"))
            if _call_name(node) == "get" and node.args and _is_role(node.args[0]):
                found.append((node.lineno, "lookup by role (.get)"))
        elif isinstance(node, ast.Subscript) and _is_role(node.slice):
            found.append((node.lineno, "lookup by role ([])"))
        elif isinstance(node, ast.Dict) and any(k is not None and _is_role(k) for k in node.keys):
            found.append((node.lineno, "table keyed by role"))
        elif isinstance(node, ast.Match) and _is_role(node.subject):
            found.append((node.lineno, "match on a role"))
    return found


TEMPLATE_ROLE_TEST = re.compile(r"\.role\s*(==|!=|\bin\b|\bnot\s+in\b)|\bin\s+[\w.]*ROLES")


def _allowed(path: Path) -> bool:
    relative = path.relative_to(SRC).as_posix()
    if path.name == "choices.py":
        return True
    return any(relative.startswith(a) or f"/{a}" in f"/{relative}" for a in ALLOWED)


def test_no_module_outside_the_policy_compares_roles():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if _allowed(path):
            continue
        for line, what in role_comparisons(path.read_text()):
            offenders.append(f"{path.relative_to(SRC)}:{line}: {what}")
    assert offenders == [], "ask accounts.policy instead:\n" + "\n".join(offenders)


def test_no_template_compares_roles():
    offenders = [
        f"{path.relative_to(SRC)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in sorted(SRC.rglob("templates/**/*.html"))
        for text in [path.read_text()]
        for m in TEMPLATE_ROLE_TEST.finditer(text)
    ]
    assert offenders == []


def test_the_policy_module_is_where_they_are():
    """The check finds what it looks for: the policy module does compare roles."""
    assert role_comparisons((SRC / "accounts/policy.py").read_text())


@pytest.mark.parametrize(
    "source",
    [
        "user.role == Role.MANAGER",
        "acting_user.role != Role.MANAGER",
        "Role.INTAKE == user.role",
        "role in (Role.CASEWORKER, Role.INTAKE)",
        "u.role not in policy.CASE_ROLES",
        "x = a if user.role == 'manager' else b",
        "User.objects.filter(role__in=CASEWORKER_ROLES)",
        "User.objects.exclude(role=Role.ADMIN)",
        "Q(responsible__role=Role.MANAGER)",
        "NAV = {Role.MANAGER: [], Role.INTAKE: []}",
        "NAV.get(user.role, [])",
        "NAV[request.user.role]",
        "match user.role:\n    case 'manager':\n        pass",
    ],
)
def test_the_check_flags_a_comparison(source):
    assert role_comparisons(source)


@pytest.mark.parametrize(
    "source",
    [
        "user.role = Role.MANAGER",
        "User.objects.create_user(username='a', role=Role.CASEWORKER)",
        "User(role=role)",
        "User.objects.filter(pk=1).update(role=Role.ANALYST)",
        "label = user.get_role_display()",
        "policy.reads_by_role(user, case)",
        "role = models.CharField(choices=Role.choices)",
        "if policy.can_view_unit(user): pass",
    ],
)
def test_the_check_leaves_assignments_and_display_alone(source):
    assert role_comparisons(source) == []
