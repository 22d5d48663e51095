"""Word-processor files are zip archives: check one before any reader opens it.

Refused, each in one line naming the file: a file that is not a zip (with advice for a
legacy binary ``.doc``), an archive whose members would expand beyond sane limits (a zip
bomb), an archive without its main part (``word/document.xml``, ``content.xml``), a part
with a DOCTYPE (entities are never expanded) and any relationship or link to content
outside the file, which is never fetched. Hyperlinks are not content and are kept.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from edition.problems import EditionError

MAX_MEMBERS = 2_000
MAX_TOTAL = 256 * 1024 * 1024  # bytes once expanded
MAX_RATIO = 200  # expanded size / compressed size of a large member
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOC_ADVICE = ("open it in Word or LibreOffice and save it as .docx or .odt, or convert "
               "it with `soffice --headless --convert-to docx FILE.doc`")
_EXTERNAL = re.compile(rb'<Relationship\b[^>]*TargetMode="External"[^>]*>')
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
_ODF_LINK = re.compile(rb'xlink:href="((?:https?|ftp|file|smb)://[^"]*)"')
_ODF_CONTENT_LINK = re.compile(rb'<(?:draw:image|draw:object|draw:object-ole|text:section-source)'
                               rb'\b[^>]*xlink:href="([a-zA-Z]+:[^"]*|/[^"]*|\.\./[^"]*)"')


def refuse_legacy(path: Path) -> None:
    """A binary Word 97-2003 file (``.doc``, or OLE bytes under any name) is not read."""
    head = _head(path)
    if path.suffix.casefold() == ".doc" or head.startswith(_OLE_MAGIC):
        raise EditionError(f"a legacy Word 97-2003 document is not read: {_DOC_ADVICE}",
                           path=path, rule="import-legacy-doc")


def open_checked(path: Path, main_part: str) -> zipfile.ZipFile:
    """The archive at ``path``, after the checks above; ``main_part`` must be in it."""
    refuse_legacy(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise EditionError(f"not a {path.suffix.lstrip('.').upper()} file: it is not a zip "
                           "archive (damaged, or a different format under this name)",
                           path=path, rule="import-not-zip") from None
    _check_sizes(archive, path)
    if main_part not in archive.namelist():
        archive.close()
        raise EditionError(f"{main_part} is missing: the archive is not a "
                           f"{path.suffix.lstrip('.').upper()} document", path=path,
                           rule="import-no-document")
    _check_parts(archive, path)
    return archive


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(8)
    except OSError as error:
        raise EditionError(f"cannot read file: {error.strerror}", path=path,
                           rule="io") from None


def _check_sizes(archive: zipfile.ZipFile, path: Path) -> None:
    members = archive.infolist()
    total = sum(m.file_size for m in members)
    bomb = len(members) > MAX_MEMBERS or total > MAX_TOTAL or any(
        m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1)
        for m in members)
    if bomb:
        archive.close()
        raise EditionError(
            f"refused as a zip bomb: {len(members)} members expanding to {total:,} bytes "
            f"(limits: {MAX_MEMBERS} members, {MAX_TOTAL:,} bytes, a ratio of {MAX_RATIO})",
            path=path, rule="import-zip-bomb")


def _check_parts(archive: zipfile.ZipFile, path: Path) -> None:
    for name in archive.namelist():
        if not name.endswith((".xml", ".rels")):
            continue
        data = archive.read(name)
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
            _refuse(archive, path, f"{name} declares a DOCTYPE or entities, which are never "
                    "expanded", "import-doctype")
        for relationship in _EXTERNAL.findall(data):
            attributes = dict(_ATTR.findall(relationship))
            kind = attributes.get(b"Type", b"").rsplit(b"/", 1)[-1].decode()
            if kind != "hyperlink":
                target = attributes.get(b"Target", b"").decode(errors="replace")
                _refuse(archive, path, f"{name}: external relationship ({kind}) to {target} "
                        "would load content from outside the file; it is never fetched: "
                        "embed or remove it and save again", "import-external")
        found = _ODF_CONTENT_LINK.search(data)
        if found and not found.group(1).startswith(b"./"):
            _refuse(archive, path, f"{name}: linked content {found.group(1).decode()} lies "
                    "outside the file; it is never fetched: embed or remove it and save "
                    "again", "import-external")


def _refuse(archive: zipfile.ZipFile, path: Path, message: str, rule: str) -> None:
    archive.close()
    raise EditionError(message, path=path, rule=rule)
