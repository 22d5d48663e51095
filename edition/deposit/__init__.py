"""``edition deposit``: a built bag into Zenodo or any InvenioRDM instance, through the
InvenioRDM REST API (``/api/records``), as its reference documentation describes.

The steps, each one request or a few:

1. the draft: continued when an earlier run left one (``<bag>.deposit.json`` beside the
   bag names it, with the instance's URL; never the token), else a new version of the
   record whose DOI the bag names as the previous version (found by a search, or given
   with ``--new-version-of``), else a new draft;
2. the DOI: the bag's own, or one reserved for the draft
   (``POST /api/records/{id}/draft/pids/doi``) when the bag has none yet;
3. the metadata, mapped from the bag's DataCite record (`edition.deposit.mapping`);
4. the files (the bag zip and its PDFs): each one started, sent, committed, and its MD5
   checked against the checksum the server reports; files the draft already holds with
   the same checksum are not sent again, so an interrupted upload resumes where it stopped;
5. publication, only when asked for, and only of a bag that carries the draft's DOI.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edition.deposit.bag import BagFiles, opened_bag
from edition.deposit.http import Api, DepositError, DryRun
from edition.deposit.mapping import draft_body, previous_version_doi

__all__ = ["DepositError", "DepositOptions", "deposit", "state_path"]

Client = Api | DryRun


@dataclass(frozen=True)
class DepositOptions:
    bag: Path
    publish: bool = False
    new_version_of: str | None = None
    """The record (any of its versions) this deposit is a new version of."""
    draft: str | None = None
    """A draft to continue, instead of the one ``<bag>.deposit.json`` names."""


def state_path(bag: Path) -> Path:
    return bag.with_name(bag.name + ".deposit.json")


def _saved_draft(bag: Path, url: str) -> str | None:
    try:
        state = json.loads(state_path(bag).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state.get("draft") if state.get("url") == url else None


def _save_draft(bag: Path, url: str, draft: str) -> None:
    state_path(bag).write_text(json.dumps({"url": url, "draft": draft}) + "\n",
                               encoding="utf-8")


class _Deposit:
    def __init__(self, api: Client, options: DepositOptions, bag: BagFiles,
                 say: Callable[[str], None]) -> None:
        self.api, self.options, self.bag, self.say = api, options, bag, say
        self.dry = isinstance(api, DryRun)
        self.draft_id = ""

    def records(self, suffix: str = "") -> str:
        return f"/api/records/{self.draft_id}{suffix}"

    def draft(self) -> dict[str, Any]:
        """Continue the draft of an earlier run, or make a new version, or a new draft."""
        if self.options.draft:
            self.say(f"continuing draft {self.options.draft}")
            return self.api.call("GET", f"/api/records/{self.options.draft}/draft")
        saved = None if self.dry else _saved_draft(self.options.bag, self.api.base_url)
        if saved:
            try:
                found = self.api.call("GET", f"/api/records/{saved}/draft")
                self.say(f"continuing draft {saved}")
                return found
            except DepositError as gone:
                if gone.status not in (404, 410):
                    raise
                self.say(f"draft {saved} of an earlier run is gone (published or deleted): "
                         "starting anew")
        previous = self.options.new_version_of or self._previous_record()
        if previous:
            self.say(f"new version of record {previous}")
            return self.api.call("POST", f"/api/records/{previous}/versions")
        return self.api.call("POST", "/api/records", draft_body(self.bag.record, {}))

    def _previous_record(self) -> str | None:
        doi = previous_version_doi(self.bag.record)
        if doi is None:
            return None
        query = urllib.parse.urlencode({"q": f'pids.doi.identifier:"{doi}"', "size": 1})
        hits = self.api.call("GET", f"/api/records?{query}").get("hits", {}).get("hits", [])
        if not hits:
            raise DepositError(f"{self.api.url('/api/records')}: no record has the previous "
                               f"version's DOI {doi} (edition.toml [deposit] previous_doi); "
                               "name it with --new-version-of RECORD")
        return str(hits[0]["id"])

    def pids(self, draft: dict[str, Any]) -> dict[str, Any]:
        """The draft's DOI: the bag's, or one reserved now when the bag has none."""
        doi = self.bag.record.get("doi")
        reserved = (draft.get("pids") or {}).get("doi", {}).get("identifier")
        if doi and reserved and doi.lower() != reserved.lower():
            raise DepositError(f"draft {self.draft_id} has DOI {reserved}, but the bag carries "
                               f"{doi}: set [deposit] doi = \"{reserved}\" in edition.toml, "
                               f"or remove {state_path(self.options.bag).name} to deposit "
                               "into a new draft")
        if reserved:
            return draft["pids"]
        if doi:
            return {"doi": {"identifier": doi, "provider": "external"}}
        answer = self.api.call("POST", self.records("/draft/pids/doi"))
        return answer.get("pids") or {}

    def upload(self) -> None:
        """Send what the draft lacks; verify each file against the server's checksum."""
        wanted = self.bag.files
        held = {e["key"]: e for e in self.api.call("GET", self.records("/draft/files"))
                .get("entries", [])}
        done = {key for key, entry in held.items() if key in wanted
                and entry.get("status") == "completed"
                and entry.get("checksum") == f"md5:{wanted[key].md5}"}
        for key in sorted(set(held) - done):
            self.api.call("DELETE", self.records(f"/draft/files/{_quoted(key)}"))
        todo = [key for key in wanted if key not in done]
        for key in sorted(done):
            self.say(f"{key}: already on the server, checksum md5:{wanted[key].md5}")
        if todo:
            self.api.call("POST", self.records("/draft/files"), [{"key": k} for k in todo])
        for key in todo:
            self._send(key)

    def _send(self, key: str) -> None:
        local = self.bag.files[key]
        self.api.call("PUT", self.records(f"/draft/files/{_quoted(key)}/content"), local)
        answer = self.api.call("POST", self.records(f"/draft/files/{_quoted(key)}/commit"))
        if self.dry:
            return
        if answer.get("checksum") != f"md5:{local.md5}":
            raise DepositError(f"{self.api.url(self.records(f'/draft/files/{_quoted(key)}'))}:"
                               f" the server holds checksum {answer.get('checksum')}, but "
                               f"{local.path.name} has md5:{local.md5}: run again to resend it")
        self.say(f"{key}: uploaded, {local.size} bytes, checksum md5:{local.md5} verified")

    def run(self) -> dict[str, Any]:
        doi = self.bag.record.get("doi")
        if self.options.publish and not doi:
            raise DepositError("the bag has no DOI, so it cannot be published as it is: "
                               "deposit it without --publish to reserve one, set it as "
                               "[deposit] doi in edition.toml, rebuild, package, and deposit "
                               "again with --publish")
        draft = self.draft()
        self.draft_id = str(draft["id"])
        if not self.dry:
            _save_draft(self.options.bag, self.api.base_url, self.draft_id)
        pids = self.pids(draft)
        saved = self.api.call("PUT", self.records("/draft"), draft_body(self.bag.record, pids))
        self._refuse_invalid(saved)
        self.upload()
        reserved = pids.get("doi", {}).get("identifier")
        if self.dry:
            if self.options.publish:
                self.api.call("POST", self.records("/draft/actions/publish"))
            self.say("dry run: nothing was sent")
            return draft
        if not self.options.publish:
            self._report_draft(doi, reserved)
            return draft
        published = self.api.call("POST", self.records("/draft/actions/publish"))
        state_path(self.options.bag).unlink(missing_ok=True)
        self.say(f"published record {self.draft_id} with DOI {reserved}: "
                 f"{published.get('links', {}).get('self_html', '')}".rstrip(": "))
        return published

    def _refuse_invalid(self, saved: dict[str, Any]) -> None:
        """InvenioRDM saves a draft whose metadata it cannot publish, listing why."""
        errors = [] if self.dry else saved.get("errors") or []
        if errors:
            found = "; ".join(f"{e.get('field')}: {' '.join(map(str, e.get('messages', [])))}"
                              for e in errors)
            raise DepositError(f"PUT {self.api.url(self.records('/draft'))}: the repository "
                               f"does not accept the metadata: “{found}”")

    def _report_draft(self, doi: str | None, reserved: str | None) -> None:
        self.say(f"draft {self.draft_id} is ready, not published (add --publish to publish "
                 "it)")
        if not doi:
            self.say(f"reserved DOI {reserved}: set [deposit] doi = \"{reserved}\" in "
                     "edition.toml, rebuild and package, then deposit again: this draft is "
                     "continued")


def _quoted(key: str) -> str:
    return urllib.parse.quote(key, safe="")


def deposit(options: DepositOptions, api: Client,
            say: Callable[[str], None] = print) -> dict[str, Any]:
    """Deposit the bag at ``options.bag`` through ``api`` (an `Api`, or a `DryRun` that
    only prints the requests); returns the server's last answer about the record."""
    with opened_bag(options.bag) as bag:
        return _Deposit(api, options, bag, say).run()
