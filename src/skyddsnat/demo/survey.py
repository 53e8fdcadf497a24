"""The demo's running Barnbarometer: an open edition organised by ``enkat1``, sent to 290
synthetic municipalities, of which about 58 % have answered (as in 2014), through the services.

The municipalities are invented names (no real municipality), their answers drawn with fixed
weights from a seeded random generator, so a reload gives the same figures.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.answers import Questions
from skyddsnat.surveys.models import Edition, Kind, Respondent

FIRST = ("Sjö", "Ek", "Björk", "Lind", "Berg", "Ås", "Strand", "Norr", "Söder", "Väster", "Öster")
FIRST += ("Mal", "Hag", "Rönn", "Gran", "Al", "Sand", "Hall", "Kvarn", "Myr", "Bäck", "Ljung")
LAST = ("by", "köping", "vik", "sala", "ryd", "hult", "torp", "fors", "holm", "näs", "berga")
LAST += ("tuna", "dal", "mo")
GROUPS = (
    "Storstäder",
    "Pendlingskommun nära storstad",
    "Större stad",
    "Pendlingskommun nära större stad",
    "Lågpendlingskommun nära större stad",
    "Mindre stad/tätort",
    "Landsbygdskommun",
)
INVITED = 290
ANSWERED = 168
#: How many answered last year's (closed) edition, which this year's was copied from.
ANSWERED_LAST_YEAR = 152


def synthetic_municipalities(rng: random.Random) -> list[str]:
    """Return 290 invented municipality names ("Sjököping", "Rönnvik" …), in a fixed order."""
    names = [f"{a}{b}" for a in FIRST for b in LAST]
    rng.shuffle(names)
    return [f"{name} kommun" for name in names[:INVITED]]


def _draw(questions: Questions, rng: random.Random) -> tuple[dict[str, Any], dict[str, str]]:
    """Return one municipality's answers: a question skipped now and then, "Vet ej" seldom."""
    answers: dict[str, Any] = {}
    other: dict[str, str] = {}
    for number, question in questions.by_number.items():
        options = questions.options[question.pk]
        if not options or rng.random() < 0.04:
            continue
        weights = [1.0 / (i + 1) if o.text != "Vet ej" else 0.15 for i, o in enumerate(options)]
        if question.kind == Kind.ONE:
            answers[number] = rng.choices(options, weights)[0].text
            continue
        picked = {o.text: o for o in rng.choices(options, weights, k=rng.randint(1, 3))}
        # "Vet ej" and "Nej" stand alone: dropped when something else was picked.
        named = {text: o for text, o in picked.items() if text not in ("Vet ej", "Nej")}
        if named:
            picked = named
        elif len(picked) > 1:
            picked = dict([next(iter(picked.items()))])
        answers[number] = [o.text for o in options if o.text in picked]
        chosen_other = next((o for o in picked.values() if o.is_other), None)
        if chosen_other is not None:
            other[number] = rng.choice(("Personalbrist", "Tolkbehov", "Annat i verksamheten"))
    chosen = {
        o.pk
        for q in questions.by_number.values()
        for o in questions.options[q.pk]
        if o.text in (answers.get(q.number) or [])
    }
    for number, question in questions.by_number.items():
        wanted = questions.conditions[question.pk]
        if wanted and not wanted & chosen:
            answers.pop(number, None)
            other.pop(number, None)
    return answers, other


def _load_last_year(organiser: User, rng: random.Random, year: int) -> Edition:
    """Create last year's edition, answered by 152 of the municipalities and closed, so the
    results can be compared question by question."""
    edition = surveys.create_from_template(
        acting_user=organiser,
        template="barnbarometer-2014",
        title=f"Barnbarometern {year} (demo)",
    )
    questions = Questions.of(edition)
    for i, name in enumerate(synthetic_municipalities(random.Random(rng.random()))):
        if i >= ANSWERED_LAST_YEAR:
            break
        answers, other = _draw(questions, rng)
        surveys.import_response(
            acting_user=organiser,
            edition_id=edition.pk,
            respondent=name,
            answers=answers,
            other=other,
        )
        Respondent.objects.filter(edition=edition, name=name).update(group=GROUPS[i % len(GROUPS)])
    # Last year's schedule is over: the edition is closed (as the daily job would have done).
    Edition.objects.filter(pk=edition.pk).update(year=year, status=Edition.Status.CLOSED)
    edition.refresh_from_db()
    return edition


def load_survey(organiser: User, seed: int = 1) -> tuple[Edition, str]:
    """Create the running Barnbarometer with its respondents and their answers; return it and
    the personal link's token of the demo municipality, whose answers are pre-filled from its
    own data and not yet sent."""
    rng = random.Random(seed)
    today = clock.today()
    last_year = _load_last_year(organiser, rng, today.year - 1)
    edition = surveys.copy_edition(
        acting_user=organiser,
        edition_id=last_year.pk,
        title="Barnbarometern (demo)",
        year=today.year,
    )
    surveys.set_schedule(
        acting_user=organiser,
        edition_id=edition.pk,
        sent_on=today - timedelta(days=14),
        reminders_on=[today - timedelta(days=3), today + timedelta(days=4)],
        closes_on=today + timedelta(days=10),
    )
    questions = Questions.of(edition)
    names = synthetic_municipalities(rng)
    for i, name in enumerate(names):
        if i < ANSWERED:
            answers, other = _draw(questions, rng)
            surveys.import_response(
                acting_user=organiser,
                edition_id=edition.pk,
                respondent=name,
                answers=answers,
                other=other,
            )
        else:
            surveys.invite(acting_user=organiser, edition_id=edition.pk, name=name)
        Respondent.objects.filter(edition=edition, name=name).update(
            group=GROUPS[i % len(GROUPS)], email=f"ifo@{i:03d}.kommun.invalid"
        )
    _, token = surveys.invite(
        acting_user=organiser,
        edition_id=edition.pk,
        name=organiser.municipality.name if organiser.municipality else "Demokommunen",
        code=organiser.municipality.code if organiser.municipality else "",
        email="ifo@exempelby.invalid",
    )
    return edition, token
