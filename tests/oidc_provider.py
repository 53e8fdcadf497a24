"""A small OpenID Connect provider for the tests: no network, on 127.0.0.1 at a free port.

It serves a discovery document, its JWKS, an authorization endpoint (a page with a button that
approves; ``approve`` does the same without a browser) and a token endpoint that checks the
client's secret, the code's redirect URI and the PKCE verifier, and answers with an id_token
signed by an RSA key made for this run. What the next id_token says is ``provider.claims``
(merged over the defaults); ``provider.tamper`` makes it wrong on purpose: ``"nonce"``,
``"signature"`` (signed by another key), ``"expired"``, ``"audience"``, ``"issuer"``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

CLIENT_ID = "skyddsnat-test"
CLIENT_SECRET = "test-client-secret"


class Provider:
    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
        self.claims: dict[str, Any] = {}
        self.tamper: str | None = None
        self.codes: dict[str, dict[str, str]] = {}
        self.token_requests: list[dict[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Provider:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def discovery_url(self) -> str:
        return self.issuer + "/.well-known/openid-configuration"

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token",
            "jwks_uri": self.issuer + "/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def approve(self, authorize_url: str) -> str:
        """Approve an authorization request: return the redirect back to the client."""
        params = {k: v[0] for k, v in parse_qs(urlparse(authorize_url).query).items()}
        assert params["client_id"] == CLIENT_ID
        assert params["response_type"] == "code"
        assert params["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.codes[code] = params
        back = {"code": code, "state": params["state"]}
        return params["redirect_uri"] + "?" + urlencode(back)

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        client = _basic_client(authorization) or (form.get("client_id"), form.get("client_secret"))
        if client != (CLIENT_ID, CLIENT_SECRET):
            return 401, {"error": "invalid_client"}
        request = self.codes.pop(form.get("code", ""), None)
        if request is None or form.get("redirect_uri") != request["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        if challenge.rstrip(b"=").decode() != request["code_challenge"]:
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        return 200, {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(request["nonce"]),
        }

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": "unknown-subject",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
        }
        claims.update(self.claims)
        key = self.key
        if self.tamper == "nonce":
            claims["nonce"] = "another-nonce"
        elif self.tamper == "expired":
            claims["iat"], claims["exp"] = now - 3600, now - 600
        elif self.tamper == "audience":
            claims["aud"] = "another-client"
        elif self.tamper == "issuer":
            claims["iss"] = "http://127.0.0.1:1"
        elif self.tamper == "signature":
            key = self.other_key
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, key)

    def jwks(self) -> dict[str, Any]:
        return KeySet([self.key]).as_dict(private=False)


def _basic_client(authorization: str) -> tuple[str, str] | None:
    if not authorization.startswith("Basic "):
        return None
    user, _, password = base64.b64decode(authorization[6:]).decode().partition(":")
    from urllib.parse import unquote

    return unquote(user), unquote(password)


APPROVE_PAGE = """<!doctype html><html lang="sv"><head><meta charset="utf-8">
<title>Testinloggning</title></head><body><main><h1>Kommunens testinloggning</h1>
<form method="post" action="/authorize"><input type="hidden" name="request" value="{request}">
<button type="submit">Godkänn</button></form></main></body></html>"""


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path = urlparse(self.path).path
            if path == "/.well-known/openid-configuration":
                self._json(200, provider.discovery())
            elif path == "/jwks":
                self._json(200, provider.jwks())
            elif path == "/authorize":
                page = APPROVE_PAGE.format(request=html.escape(provider.issuer + self.path))
                data = page.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            path = urlparse(self.path).path
            if path == "/token":
                status, body = provider.token(form, self.headers.get("Authorization", ""))
                self._json(status, body)
            elif path == "/authorize":
                self.send_response(302)
                self.send_header("Location", provider.approve(form["request"]))
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._json(404, {"error": "not_found"})

    return Handler
