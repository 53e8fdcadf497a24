"""The survey module's use cases: editions from templates, answers, results (issue 15).

Every function takes ids and the acting user, asks ``accounts.policy`` (an edition the organiser
does not organise is *not found*), writes in one transaction and an audit row. Answers come in
through two doors: the organiser's import (``import_response``, the API) and the respondent's
personal link (``save_by_link``), which needs no account.
"""

from __future__ import annotations

import secrets
from base64 import urlsafe_b64encode
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import Municipality, User
from skyddsnat.audit import services as audit
from skyddsnat.errors import Collector, Forbidden, InvalidInput, NotFound, StateConflict
from skyddsnat.surveys.answers import (
    NOT_SAVED,
    CheckedAnswer,
    Questions,
    check_answers,
    missing_other_texts,
)
from skyddsnat.surveys.models import (
    Answer,
    Edition,
    Option,
    Question,
    Questionnaire,
    Respondent,
    Response,
)
from skyddsnat.surveys.templates_data import TEMPLATES

NO_SURVEY = "Enkäten finns inte."
NO_LINK = "Länken gäller inte. Kontrollera att du har kopierat hela länken från e-postmeddelandet."


def require_edition(user: User, edition_id: int) -> Edition:
    """Return the edition if ``user`` organises it; ``Forbidden`` for others, else not found."""
    if not policy.can_run_surveys(user):
        raise Forbidden("Bara enkätansvariga får hantera enkäter.")
    edition = policy.organised_editions(user).filter(pk=edition_id).first()
    if edition is None:
        raise NotFound(NO_SURVEY)
    return edition


@transaction.atomic
def create_from_template(*, acting_user: User, template: str, title: str = "") -> Edition:
    """Create an open edition of the shipped template ``template`` (``barnbarometer-2014``)."""
    if not policy.can_run_surveys(acting_user):
        raise Forbidden("Bara enkätansvariga får skapa enkäter.")
    shipped = TEMPLATES.get(template)
    if shipped is None:
        known = ", ".join(sorted(TEMPLATES))
        raise InvalidInput.field("template", f"Mallen finns inte. Välj någon av: {known}.")
    title = title.strip() or shipped.title
    if len(title) > Edition._meta.get_field("title").max_length:  # type: ignore[operator]
        raise InvalidInput.field("title", "Titeln får vara högst 200 tecken.")
    questionnaire, _ = Questionnaire.objects.get_or_create(
        key=shipped.questionnaire_key, defaults={"name": shipped.questionnaire_name}
    )
    edition = Edition.objects.create(
        questionnaire=questionnaire,
        title=title,
        year=clock.today().year,
        status=Edition.Status.OPEN,
        organiser_municipality_id=acting_user.municipality_id,
        created_by=acting_user,
        created_at=clock.now(),
    )
    options_by_key: dict[tuple[str, str], Option] = {}
    for position, q in enumerate(shipped.questions, start=1):
        question = Question.objects.create(
            edition=edition,
            key=q.key,
            number=q.number,
            position=position,
            text=q.text,
            kind=q.kind,
            condition_text=q.condition_text,
        )
        for option_position, o in enumerate(q.options, start=1):
            options_by_key[(q.key, o.key)] = Option.objects.create(
                question=question,
                key=o.key,
                position=option_position,
                text=o.text,
                is_other=o.is_other,
            )
        if q.condition is not None:
            question_key, option_keys = q.condition
            question.condition_options.set([options_by_key[(question_key, k)] for k in option_keys])
    audit.record(actor=acting_user, action="create", obj=edition, detail=f"mall {template}")
    return edition


def read_edition(*, acting_user: User, edition_id: int) -> tuple[Edition, Questions]:
    """Return the edition with its questions (the read audited)."""
    edition = require_edition(acting_user, edition_id)
    audit.record(actor=acting_user, action="read", obj=edition)
    return edition, Questions.of(edition)


def _find_respondent(edition: Edition, respondent: str) -> Respondent:
    """Return the edition's respondent named ``respondent`` (name or municipality code); add
    one if there is none (imported answers, e.g. from paper or another installation)."""
    wanted = respondent.strip()
    if not wanted:
        raise InvalidInput.field("respondent", "Ange den svarande kommunens namn eller kod.")
    if len(wanted) > 200:
        raise InvalidInput.field("respondent", "Namnet får vara högst 200 tecken.")
    found = (
        edition.respondents.filter(code=wanted).first()
        or edition.respondents.filter(name__iexact=wanted).first()
    )
    if found is not None:
        return found
    municipality = (
        Municipality.objects.filter(code=wanted).first()
        or Municipality.objects.filter(name__iexact=wanted).first()
    )
    if municipality is not None:
        found = edition.respondents.filter(municipality=municipality).first()
        if found is not None:
            return found
        return Respondent.objects.create(
            edition=edition,
            name=municipality.name,
            code=municipality.code,
            municipality=municipality,
            group=municipality.municipality_group,
        )
    return Respondent.objects.create(edition=edition, name=wanted)


def _store(response: Response, checked: list[CheckedAnswer]) -> None:
    """Replace the response's answers with ``checked`` (two inserts, whatever their number)."""
    response.answers.all().delete()
    answers = Answer.objects.bulk_create(
        Answer(response=response, question=item.question, text=item.text, number=item.number)
        for item in checked
    )
    Through = Answer.options.through
    Through.objects.bulk_create(
        Through(answer_id=answer.pk, option_id=option.pk)
        for answer, item in zip(answers, checked, strict=True)
        for option in item.options
    )


def _receipt(response: Response) -> str:
    return f"{response.edition_id}-{response.pk:05d}"


@transaction.atomic
def import_response(
    *,
    acting_user: User,
    edition_id: int,
    respondent: str,
    answers: dict[str, Any],
    other: dict[str, str] | None = None,
) -> Response:
    """Store a respondent's submitted answers sent by the organiser (paper, another system).

    One response per respondent: a second is refused (409). Bad answers raise ``InvalidInput``
    (422) and nothing is stored, the respondent included.
    """
    edition = require_edition(acting_user, edition_id)
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.status != Edition.Status.OPEN:
        raise StateConflict("Enkäten är stängd och tar inte emot fler svar.")
    questions = Questions.of(edition)
    checked = check_answers(questions, answers, other)
    missing = missing_other_texts(questions, checked)
    if missing:
        raise InvalidInput(NOT_SAVED, {key: [message] for key, message in missing.items()})
    who = _find_respondent(edition, respondent)
    if Response.objects.filter(respondent=who).exists():
        raise StateConflict(f"{who.name} har redan svarat på enkäten.")
    now = clock.now()
    response = Response.objects.create(
        respondent=who,
        edition=edition,
        source=Response.Source.API,
        started_at=now,
        saved_at=now,
        submitted_at=now,
    )
    response.receipt = _receipt(response)
    response.save(update_fields=["receipt"])
    _store(response, checked)
    audit.record(actor=acting_user, action="create", obj=response)
    return response


# --- the respondent's personal link ---------------------------------------------------------


@transaction.atomic
def invite(
    *, acting_user: User, edition_id: int, name: str, email: str = "", code: str = ""
) -> tuple[Respondent, str]:
    """Add (or find) a respondent and give them a new personal link; return it and its token.

    Only the token's digest and the salt it is derived from are stored (``link_token``): the
    e-mails carry it. A new invitation gives a new link; the saved answers stay.
    """
    edition = require_edition(acting_user, edition_id)
    code = code.strip()
    if code and not (code.isdigit() and len(code) == 4):
        raise InvalidInput.field("code", "Kommunkoden är fyra siffror, t.ex. 0180.")
    respondent = _find_respondent(edition, code or name)
    if code and not respondent.code:
        # A municipality outside the installation: keep the name given beside its code.
        respondent.code = code
        respondent.name = name.strip() or respondent.name
        respondent.save(update_fields=["code", "name"])
    respondent.link_salt = secrets.token_hex(16)
    token = link_token(respondent)
    respondent.token_digest = Respondent.digest_of(token)
    respondent.email = email or respondent.email
    respondent.invited_at = clock.now()
    respondent.save(update_fields=["link_salt", "token_digest", "email", "invited_at"])
    audit.record(actor=acting_user, action="update", obj=respondent, detail="inbjudan")
    return respondent, token


def link_token(respondent: Respondent) -> str:
    """Return the token of ``respondent``'s personal link, derived from its salt and the secret
    key (the database holds the salt and the token's digest, never the token)."""
    mac = salted_hmac(
        "skyddsnat.surveys.link", f"{respondent.pk}:{respondent.link_salt}", algorithm="sha256"
    )
    return urlsafe_b64encode(mac.digest()[:24]).decode().rstrip("=")


def respondent_for_link(token: str) -> Respondent:
    """Return the respondent whose personal link carries ``token``; ``NotFound`` otherwise."""
    if not token or len(token) > 100:
        raise NotFound(NO_LINK)
    respondent = (
        Respondent.objects.select_related("edition")
        .filter(token_digest=Respondent.digest_of(token))
        .first()
    )
    if respondent is None:
        raise NotFound(NO_LINK)
    return respondent


def read_by_link(token: str) -> tuple[Respondent, Questions, Response | None]:
    """Return the link's respondent, the edition's questions and the saved response, if any."""
    return _read(respondent_for_link(token), None)


def _read(
    respondent: Respondent, actor: User | None
) -> tuple[Respondent, Questions, Response | None]:
    response = Response.objects.filter(respondent=respondent).first()
    audit.record(
        actor=actor,
        action="read",
        obj=response or respondent,
        channel="web",
        detail="länk" if actor is None else "mina enkäter",
    )
    return respondent, Questions.of(respondent.edition), response


@transaction.atomic
def save_by_link(
    token: str,
    answers: dict[str, Any],
    other: dict[str, str] | None = None,
    *,
    submit: bool = False,
) -> tuple[Response, dict[str, list[str]]]:
    """Save the answers given through a personal link; with ``submit``, send them (once).

    A draft keeps whatever is valid so far and returns what is not (field → messages), so
    that nothing typed correctly is lost; answers to questions whose condition is no longer
    met are left out. Submitting stores nothing unless everything is valid (``InvalidInput``)
    and checks every "other, namely" text too. Nothing changes after submitting (409).
    """
    return _save(respondent_for_link(token), None, answers, other, submit=submit)


def _save(
    respondent: Respondent,
    actor: User | None,
    answers: dict[str, Any],
    other: dict[str, str] | None = None,
    *,
    submit: bool = False,
) -> tuple[Response, dict[str, list[str]]]:
    Respondent.objects.select_for_update().filter(pk=respondent.pk).first()
    edition = respondent.edition
    response = Response.objects.filter(respondent=respondent).first()
    if response is not None and response.submitted_at is not None:
        raise StateConflict(
            f"Svaren skickades {timezone.localtime(response.submitted_at):%Y-%m-%d} och är låsta."
        )
    if edition.status != Edition.Status.OPEN:
        raise StateConflict("Enkäten är stängd och tar inte emot fler svar.")
    questions = Questions.of(edition)
    other = dict(other or {})
    problems: dict[str, list[str]] = {}
    if submit:
        checked = check_answers(questions, answers, other, drop_unasked=True)
        missing = missing_other_texts(questions, checked)
        if missing:
            raise InvalidInput(NOT_SAVED, {key: [message] for key, message in missing.items()})
    else:
        try:
            checked = check_answers(questions, answers, other, drop_unasked=True)
        except InvalidInput as invalid:
            problems = invalid.errors
            wrong = {key.split(".", 1)[1] for key in problems}
            wrong_answers = {key.split(".", 1)[1] for key in problems if key[0] == "a"}
            kept = {n: v for n, v in answers.items() if n not in wrong_answers}
            kept_other = {n: t for n, t in other.items() if n not in wrong}
            checked = check_answers(questions, kept, kept_other, drop_unasked=True)
    now = clock.now()
    if response is None:
        response = Response.objects.create(
            respondent=respondent,
            edition=edition,
            source=Response.Source.LINK if actor is None else Response.Source.USER,
            started_at=now,
            saved_at=now,
        )
    response.saved_at = now
    if submit:
        response.submitted_at = now
        response.receipt = _receipt(response)
    response.save(update_fields=["saved_at", "submitted_at", "receipt"])
    _store(response, checked)
    audit.record(
        actor=actor,
        action="update",
        obj=response,
        channel="web",
        detail="inskickat" if submit else "sparat",
    )
    return response, problems


# --- users of this installation invited to answer (Mina enkäter) ----------------------------


@transaction.atomic
def invite_user(*, acting_user: User, edition_id: int, username: str) -> Respondent:
    """Invite a user of this installation to answer the edition; they answer from "Mina
    enkäter" once the edition is sent out (``Edition.sent_on``), without a link.

    The respondent is the user's municipality (one per municipality: an existing respondent of
    that municipality gets the user), or, for a user outside the municipalities, the user.
    """
    edition = require_edition(acting_user, edition_id)
    wanted = username.strip()
    invited = User.objects.filter(username=wanted, is_active=True).first() if wanted else None
    if invited is None:
        raise InvalidInput.field("user", "Det finns ingen aktiv användare med det användarnamnet.")
    if edition.status != Edition.Status.OPEN:
        raise StateConflict("Enkäten är stängd och tar inte emot fler svar.")
    if edition.respondents.filter(user=invited).exists():
        raise StateConflict(f"{invited.get_full_name() or invited.username} är redan inbjuden.")
    municipality = invited.municipality
    if municipality is not None:
        respondent = _find_respondent(edition, municipality.code or municipality.name)
        if respondent.user_id is not None:
            raise StateConflict(
                f"{respondent.name} har redan en inbjuden användare. En kommun svarar en gång."
            )
    else:
        name = invited.get_full_name() or invited.username
        respondent = _find_respondent(edition, name)
    respondent.user = invited
    respondent.invited_at = clock.now()
    respondent.save(update_fields=["user", "invited_at"])
    audit.record(
        actor=acting_user,
        action="update",
        obj=respondent,
        detail=f"inbjudan användare {invited.pk}",
    )
    return respondent


def _my_respondents(user: User) -> QuerySet[Respondent]:
    """The invitations of ``user`` that are out: an open edition sent on or before today, or
    one they have answered."""
    if not user.is_authenticated or not user.is_active:
        return Respondent.objects.none()
    return (
        Respondent.objects.filter(user=user, edition__sent_on__lte=clock.today())
        .select_related("edition", "response")
        .order_by("-edition__year", "edition__title")
    )


def has_open_invitation(user: User) -> bool:
    """Whether ``user`` has an invitation out that is still to be answered: the edition open
    and sent, the answers not submitted (one EXISTS; the menu's "Mina enkäter")."""
    return (
        _my_respondents(user)
        .filter(edition__status=Edition.Status.OPEN)
        .filter(Q(response__isnull=True) | Q(response__submitted_at__isnull=True))
        .exists()
    )


def is_open_invitation(respondent: Respondent) -> bool:
    """As ``has_open_invitation``, for one invitation already loaded (with its response)."""
    response = getattr(respondent, "response", None)
    open_edition = respondent.edition.status == Edition.Status.OPEN
    return open_edition and (response is None or response.submitted_at is None)


def my_surveys(*, acting_user: User) -> list[Respondent]:
    """Return the surveys ``acting_user`` is invited to answer (Mina enkäter), latest first."""
    return list(_my_respondents(acting_user))


def respondent_for_user(user: User, respondent_id: int) -> Respondent:
    """Return the user's own invitation ``respondent_id``; anyone else's is not found."""
    respondent = _my_respondents(user).filter(pk=respondent_id).first()
    if respondent is None:
        raise NotFound(NO_SURVEY)
    return respondent


def read_by_user(
    *, acting_user: User, respondent_id: int
) -> tuple[Respondent, Questions, Response | None]:
    """As ``read_by_link``, for an invited user from Mina enkäter."""
    return _read(respondent_for_user(acting_user, respondent_id), acting_user)


@transaction.atomic
def save_by_user(
    *,
    acting_user: User,
    respondent_id: int,
    answers: dict[str, Any],
    other: dict[str, str] | None = None,
    submit: bool = False,
) -> tuple[Response, dict[str, list[str]]]:
    """As ``save_by_link``, for an invited user from Mina enkäter."""
    respondent = respondent_for_user(acting_user, respondent_id)
    return _save(respondent, acting_user, answers, other, submit=submit)


def organised_editions(*, acting_user: User) -> list[Edition]:
    """Return the editions ``acting_user`` organises, the latest first."""
    if not policy.can_run_surveys(acting_user):
        raise Forbidden("Bara enkätansvariga får hantera enkäter.")
    return list(policy.organised_editions(acting_user).select_related("questionnaire"))


@transaction.atomic
def set_schedule(
    *,
    acting_user: User,
    edition_id: int,
    sent_on: date,
    reminders_on: list[date],
    closes_on: date,
) -> Edition:
    """Set when the invitations go out, the reminders and the last day to answer.

    2014: sent 20 May, reminders 5 and 11 June, closed 15 June. The daily job
    (``surveys/jobs.py``) does the sending and closing.
    """
    edition = require_edition(acting_user, edition_id)
    errors = Collector()
    errors.check(closes_on >= sent_on, "closes_on", "Sista svarsdag kan inte vara före utskicket.")
    for day in reminders_on:
        errors.check(
            sent_on < day <= closes_on,
            "reminders_on",
            f"Påminnelsen {day} ska ligga efter utskicket och senast sista svarsdagen.",
        )
    errors.raise_if_any()
    edition.sent_on = sent_on
    edition.reminders_on = sorted({d.isoformat() for d in reminders_on})
    edition.closes_on = closes_on
    edition.save(update_fields=["sent_on", "reminders_on", "closes_on"])
    audit.record(actor=acting_user, action="update", obj=edition, detail="schema")
    return edition


@transaction.atomic
def copy_edition(*, acting_user: User, edition_id: int, title: str, year: int) -> Edition:
    """Copy an edition as a new open one with the same questions, keys and conditions.

    The organiser then adds, changes or drops questions in the copy; its questions keep their
    identities (``key``), so the results compare question by question.
    """
    source = require_edition(acting_user, edition_id)
    copy = Edition.objects.create(
        questionnaire=source.questionnaire,
        title=title.strip() or source.title,
        year=year,
        status=Edition.Status.OPEN,
        organiser_municipality_id=source.organiser_municipality_id,
        created_by=acting_user,
        created_at=clock.now(),
        copied_from=source,
    )
    questions = Questions.of(source)
    options: dict[int, Option] = {}
    copies: dict[int, Question] = {}
    for question in questions.by_number.values():
        copies[question.pk] = Question.objects.create(
            edition=copy,
            key=question.key,
            number=question.number,
            position=question.position,
            text=question.text,
            kind=question.kind,
            condition_text=question.condition_text,
        )
        for option in questions.options[question.pk]:
            options[option.pk] = Option.objects.create(
                question=copies[question.pk],
                key=option.key,
                position=option.position,
                text=option.text,
                is_other=option.is_other,
            )
    for question_id, wanted in questions.conditions.items():
        if wanted:
            copies[question_id].condition_options.set([options[pk] for pk in wanted])
    audit.record(actor=acting_user, action="create", obj=copy, detail=f"kopia av {source.pk}")
    return copy
