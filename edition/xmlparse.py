"""The one XML parser every stage uses, hardened against hostile files.

No network, no DTD loading, no entity expansion, no XInclude; documents that declare
entities are refused outright, so an entity bomb or an external entity pointing at a
local file is never expanded or read. Errors are `EditionError`s naming file, line and
column.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.problems import EditionError

MAX_BYTES = 64 * 1024 * 1024  # larger files are refused before parsing
MAX_DEPTH = 2_000  # deeper element nesting is refused


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        strip_cdata=True,
    )


def _refuse_doctype_entities(tree: etree._ElementTree, path: Path) -> None:
    """Refuse any internal or external entity declaration and any external DTD."""
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    if dtd is not None:
        for entity in dtd.iterentities():
            raise EditionError(
                f"entity declaration <!ENTITY {entity.name}> refused: documents may not "
                "declare entities (remove the DOCTYPE)",
                path=path, line=1, column=1, rule="xml-entity",
            )
    if docinfo.system_url or docinfo.public_id:
        raise EditionError(
            f"external DTD {docinfo.system_url or docinfo.public_id!r} refused: remove the DOCTYPE",
            path=path, line=1, column=1, rule="xml-dtd",
        )


def _check_depth(root: etree._Element, path: Path) -> None:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise EditionError(
                f"elements nested more than {MAX_DEPTH} deep", path=path,
                line=element.sourceline or 0, column=1, rule="xml-too-deep",
            )
        stack.extend((child, depth + 1) for child in element)


def parse_bytes(data: bytes, path: Path | str) -> etree._ElementTree:
    """Parse ``data`` (the content of ``path``) safely; raise `EditionError` on any problem."""
    path = Path(path)
    if len(data) > MAX_BYTES:
        raise EditionError(f"file of {len(data):,} bytes exceeds the {MAX_BYTES:,}-byte limit",
                           path=path, rule="xml-too-large")
    parser = _parser()
    try:
        root = etree.fromstring(data, parser, base_url=str(path))
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (0, 0)
        message = error.msg or str(error)
        message = message.split(", line ")[0]
        raise EditionError(f"not well-formed: {message}", path=path, line=line,
                           column=column, rule="xml-syntax") from None
    tree = root.getroottree()
    _refuse_doctype_entities(tree, path)
    _check_depth(root, path)
    return tree


def parse_file(path: Path | str) -> etree._ElementTree:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise EditionError(f"cannot read file: {error.strerror}", path=path,
                           rule="io") from None
    return parse_bytes(data, path)
