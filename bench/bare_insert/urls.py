"""``POST /rows``: read the JSON body, insert one row, answer its id (201)."""

from __future__ import annotations

import json

from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from bare_insert.models import Row


@csrf_exempt
def insert(request: HttpRequest) -> JsonResponse:
    body = json.loads(request.body)
    row = Row.objects.create(text=str(body.get("account", "")))
    return JsonResponse({"id": row.pk}, status=201)


urlpatterns = [path("rows", insert)]
