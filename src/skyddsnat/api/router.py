"""The HTTP API v1 (spec/api.md)."""

from ninja import NinjaAPI

api = NinjaAPI(title="Skyddsnät API", version="1", urls_namespace="api-v1")
