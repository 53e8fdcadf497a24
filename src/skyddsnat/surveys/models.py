"""Surveys (*enkäter*) as data: a questionnaire, its editions, questions, options and answers.

A *questionnaire* (the Barnbarometer) is run as *editions* (2014, 2015 …). An edition holds its
own copy of the questions, so that a later edition may reword, add or drop questions; a
question's ``key`` (and an option's ``key``) is its identity across editions, which is what
results are compared by. A question may be asked only of those who chose one of its
``condition_options`` in an earlier question (question 16 of the Barnbarometer: only to those
who answered yes in 14). Each *respondent* (one per municipality) has one *response*; its
answers are saved as the respondent goes and locked when it is submitted.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The kinds of question."""

    ONE = "one", _("Ett svarsalternativ")
    MANY = "many", _("Flera svarsalternativ")
    TEXT = "text", _("Fritext")
    NUMBER = "number", _("Tal")


class Questionnaire(models.Model):
    """A survey run year after year (*Barnbarometern*); its editions share question keys."""

    key = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")

    def __str__(self) -> str:
        return self.name


class Edition(models.Model):
    """One running of a questionnaire (*omgång*), e.g. the Barnbarometer 2014.

    It belongs to its organiser's municipality (``None``: an organiser outside the
    municipalities, such as a national organisation) and is seen by that organiser only.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Öppen")
        CLOSED = "closed", _("Stängd")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="editions"
    )
    title = models.CharField(_("titel"), max_length=200)
    year = models.PositiveIntegerField(_("år"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    organiser_municipality = models.ForeignKey(
        "accounts.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"))
    #: The schedule: invitations go out on ``sent_on``, reminders on each of ``reminders_on``
    #: (ISO dates) to those who have not submitted, and the edition closes after ``closes_on``
    #: (``surveys/jobs.py``, run daily).
    sent_on = models.DateField(_("skickas"), null=True, blank=True)
    reminders_on = models.JSONField(_("påminnelser"), default=list, blank=True)
    closes_on = models.DateField(_("sista svarsdag"), null=True, blank=True)
    #: The edition it was copied from, if any (comparison goes back along this line).
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("enkätomgång")
        verbose_name_plural = _("enkätomgångar")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A numbered question of an edition; ``key`` is its identity across editions."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(_("identitet"), max_length=60)
    number = models.CharField(_("nummer"), max_length=10)
    position = models.PositiveIntegerField(_("ordning"))
    text = models.TextField(_("fråga"))
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    #: Asked only of those who chose one of these options (of an earlier question); empty: all.
    condition_options: models.ManyToManyField[Option, Any] = models.ManyToManyField(
        "Option", blank=True, related_name="enables", verbose_name=_("villkor")
    )
    #: How the condition reads to a respondent ("Besvaras om du svarat Ja i fråga 14.").
    condition_text = models.CharField(_("villkor i ord"), max_length=200, blank=True)

    class Meta:
        ordering = ["edition", "position"]
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="question_key_per_edition"),
            models.UniqueConstraint(
                fields=["edition", "number"], name="question_number_per_edition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Option(models.Model):
    """An answer option, in the questionnaire's order; ``is_other`` asks for a text too."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    key = models.CharField(_("identitet"), max_length=60)
    position = models.PositiveIntegerField(_("ordning"))
    text = models.CharField(_("text"), max_length=300)
    #: "Annan anledning, nämligen:": choosing it asks what.
    is_other = models.BooleanField(_("annat, nämligen"), default=False)

    class Meta:
        ordering = ["question", "position"]
        verbose_name = _("svarsalternativ")
        verbose_name_plural = _("svarsalternativ")
        constraints = [
            models.UniqueConstraint(fields=["question", "key"], name="option_key_per_question"),
            models.UniqueConstraint(fields=["question", "text"], name="option_text_per_question"),
        ]

    def __str__(self) -> str:
        return self.text


class Respondent(models.Model):
    """Who is asked to answer an edition (one per municipality); its link's token is hashed."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="respondents")
    name = models.CharField(_("namn"), max_length=200)
    code = models.CharField(_("kommunkod"), max_length=10, blank=True)
    municipality = models.ForeignKey(
        "accounts.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    group = models.CharField(_("grupp"), max_length=100, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    #: SHA-256 of the personal link's token (the token itself is only in the e-mail).
    token_digest = models.CharField(max_length=64, blank=True)
    #: The random part the link's token is derived from with the secret key (``links.py``), so
    #: that a reminder can carry the same link without the token being stored.
    link_salt = models.CharField(max_length=32, blank=True)
    invited_at = models.DateTimeField(_("inbjuden"), null=True, blank=True)
    #: A user of this installation invited to answer: they answer from "Mina enkäter"
    #: (``/mina-enkater/``), logged in, without a link.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_invitations",
        verbose_name=_("användare"),
    )

    class Meta:
        ordering = ["edition", "name"]
        verbose_name = _("svarande")
        verbose_name_plural = _("svarande")
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="respondent_name_per_edition"),
            models.UniqueConstraint(
                fields=["token_digest"],
                # A digest of the link, no password:
                condition=~models.Q(token_digest=""),  # nosec B106
                name="respondent_token_unique",
            ),
            models.UniqueConstraint(
                fields=["edition", "user"],
                condition=models.Q(user__isnull=False),
                name="respondent_user_per_edition",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class Response(models.Model):
    """A respondent's answers: saved as they go, locked once ``submitted_at`` is set."""

    class Source(models.TextChoices):
        LINK = "link", _("Personlig länk")
        API = "api", _("Importerad via API")
        USER = "user", _("Inbjuden användare")

    respondent = models.OneToOneField(Respondent, on_delete=models.CASCADE, related_name="response")
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="responses")
    source = models.CharField(_("källa"), max_length=10, choices=Source.choices)
    started_at = models.DateTimeField(_("påbörjad"))
    saved_at = models.DateTimeField(_("senast sparad"))
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    #: The receipt's number shown after submitting (``<edition>-<response>``).
    receipt = models.CharField(_("kvitto"), max_length=40, blank=True)

    class Meta:
        ordering = ["edition", "pk"]
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")


class Answer(models.Model):
    """The answer to one question: chosen options, and/or a text or a number."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    options = models.ManyToManyField(Option, blank=True, related_name="answers")
    #: The free text of a text question, or what an "other, namely" option names.
    text = models.TextField(_("text"), blank=True)
    number = models.DecimalField(_("tal"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("svar på fråga")
        verbose_name_plural = _("svar på frågor")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_a_question"),
        ]


class SurveyNotice(models.Model):
    """An e-mail sent to a respondent: an invitation once, a reminder at most once a day."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Inbjudan")
        REMINDER = "reminder", _("Påminnelse")

    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    day = models.DateField(_("dag"))
    sent_at = models.DateTimeField(_("skickad"))

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "kind", "day"], name="one_survey_notice_a_day"
            ),
        ]
