"""Draw the reports of the demo history: when, from whom, why and about which children."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from skyddsnat.demo import names, texts
from skyddsnat.demo.families import Families, Family, Member
from skyddsnat.demo.timeline import at
from skyddsnat.intake.choices import is_mandatory_reporter
from skyddsnat.rules import local_date

#: Reporter categories and their shares in per cent (police ~25 %, school ~20 %, …).
CATEGORIES: dict[str, int] = {
    "police": 25,
    "school": 20,
    "health_care": 9,
    "preschool": 6,
    "child_psychiatry": 4,
    "dental_care": 2,
    "social_services": 12,
    "other_municipality": 3,
    "relative": 5,
    "private_person": 5,
    "anonymous": 4,
    "child_self": 2,
    "other": 3,
}

REASONS: dict[str, dict[str, int]] = {
    "police": {
        "witnessed_violence": 35,
        "violence_against_child": 20,
        "child_criminality": 25,
        "guardian_substance_abuse": 10,
        "child_substance_abuse": 5,
        "honour_related": 2,
        "sexual_abuse": 3,
    },
    "school": {
        "school_absence": 25,
        "neglect": 20,
        "violence_against_child": 20,
        "child_other_destructive_behaviour": 20,
        "guardian_mental_illness": 10,
        "honour_related": 3,
        "sexual_abuse": 2,
    },
    "preschool": {
        "neglect": 50,
        "violence_against_child": 25,
        "guardian_mental_illness": 15,
        "guardian_substance_abuse": 10,
    },
    "health_care": {
        "neglect": 30,
        "guardian_mental_illness": 25,
        "guardian_substance_abuse": 20,
        "violence_against_child": 15,
        "child_substance_abuse": 10,
    },
    "child_psychiatry": {
        "child_other_destructive_behaviour": 40,
        "guardian_mental_illness": 30,
        "neglect": 20,
        "sexual_abuse": 10,
    },
    "dental_care": {"neglect": 100},
    "social_services": {
        "guardian_substance_abuse": 35,
        "witnessed_violence": 30,
        "guardian_mental_illness": 20,
        "neglect": 15,
    },
    "other_municipality": {"neglect": 40, "other": 40, "witnessed_violence": 20},
    "relative": {"neglect": 40, "guardian_substance_abuse": 35, "violence_against_child": 25},
    "private_person": {"neglect": 45, "witnessed_violence": 30, "guardian_substance_abuse": 25},
    "anonymous": {"neglect": 50, "guardian_substance_abuse": 30, "violence_against_child": 20},
    "child_self": {"violence_against_child": 50, "honour_related": 20, "other": 30},
    "other": {"other": 60, "unaccompanied_minor": 20, "child_criminality": 20},
}

#: The share of mandatory reporters who ask for feedback in the report.
FEEDBACK_REQUESTED = 0.6

CHANNELS: dict[str, dict[str, int]] = {
    "police": {"police_report": 85, "phone": 15},
    "social_services": {"internal": 80, "email": 20},
    "other_municipality": {"letter": 50, "email": 50},
    "child_self": {"in_person": 60, "phone": 40},
}
DEFAULT_CHANNELS = {"phone": 40, "eservice": 35, "email": 10, "letter": 10, "in_person": 5}
TEEN_REASONS = {
    "child_criminality",
    "child_substance_abuse",
    "child_other_destructive_behaviour",
    "honour_related",
}
CHILD_REASONS = TEEN_REASONS | {"school_absence", "unaccompanied_minor"}
SEVERE = {"violence_against_child", "sexual_abuse", "honour_related", "unaccompanied_minor"}


@dataclass
class Script:
    """Choices forced on a story (the showcase cases); ``None`` leaves it to chance."""

    registrar: str | None = None
    protective: str | None = None  # "pending" or "emergency_custody"
    prelim: str | None = None  # "pending" or an outcome
    prelim_days: int | None = None
    caseworker: str | None = None
    inv_days: int | None = None
    outcome: str | None = None
    kind: str | None = None
    visit_gaps: tuple[int, ...] | None = None
    end_after: int | None = None
    runs_on: bool = False
    evaluate: bool | None = None
    legacy: bool = False
    #: Opened and left in the investigating unit's queue "Att fördela" (no caseworker yet).
    queued: bool = False
    #: Protected housing without the father's consent (lag 2024:79) and a temporary travel ban
    #: (LVU 31 d §), each with its court path (decision 0043).
    without_consent: bool = False


@dataclass
class ReportSpec:
    received_at: datetime
    family: Family
    members: list[Member]
    category: str
    channel: str
    reasons: list[str]
    urgency: str = "normal"
    kind: str = "report"
    applicant: str = ""
    account: str = ""
    reporter_name: str = ""
    organisation: str = ""
    script: Script = field(default_factory=Script)

    @property
    def mandatory(self) -> bool:
        """By the law's list in force on the day the report came in."""
        return is_mandatory_reporter(self.category, local_date(self.received_at))

    @property
    def feedback_requested(self) -> bool:
        """Most mandatory reporters ask for feedback (*återkoppling*) in the report.

        Drawn from the report's own time and source, so the rest of the history stays as drawn.
        """
        draw = random.Random(f"feedback:{self.received_at.isoformat()}:{self.category}")
        return self.mandatory and draw.random() < FEEDBACK_REQUESTED


def _weighted(table: dict[str, int], rng: random.Random) -> str:
    return rng.choices(list(table), list(table.values()))[0]


def report_days(start: date, end: date, count: int, rng: random.Random) -> list[date]:
    """Return ``count`` days in [start, end): fewer at weekends, in July and at Christmas."""
    days = [start + timedelta(days=i) for i in range((end - start).days)]
    weights = []
    for d in days:
        w = 0.35 if d.weekday() >= 5 else 1.0
        w *= 0.7 if d.month == 7 else 1.0
        w *= 0.6 if d.month == 12 and d.day >= 22 else 1.0
        weights.append(w)
    return sorted(rng.choices(days, weights, k=count))


def received_time(day: date, category: str, rng: random.Random) -> datetime:
    if category == "police" and rng.random() < 0.35:
        minute = rng.randint(16 * 60, 22 * 60 + 59)  # evenings
    elif category in ("private_person", "anonymous", "relative") and rng.random() < 0.3:
        minute = rng.randint(7 * 60, 22 * 60)  # the e-service is open all day
    else:
        minute = rng.randint(7 * 60 + 45, 16 * 60 + 45)
    return at(day, minute // 60, minute % 60)


def draw_report(day: date, families: Families, rng: random.Random) -> ReportSpec:
    """Draw one report received on ``day``."""
    category = _weighted(CATEGORIES, rng)
    family = families.pick(day)
    children = family.children_on(day)
    if family.unaccompanied:
        category = "other"
    young = [c for c in children if c.age_on(day) <= 5]
    pupils = [c for c in children if c.age_on(day) >= 6]
    if category == "preschool" and not young:
        category = "school" if pupils else "health_care"
    if category == "school" and not pupils:
        category = "preschool" if young else "health_care"
    pool = young if category == "preschool" else pupils if category == "school" else children
    index = rng.choice(pool)
    age = index.age_on(day)
    table = dict(REASONS[category])
    if family.unaccompanied:
        table = {"unaccompanied_minor": 100}
    else:
        table.pop("unaccompanied_minor", None)
    if age < 12:
        table = {r: w for r, w in table.items() if r not in TEEN_REASONS} or {"neglect": 1}
    if age < 6:
        table.pop("school_absence", None)
    reasons = [_weighted(table, rng)]
    for _ in range(rng.choices((0, 1, 2), (65, 28, 7))[0]):
        extra = _weighted(table, rng)
        if extra not in reasons:
            reasons.append(extra)
    if reasons[0] in CHILD_REASONS or len(children) == 1 or rng.random() < 0.55:
        members = [index]
    else:
        members = children
    channel = _weighted(CHANNELS.get(category, DEFAULT_CHANNELS), rng)
    severe = bool(SEVERE & set(reasons))
    roll = rng.random()
    urgency = "acute" if roll < (0.15 if severe else 0.03) else "high" if roll < 0.2 else "normal"
    spec = ReportSpec(
        received_at=received_time(day, category, rng),
        family=family,
        members=members,
        category=category,
        channel=channel,
        reasons=reasons,
        urgency=urgency,
        account=texts.account(reasons, rng),
    )
    if category not in ("anonymous",) and rng.random() < 0.85:
        sex = rng.choice(("girl", "boy"))
        spec.reporter_name = f"{names.adult_first_name(sex, rng)} {names.last_name(rng)}"
        spec.organisation = names.organisation(category, rng)
    if category in ("child_self", "relative", "other") and rng.random() < 0.25 and age >= 12:
        spec.kind = "application"
        spec.applicant = "child" if category == "child_self" else "guardian"
        spec.channel = rng.choice(("in_person", "eservice", "letter"))
        spec.account = "Ansökan om stöd: " + spec.account
    return spec


def draw_reports(
    start: date, end: date, count: int, families: Families, rng: random.Random
) -> list[ReportSpec]:
    """Draw ``count`` reports received in [start, end), in time order."""
    return [draw_report(day, families, rng) for day in report_days(start, end, count, rng)]
