"""The main menu: each role sees the pages the policy lets it reach, in a fixed order."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from skyddsnat.web.context import layout

MANAGER = [
    ("web:unit", "Enhetens översikt"),
    ("web:my_cases", "Mina ärenden"),
    ("web:intake", "Ny anmälan"),
    ("web:timestudy", "Tidsmätning"),
    ("web:followup", "Uppföljning"),
    ("web:committee_report", "Rapport till nämnden"),
    ("web:action_plans", "Handlingsplaner"),
    ("web:timestudy_results", "Tidsmätningens resultat"),
    ("web:timestudy_plan", "Planera tidsmätning"),
    ("web:timestudy_categories", "Tidsmätningens kategorier"),
    ("web:unit_break_glass", "Nödåtkomst"),
    ("web:unit_audit_log", "Åtkomstlogg"),
]
TIME = ("web:timestudy", "Tidsmätning")
CASEWORKER = [("web:my_cases", "Mina ärenden"), ("web:intake", "Ny anmälan"), TIME]
INTAKE = [("web:my_cases", "Mina ärenden"), ("web:intake", "Mottagning"), TIME]
FOLLOW_UP = [
    ("web:followup", "Uppföljning"),
    ("web:committee_report", "Rapport till nämnden"),
    ("web:action_plans", "Handlingsplaner"),
    ("web:timestudy_results", "Tidsmätningens resultat"),
]
ADMIN = [
    ("web:administration", "Administration"),
    ("web:admin_users", "Användare"),
    ("web:admin_units", "Enheter"),
    ("web:admin_log", "Administrationslogg"),
]


@pytest.mark.parametrize(
    ("name", "menu"),
    [
        ("maja", MANAGER),
        ("alice", CASEWORKER),
        ("sara", CASEWORKER),
        ("ida", INTAKE),
        ("nils", FOLLOW_UP),
        ("ana", FOLLOW_UP),
        (
            "adam",
            [
                ("web:timestudy_categories", "Tidsmätningens kategorier"),
                *ADMIN,
                ("web:admin_jobs", "Jobb"),
            ],
        ),
    ],
)
def test_each_role_has_its_menu(cast, name, menu):
    request = RequestFactory().get("/")
    request.user = getattr(cast, name)
    navigation = layout(request)["layout_navigation"]
    assert [(url, str(label)) for url, label in navigation] == menu
