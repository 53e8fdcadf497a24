"""The casework forms' fields, ``ActionForm`` (an action of a page, declared once) and the views
of a casework page, driven by its actions (``page_urls``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from skyddsnat.web.access import case_for
from skyddsnat.web.case_context import case_header
from skyddsnat.web.forms.base import DateInput, ServiceAction, limit_free_texts, today
from skyddsnat.web.posting import Reply, post

if TYPE_CHECKING:
    from skyddsnat.accounts.models import User
    from skyddsnat.cases.models import Case


def date_field(
    label: str, *, required: bool = True, help_text: str = "", starts_today: bool = False
) -> forms.DateField:
    """Return a date field with a date picker (``starts_today``: showing today until changed)."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        initial=today if starts_today else None,
    )


def radio_field(label: str, choices, *, required: bool = False, **kwargs) -> forms.ChoiceField:
    """Return a radio group (rendered as a fieldset with a legend).

    Not required by default: the service says, in its own words, what is missing.
    """
    return forms.ChoiceField(
        label=label, choices=choices, required=required, widget=forms.RadioSelect, **kwargs
    )


def checkboxes_field(label: str, choices, *, required: bool = False) -> forms.MultipleChoiceField:
    """Return a group of checkboxes (rendered as a fieldset with a legend)."""
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=required, widget=forms.CheckboxSelectMultiple
    )


class CaseworkForm(forms.Form):
    """A form whose fields render through ``web/investigation/_field.html``."""

    template_name = "web/investigation/_form_fields.html"

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        limit_free_texts(self)


@dataclass(frozen=True)
class Section:
    """A part of a casework page: its element id, its template, its name in the page's contents."""

    id: str  # "{key}": the id of the thing the action is about
    template: str
    toc: str = ""
    toc_closed: str = ""  # its name once the investigation is closed, when another
    #: htmx gets the section back after one of its actions (its template, swapped in place);
    #: else the page reloads.
    swapped: bool = False


class ActionForm(ServiceAction, CaseworkForm):
    """A casework form that is one action of a page, declared once, here.

    A subclass with an ``action`` is registered in its page's ``registry``; the page's URL
    patterns, its view, its sections and the drafts are driven from there. Its ``service`` is
    called as ``ServiceAction`` says, on the page's case and, when the URL names something
    (``key``), with that as ``about``.
    """

    registry: ClassVar[dict[str, type[ActionForm]]]
    #: The URL name of its page (``page_urls``): its own URL is named ``<page>_<action>``.
    page: ClassVar[str]
    #: Its name: the key in the registry, the end of the URL's name and the form's prefix. (Not
    #: ``kind``: a form may have a field of that name.)
    action: ClassVar[str] = ""
    #: The URL under the page's; ``<int:key>`` or ``<str:key>`` names what the action is about.
    route: ClassVar[str] = ""
    message: ClassVar[object] = ""  # said when it is saved
    section: ClassVar[Section]
    fragment: ClassVar[str] = ""  # another template htmx gets back
    #: the element id it changes, when not its section's ("{prefix}": the form's prefix)
    changes: ClassVar[str] = ""
    draft: ClassVar[str] = ""  # the key of the drafts of its texts ("{key}" filled in)
    #: The service's keyword for what the URL's key names (``area``, ``request_id``; for a
    #: record of the case, ``intervention_id``, the service finds the case from the record).
    about: ClassVar[str] = ""
    #: The model of the record of the case that the URL's key names, if it names one.
    subject_model: ClassVar[type[Model] | None] = None

    def __init__(self, data=None, *, case_id: int, key: str = "", **kwargs) -> None:
        """Make the form of the action about ``key`` on the case ``case_id``: its fields are
        prefixed (``prefix``) and it posts to ``url``."""
        kwargs.setdefault("prefix", prefix(self.action, key))
        super().__init__(data, **kwargs)
        args = [case_id, key] if self.keyed() else [case_id]
        self.url = reverse(f"web:{self.page}_{self.action}", args=args)

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if cls.action:
            cls.registry[cls.action] = cls

    @classmethod
    def keyed(cls) -> bool:
        return "<" in cls.route

    @classmethod
    def fragment_template(cls) -> str:
        return cls.fragment or (cls.section.template if cls.section.swapped else "")

    @classmethod
    def changed_id(cls, key: str, prefix: str) -> str:
        return (cls.changes or cls.section.id).format(key=key, prefix=prefix)

    @classmethod
    def subject(cls, case: Case, key: str) -> object:
        """Return what the action is about, passed to the service as ``about``: ``key``, or the
        record of ``case`` it names (``Http404`` when there is none: the service acts on a
        record of the page's case only).
        """
        if cls.subject_model is None:
            return key
        found = cls.subject_model._default_manager.filter(case_id=case.pk, pk=key).first()
        if found is None:
            raise Http404
        return found

    @classmethod
    def draft_key(cls, key: str = "") -> str:
        return cls.draft.format(key=key)

    def call(self, user: User, case: Case, key: str) -> Callable[[dict[str, Any]], object]:
        """Return the call of the service on ``case`` (and on what ``key`` names) for ``web.posting``."""
        subject = self.subject(case, key)
        if isinstance(subject, Model):
            ids: dict[str, Any] = {self.about: subject.pk}
        else:
            ids = {"case_id": case.pk, **({self.about: subject} if self.about else {})}
        return self.calling(user, ids, case=case, draft=self.draft_key(key))


def prefix(action: str, key: str = "") -> str:
    """Return the HTML-safe form prefix (and element id) of the form ``action`` for ``key``."""
    return f"{action}-{key.replace('.', '-')}" if key else action


def page_urls(
    route: str,
    name: str,
    actions: Mapping[str, type[ActionForm]],
    *,
    context: Callable[[HttpRequest, Case, dict[str, forms.Form], str], dict[str, Any]],
    posted: Callable[[Case, str, str, QueryDict], ActionForm],
) -> list[URLPattern]:
    """Return the URL patterns of the casework page ``name`` of a case and of its ``actions``.

    The page is ``route``, named ``name``: the case's header and ``context(request, case,
    bound, section)`` (``bound``: the form that failed, by prefix; ``section``: the part of the
    page shown alone, if any) in ``web/<name>/page.html``. Each action posts to ``route`` + its
    own route, named ``name_action``, and saves the form ``posted(case, action, key, data)``
    (``Http404`` when it is about nothing of the case) through its service: htmx gets the part
    of the page the action changed (its fragment template), or the page anew for an action
    without one; a plain browser is sent back to the page at that part, or gets the page with
    the errors.
    """

    def show(
        request: HttpRequest,
        case: Case,
        reply: Reply | None = None,
        *,
        template: str = "page.html",
        section: str = "",
    ) -> HttpResponse:
        reply = reply or Reply()
        shown = {
            **case_header(case, name),
            **context(request, case, reply.bound, section),
            "conflict": reply.conflict,
            "conflict_section": section,
            "saved": reply.saved,
            "saved_section": section,
        }
        return render(request, f"web/{name}/{template}", shown, status=reply.status)

    @login_required
    def page(request: HttpRequest, case_id: int) -> HttpResponse:
        return show(request, case_for(request, case_id))

    @login_required
    @require_POST
    def act(request: HttpRequest, case_id: int, kind: str, key: str | int = "") -> HttpResponse:
        key = str(key)
        action = actions[kind]
        case = case_for(request, case_id, acting=[action.service])
        form = posted(case, kind, key, request.POST)
        section = action.changed_id(key, form.prefix or "")
        template = action.fragment_template()
        again = partial(show, request, case)
        return post(
            request,
            form,
            form.call(request.user, case, key),
            message=str(action.message),
            redirect_url=reverse(f"web:{name}", args=[case.pk]) + f"#{section}",
            page=again,
            fragment=partial(again, template=template, section=section) if template else None,
        )

    return [
        path(route, page, name=name),
        *(
            path(f"{route}{action.route}", act, {"kind": kind}, name=f"{name}_{kind}")
            for kind, action in actions.items()
        ),
    ]
