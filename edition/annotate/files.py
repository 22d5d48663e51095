"""Which files are annotated, and writing them back without disturbing what was not
tagged."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from edition.problems import EditionError
from edition.sources import Kind, classify
from edition.xmlparse import parse_file


def texts(paths: list[Path]) -> Iterator[Path]:
    """Files given by name are annotated whatever they hold; folders are searched for TEI
    texts (registers, the edition header and schemas are left alone)."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*.xml")):
                if "schema" not in found.relative_to(path).parts and _is_text(found):
                    yield found
        elif path.is_file():
            yield path
        else:
            raise EditionError("no such file or folder", path=path, rule="annotate-path")


def _is_text(path: Path) -> bool:
    return classify(parse_file(path)) is Kind.TEXT


def write_in_place(path: Path, tree: etree._ElementTree, original: bytes) -> None:
    """Write ``tree`` to ``path`` keeping the original's bytes before and after the root
    element (XML declaration, comments, final newline) exactly; lxml keeps the rest
    (attribute order, white space, empty-element forms) as it was parsed. The file is
    replaced atomically."""
    encoding = tree.docinfo.encoding or "UTF-8"
    body = etree.tostring(tree.getroot(), encoding=encoding)
    head, tail = _around_root(original, tree.getroot())
    _atomic_write(path, head + body + tail)


def _around_root(original: bytes, root: etree._Element) -> tuple[bytes, bytes]:
    qname = (f"{root.prefix}:" if root.prefix else "") + etree.QName(root).localname
    name = re.escape(qname.encode())
    start = re.search(rb"<" + name + rb"[\s>/]", original)
    end = original.rfind(b"</" + qname.encode() + b">")
    head = original[:start.start()] if start else b""
    if end >= 0:
        tail = original[end + len(qname) + 3:]
    else:
        tail = original[len(original.rstrip()):]
    return head, tail


def _atomic_write(path: Path, data: bytes) -> None:
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
