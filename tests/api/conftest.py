"""Fixtures for the API tests: a JSON client that carries a user's bearer token."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from skyddsnat.accounts.models import ApiToken, User

BASE = "/api/v1"


class Api:
    """A test client for ``/api/v1`` that sends JSON with a bearer token."""

    def __init__(self, token: str | None) -> None:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        self.client = Client(**headers)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(BASE + path, params)

    def post(self, path: str, body: Any = None, key: str | None = None) -> Any:
        headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
        data = "" if body is None else json.dumps(body)
        return self.client.post(BASE + path, data, content_type="application/json", **headers)


@pytest.fixture
def api_as(db) -> Callable[[User | None], Api]:
    """``api_as(user)`` returns a client with a fresh token of ``user`` (None: no token)."""

    def make(user: User | None) -> Api:
        return Api(ApiToken.issue(user) if user is not None else None)

    return make
