"""Requests to an InvenioRDM REST API: the token in a header, retries, one-line errors.

- The token goes only into the ``Authorization: Bearer`` header. It is never printed: a
  message that would contain it (a server echoing the header, say) has it masked.
- 429 and 5xx answers, and connections that break, are retried with exponential backoff
  (1, 2, 4, 8 s), or after the server's ``Retry-After``; a file body is read again from
  the start for each attempt.
- Any other failure becomes one `DepositError` line quoting the server's own message.
- `DryRun` takes the same calls, prints each request exactly as it would be sent, and
  answers with placeholders, so ``--dry-run`` walks the same steps without a network.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edition.problems import EditionError

ATTEMPTS = 5
MAX_DELAY = 60.0
TIMEOUT = 300


class DepositError(EditionError):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message, rule="deposit")
        self.status = status
        """The HTTP status the server answered, when it answered."""


@dataclass(frozen=True)
class Upload:
    """A local file sent as a request body."""

    path: Path
    size: int
    md5: str
    label: str = ""
    """Where the file comes from, as shown by ``--dry-run`` (a member of the bag zip)."""


Body = dict[str, Any] | list[Any] | Upload | None


def _server_message(raw: bytes) -> str:
    """The message an InvenioRDM error answer carries (``message``, field ``errors``)."""
    try:
        data = json.loads(raw)
    except ValueError:
        return " ".join(raw.decode("utf-8", "replace").split())[:300] or "no message"
    if not isinstance(data, dict):
        return str(data)[:300]
    message = str(data.get("message") or data.get("error") or "no message")
    details = [f"{e.get('field')}: {' '.join(map(str, e.get('messages', [])))}"
               for e in data.get("errors", []) if isinstance(e, dict)]
    return "; ".join([message, *details])


def _retry_after(headers: Any) -> float | None:  # noqa: ANN401 - an email.message.Message
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return min(float(value), MAX_DELAY) if value is not None else None
    except ValueError:
        return None


@dataclass
class Api:
    """One InvenioRDM instance at ``base_url``, called with ``token``."""

    base_url: str
    token: str
    token_env: str
    sleep: Callable[[float], None] = time.sleep
    attempts: int = ATTEMPTS
    on_retry: Callable[[str], None] = lambda line: None
    """Told one line per retried request (never with the token)."""

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def _request(self, method: str, path: str, body: Body) -> urllib.request.Request:
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        data: Any = None
        if isinstance(body, Upload):
            headers |= {"Content-Type": "application/octet-stream",
                        "Content-Length": str(body.size)}
            data = body.path.open("rb")
        elif body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return urllib.request.Request(self.url(path), data=data, headers=headers,
                                      method=method)

    def _mask(self, text: str) -> str:
        return text.replace(self.token, "***") if self.token else text

    def _fail(self, method: str, path: str, status: str, message: str,
              code: int | None = None) -> DepositError:
        hint = (f" (is ${self.token_env} a valid, unexpired token with deposit rights?)"
                if code in (401, 403) else "")
        return DepositError(self._mask(f"{method} {self.url(path)}: {status}: "
                                       f"“{message}”{hint}"), code)

    def call(self, method: str, path: str, body: Body = None) -> dict[str, Any]:
        """Send one request (retrying what may pass later) and return its JSON answer."""
        for attempt in range(self.attempts):
            request = self._request(method, path, body)
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                    raw = response.read()
                return json.loads(raw) if raw.strip() else {}
            except urllib.error.HTTPError as error:
                status, raw, wait = error.code, error.read(), _retry_after(error.headers)
                reason = f"{error.code} {error.reason}"
                if status != 429 and status < 500:
                    raise self._fail(method, path, reason, _server_message(raw),
                                     status) from None
                message = _server_message(raw)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                reason, wait = "connection failed", None
                message = str(getattr(error, "reason", error))
            finally:
                if hasattr(request.data, "close"):
                    request.data.close()
            if attempt + 1 == self.attempts:
                raise self._fail(method, path, reason, f"{message}; gave up after "
                                 f"{self.attempts} attempts")
            delay = wait if wait is not None else min(2.0 ** attempt, MAX_DELAY)
            self.on_retry(self._mask(f"{method} {path}: {reason}, again in {delay:g} s"))
            self.sleep(delay)
        raise AssertionError("unreachable")


@dataclass
class DryRun:
    """Prints every request instead of sending it; answers with placeholders."""

    base_url: str
    token_env: str
    say: Callable[[str], None]

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def call(self, method: str, path: str, body: Body = None) -> dict[str, Any]:
        lines = [f"{method} {self.url(path)}", f"Authorization: Bearer ${self.token_env}",
                 "Accept: application/json"]
        if isinstance(body, Upload):
            lines += ["Content-Type: application/octet-stream", f"Content-Length: {body.size}",
                      "", f"<the bytes of {body.label or body.path} (md5:{body.md5})>"]
        elif body is not None:
            lines += ["Content-Type: application/json", "",
                      json.dumps(body, ensure_ascii=False, indent=2)]
        self.say("\n".join(lines) + "\n")
        return _placeholder(method, path, body)


def _placeholder(method: str, path: str, body: Body) -> dict[str, Any]:
    """What the server would answer, with the values it would choose left as names."""
    if path.endswith("/pids/doi"):
        return {"id": "{id}", "pids": {"doi": {"identifier": "{reserved DOI}",
                                               "provider": "datacite"}}}
    if path.endswith("/commit"):
        return {"key": path.split("/")[-2], "status": "completed", "checksum": "{checksum}"}
    if path.endswith("/draft/files") and method == "GET":
        return {"entries": []}
    if path.startswith("/api/records?"):
        return {"hits": {"hits": [{"id": "{previous}"}], "total": 1}}
    return {"id": "{id}", "pids": {}, "links": {"self_html": "{record page}"}}
