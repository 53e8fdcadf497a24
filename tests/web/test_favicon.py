"""Every page names Skyddsnät's icon, and ``/favicon.ico`` leads to it without a login."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.test import Client


def test_the_login_page_names_the_icon_and_favicon_ico_leads_to_it():
    client = Client()
    html = client.get("/login/").content.decode()
    assert 'rel="icon" href="/static/web/favicon.svg"' in html
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301 and answer["Location"] == "/static/web/favicon.svg"
    with open(finders.find("web/favicon.svg"), encoding="utf-8") as icon:
        assert icon.read().startswith("<svg")
