"""A small InvenioRDM on loopback for the deposit tests: the documented draft, files,
DOI, publish, versions and search endpoints of ``/api/records``, kept in memory, with every
request recorded (method, path, headers, body) and failures that a test can inject."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "tok-3f9a1c7e5b2d4068"
REQUIRED = ("resource_type", "title", "creators", "publication_date")
LICENCES = {"cc-by-4.0", "cc-by-sa-4.0", "cc0-1.0"}
"""Ids of the licences vocabulary this repository knows."""
EXPIRED = "tok-expired-00000000"
PREFIX = "10.5072"


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Record:
    id: str
    draft: dict[str, Any]
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    published: dict[str, Any] | None = None
    parent: str = ""


@dataclass
class Failure:
    """Answer ``status`` to the next ``times`` requests whose "METHOD path" matches."""

    pattern: str
    status: int
    times: int
    retry_after: str | None = "0"


class Repository:
    def __init__(self) -> None:
        self.records: dict[str, Record] = {}
        self.seen: list[Seen] = []
        self.failures: list[Failure] = []
        self.lock = threading.Lock()
        self.counter = 100

    def new_id(self) -> str:
        self.counter += 1
        return f"rec{self.counter}"

    def requests(self, method: str | None = None, pattern: str = "") -> list[Seen]:
        return [s for s in self.seen if (method is None or s.method == method)
                and re.search(pattern, s.path)]

    def sequence(self) -> list[str]:
        return [f"{s.method} {urllib.parse.urlsplit(s.path).path}" for s in self.seen]


def _record_view(record: Record, published: bool = False) -> dict[str, Any]:
    body = record.published if published else record.draft
    return {"id": record.id, **body, "is_published": record.published is not None,
            "parent": {"id": record.parent},
            "links": {"self_html": f"https://repository.test/records/{record.id}"}}


class Handler(BaseHTTPRequestHandler):
    repository: Repository

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def _answer(self, status: int, data: Any = None, headers: dict | None = None) -> None:  # noqa: ANN401
        raw = b"" if data is None else json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(raw)

    def _error(self, status: int, message: str, headers: dict | None = None) -> None:
        self._answer(status, {"status": status, "message": message}, headers)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        repo = self.repository
        with repo.lock:
            repo.seen.append(Seen(self.command, self.path, dict(self.headers), body))
            auth = self.headers.get("Authorization", "")
            if auth == f"Bearer {EXPIRED}":
                return self._error(401, "The access token provided has expired.")
            if auth != f"Bearer {TOKEN}":
                return self._error(401, "The server could not verify that you are "
                                   "authorized to access the URL requested.")
            for failure in repo.failures:
                if failure.times and re.search(failure.pattern, f"{self.command} {self.path}"):
                    failure.times -= 1
                    extra = {"Retry-After": failure.retry_after} if failure.retry_after else {}
                    return self._error(failure.status, "Service temporarily unavailable.",
                                       extra)
            self._route(body)

    do_GET = do_POST = do_PUT = do_DELETE = _handle

    def _route(self, body: bytes) -> None:
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        routes = [
            ("POST", r"/api/records", self._create),
            ("GET", r"/api/records", self._search),
            ("GET", r"/api/records/(\w+)/draft", self._get_draft),
            ("PUT", r"/api/records/(\w+)/draft", self._put_draft),
            ("POST", r"/api/records/(\w+)/draft/pids/doi", self._reserve),
            ("GET", r"/api/records/(\w+)/draft/files", self._list_files),
            ("POST", r"/api/records/(\w+)/draft/files", self._start_files),
            ("PUT", r"/api/records/(\w+)/draft/files/([^/]+)/content", self._content),
            ("POST", r"/api/records/(\w+)/draft/files/([^/]+)/commit", self._commit),
            ("DELETE", r"/api/records/(\w+)/draft/files/([^/]+)", self._delete_file),
            ("POST", r"/api/records/(\w+)/draft/actions/publish", self._publish),
            ("POST", r"/api/records/(\w+)/versions", self._new_version),
        ]
        for method, pattern, action in routes:
            match = re.fullmatch(pattern, path)
            if method == self.command and match:
                args = [urllib.parse.unquote(g) for g in match.groups()]
                if args and args[0] not in self.repository.records:
                    return self._error(404, "The persistent identifier does not exist.")
                payload = json.loads(body) if body and "/content" not in path else body
                return action(*args, payload, urllib.parse.parse_qs(url.query))
        self._error(405, f"no such endpoint: {self.command} {path}")

    def _create(self, payload: Any, query: dict) -> None:  # noqa: ANN401
        record_id = self.repository.new_id()
        record = Record(record_id, {**payload, "pids": {}}, parent=f"p{record_id}")
        self.repository.records[record_id] = record
        self._answer(201, _record_view(record))

    def _search(self, payload: Any, query: dict) -> None:  # noqa: ANN401
        wanted = re.fullmatch(r'pids\.doi\.identifier:"(.+)"', query.get("q", [""])[0])
        hits = [_record_view(r, published=True) for r in self.repository.records.values()
                if r.published and wanted
                and r.published["pids"].get("doi", {}).get("identifier") == wanted[1]]
        self._answer(200, {"hits": {"hits": hits, "total": len(hits)}})

    def _get_draft(self, record_id: str, payload: Any, query: dict) -> None:  # noqa: ANN401
        record = self.repository.records[record_id]
        if record.published is not None:
            return self._error(404, "The draft does not exist.")
        self._answer(200, _record_view(record))

    def _put_draft(self, record_id: str, payload: Any, query: dict) -> None:  # noqa: ANN401
        """Saved even when invalid, with the problems listed, as InvenioRDM does."""
        record = self.repository.records[record_id]
        record.draft = payload
        metadata = payload.get("metadata", {})
        errors = [{"field": f"metadata.{name}", "messages": ["Missing data for required field."]}
                  for name in REQUIRED if not metadata.get(name)]
        errors += [{"field": f"metadata.rights.{n}.id", "messages": [f"Invalid value {r['id']}."]}
                   for n, r in enumerate(metadata.get("rights", []))
                   if "id" in r and r["id"] not in LICENCES]
        self._answer(200, {**_record_view(record), **({"errors": errors} if errors else {})})

    def _reserve(self, record_id: str, payload: Any, query: dict) -> None:  # noqa: ANN401
        record = self.repository.records[record_id]
        record.draft["pids"] = {"doi": {"identifier": f"{PREFIX}/repo.{record_id}",
                                        "provider": "datacite", "client": "datacite"}}
        self._answer(201, _record_view(record))

    def _entries(self, record: Record) -> list[dict[str, Any]]:
        return [{"key": key, "status": entry["status"], "size": len(entry.get("data", b"")),
                 **({"checksum": entry["checksum"]} if "checksum" in entry else {})}
                for key, entry in record.files.items()]

    def _list_files(self, record_id: str, payload: Any, query: dict) -> None:  # noqa: ANN401
        self._answer(200, {"entries": self._entries(self.repository.records[record_id])})

    def _start_files(self, record_id: str, payload: Any, query: dict) -> None:  # noqa: ANN401
        record = self.repository.records[record_id]
        for item in payload:
            if item["key"] in record.files:
                return self._error(400, f"File with key {item['key']} already exists.")
            record.files[item["key"]] = {"status": "pending"}
        self._answer(201, {"entries": self._entries(record)})

    def _content(self, record_id: str, key: str, payload: bytes, query: dict) -> None:
        record = self.repository.records[record_id]
        if key not in record.files:
            return self._error(404, f"File with key {key} not found.")
        record.files[key]["data"] = payload
        self._answer(200, {"key": key, "status": "pending"})

    def _commit(self, record_id: str, key: str, payload: Any, query: dict) -> None:  # noqa: ANN401
        entry = self.repository.records[record_id].files.get(key)
        if entry is None or "data" not in entry:
            return self._error(400, f"File with key {key} has no content.")
        entry.update(status="completed",
                     checksum=f"md5:{hashlib.md5(entry['data']).hexdigest()}")
        self._answer(200, {"key": key, "status": "completed", "checksum": entry["checksum"],
                           "size": len(entry["data"])})

    def _delete_file(self, record_id: str, key: str, payload: Any, query: dict) -> None:  # noqa: ANN401
        self.repository.records[record_id].files.pop(key, None)
        self._answer(204)

    def _publish(self, record_id: str, payload: Any, query: dict) -> None:  # noqa: ANN401
        record = self.repository.records[record_id]
        if any(e["status"] != "completed" for e in record.files.values()):
            return self._error(400, "Files are not yet committed.")
        if not record.draft.get("pids", {}).get("doi"):
            return self._error(400, "A DOI is required to publish.")
        record.published = record.draft
        self._answer(202, _record_view(record, published=True))

    def _new_version(self, record_id: str, payload: Any, query: dict) -> None:  # noqa: ANN401
        previous = self.repository.records[record_id]
        if previous.published is None:
            return self._error(400, "Cannot create a new version of an unpublished record.")
        new_id = self.repository.new_id()
        draft = {**previous.published, "pids": {}}
        record = Record(new_id, draft, parent=previous.parent)
        self.repository.records[new_id] = record
        self._answer(201, _record_view(record))


def serve() -> tuple[ThreadingHTTPServer, Repository]:
    """Start the repository on 127.0.0.1 (a free port) in a thread."""
    repository = Repository()
    handler = type("BoundHandler", (Handler,), {"repository": repository})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, repository
