"""The one XML parser every stage uses, hardened against hostile files.

What a file may not do, and what happens instead:

- declare entities (billion laughs, quadratic blow-up, external and parameter entities
  reading local files or URLs): refused as soon as the prolog has been read, before the body
  is parsed; nothing is ever expanded or fetched. A resolver that answers every request for
  an external resource with nothing is installed as a second line of defence, and no network
  access is allowed at all;
- point at an external DTD (``<!DOCTYPE TEI SYSTEM "tei_all.dtd">``, as many XML editors'
  templates write): the DTD is never loaded, from a file or the network; the document is
  read with one warning ``xml-dtd``. So is a DOCTYPE whose internal subset only sets up
  that DTD, as TEI P4 files do (``<!ENTITY % TEI.XML "INCLUDE">``, a parameter entity
  naming a DTD module by its public and system identifiers): those declarations are
  switches and addresses for a DTD that is never read, nothing a document's text can
  use. An entity reference the DTD would have defined (``&nbsp;``) stays in the text as
  it was written, ``&nbsp;``, and each such entity is one problem ``xml-entity`` naming
  it (`ParsedFile.problems`);
- use XInclude: never processed; refused with a message in the text, since the included
  text would be silently missing from the edition; in the ``teiHeader`` (authority lists)
  replaced by its ``xi:fallback`` with a warning;
- be larger than `MAX_BYTES`: refused from the file size, before a byte is read; a file that
  grows while it is read (or a device) is cut off at the same limit;
- nest elements deeper than `MAX_DEPTH`, or hold a text node larger than libxml2's 10 MB
  limit: refused by libxml2 itself (``huge_tree`` stays off);
- be in an undeclared or invalid encoding: refused with the position of the bad bytes.

A UTF-8 or UTF-16 byte-order mark and any mix of CR, LF and CRLF line ends are accepted (XML
normalises line ends to LF). Every refusal is one `EditionError` naming file, line, column and
rule id, never an lxml exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.problems import EditionError, Problem, Severity, display_path

MAX_BYTES = 64 * 1024 * 1024  # larger files are refused before reading
MAX_DEPTH = 256  # libxml2's own limit without huge_tree; deeper nesting is refused
CHUNK = 1024 * 1024  # files are fed to the parser in pieces of this size

XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
TEI_P4_ROOT = "TEI.2"
TEI_P4_ADVICE = (
    "TEI P4 document (root <TEI.2>, no namespace): edition reads TEI P5 only; convert it "
    "with the TEI Stylesheets' P4 profile (profiles/default/p4/from.xsl, XSLT 2.0), remove "
    "the DOCTYPE and check the result"
)

# How libxml2's messages map to the edition's rule ids: (pattern, rule, message or None to
# keep libxml2's, the fix to suggest). The first matching pattern wins.
_CLASSES: list[tuple[re.Pattern[str], str, str | None, str]] = [
    (re.compile(r"xml:id|^ID .* already defined"), "xml-id", None,
     "an xml:id must be unique and a name (a letter or _ first; no spaces, slashes or colons)"),
    (re.compile(r"amplification", re.I), "xml-entity",
     "entity expansion far larger than the file (an entity bomb) refused",
     "remove the DOCTYPE; documents may not declare entities"),
    (re.compile(r"PEReference|entit", re.I), "xml-entity", None,
     "write the character itself or a numeric reference such as &#x2014;"),
    (re.compile(r"depth", re.I), "xml-too-deep", "elements nested too deeply",
     f"elements may be nested at most {MAX_DEPTH} deep"),
    (re.compile(r"XML_PARSE_HUGE|Resource limit", re.I), "xml-too-large", None,
     "text nodes and names are limited to 10 MB"),
    (re.compile(r"encoding|UTF-8|UTF-16", re.I),
     "xml-encoding", None, "save the file as UTF-8 and declare no other encoding"),
]


class _RefuseExternal(etree.Resolver):
    """Answers every request for an external resource with nothing, and remembers it."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def resolve(self, system_url, public_id, context):  # noqa: ANN001, ANN201 - lxml's API
        self.requested.append(system_url or public_id or "?")
        return self.resolve_string("", context)


def _new_parser(path: Path) -> tuple[etree.XMLPullParser, _RefuseExternal]:
    """A pull parser that reports the root element's start, so the prolog can be judged
    before the body is read."""
    parser = etree.XMLPullParser(
        events=("start",),
        base_url=str(path),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        strip_cdata=True,
    )
    resolver = _RefuseExternal()
    parser.resolvers.add(resolver)
    return parser, resolver


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _syntax_error(error: etree.XMLSyntaxError, path: Path) -> EditionError:
    """The first error libxml2 logged is the cause; an incremental parser's exception
    sometimes carries only a consequence ("no element found")."""
    first = next((entry for entry in error.error_log
                  if entry.level >= etree.ErrorLevels.ERROR), None)
    if first is not None:
        line, column, code, message = first.line, first.column, first.type, first.message
    else:
        line, column = error.position if error.position else (0, 0)
        code, message = error.code, (error.msg or str(error)).split(", line ")[0]
    message = _one_line(message)
    message = re.sub(r",? ?(see|use|try) (XML_PARSE_HUGE|xmlCtxtSetMaxAmplification).*$", "",
                     message)
    if code == etree.ErrorTypes.ERR_DOCUMENT_EMPTY:
        line, column, message = max(line, 1), max(column, 1), "the file is empty"
    for pattern, known_rule, replacement, fix in _CLASSES:
        if pattern.search(message):
            rule, text = known_rule, f"{replacement or message}; {fix}"
            break
    else:
        rule, text = "xml-syntax", f"not well-formed: {message}"
    return EditionError(text, path=path, line=line, column=column, rule=rule)


_PARAMETER_ENTITY = re.compile(rb"<!ENTITY\s+%\s+([^\s\"'>]+)\s*(PUBLIC\b)?")
DTD_SWITCHES = {"INCLUDE", "IGNORE"}
PROLOG_BYTES = 64 * 1024
"""How much of the file's start is read for the declarations of its internal subset."""


def _configures_the_dtd(entity: etree._DTDEntityDecl, parameter_entities: dict[str, bool]
                        ) -> bool:
    """A parameter entity that only switches a section of the DTD on or off, or names a
    DTD module by its public identifier (and a web address): harmless when the DTD is
    never loaded. One that names a local file by a system identifier alone is not a DTD
    module but a way to read that file, and stays refused."""
    if entity.name not in parameter_entities:
        return False
    if entity.system_url:
        public = parameter_entities[entity.name]
        return public and not entity.content and \
            entity.system_url.lower().startswith(("http://", "https://"))
    return (entity.content or "").strip() in DTD_SWITCHES


def _refuse_prolog(root: etree._Element, path: Path, head: bytes = b"") -> None:
    """Refuse entity declarations; say so plainly for TEI P4 that declares entities.

    An external DTD alone is not refused: it is never loaded (see `_external_dtd`); nor
    are the parameter entities that only configure it (`_configures_the_dtd`)."""
    dtd = root.getroottree().docinfo.internalDTD
    parameter_entities = {m.group(1).decode("utf-8", "replace"): bool(m.group(2))
                          for m in _PARAMETER_ENTITY.finditer(head)}
    entities = [entity.name for entity in dtd.iterentities()
                if not _configures_the_dtd(entity, parameter_entities)] \
        if dtd is not None else []
    if not entities:
        return
    if root.tag == TEI_P4_ROOT:
        raise EditionError(TEI_P4_ADVICE, path=path, line=root.sourceline or 1, column=1,
                           rule="tei-p4")
    raise EditionError(
        f"entity declaration <!ENTITY {entities[0]}> refused: documents may not declare "
        "entities; remove the DOCTYPE and write the characters themselves",
        path=path, line=1, column=1, rule="xml-entity",
    )


def _external_dtd(tree: etree._ElementTree, path: Path) -> list[Problem]:
    """The warning for a DOCTYPE that names an external DTD, which is never loaded."""
    docinfo = tree.docinfo
    external = docinfo.system_url or docinfo.public_id
    if not external:
        return []
    return [Problem(display_path(path), 1, 1, Severity.WARNING,
                    f"external DTD {external!r} is not loaded (never, from a file or the "
                    "network); the document is read without it", "xml-dtd")]


def _undefined_entities(root: etree._Element, path: Path) -> list[Problem]:
    """Entity references left unexpanded (their DTD is never loaded) become the text they
    were written as, ``&name;``; each entity is one error naming it."""
    found: dict[str, list[int]] = {}
    for entity in list(root.iter(etree.Entity)):
        name = entity.text.strip("&;")
        found.setdefault(name, []).append(entity.sourceline or 0)
        _replace_by_text(entity, entity.text)
    problems = []
    for name, lines in found.items():
        times = f"; used {len(lines)} times" if len(lines) > 1 else ""
        problems.append(Problem(
            display_path(path), lines[0], 1, Severity.ERROR,
            f"entity &{name}; is not defined (only the external DTD, which is never loaded, "
            f"could define it){times}; write the character itself or a numeric reference "
            "such as &#x00A0;", "xml-entity"))
    return problems


def _replace_by_text(node: etree._Entity, text: str) -> None:
    """Put ``text`` (and the node's tail) where ``node`` was, and remove the node."""
    parent = node.getparent()
    previous = node.getprevious()
    addition = text + (node.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + addition
    else:
        parent.text = (parent.text or "") + addition
    parent.remove(node)


def _refuse_xinclude(root: etree._Element, path: Path) -> list[Problem]:
    """XInclude is never processed. In the text it is refused: the included text would
    be missing without a word. In the ``teiHeader`` (where projects include their
    authority lists) it stands for metadata only: it is replaced by its ``xi:fallback``,
    with a warning."""
    problems: list[Problem] = []
    for include in list(root.iter(f"{{{XINCLUDE_NS}}}include")):
        href = include.get("href", "")
        if not any(etree.QName(a).localname == "teiHeader" for a in include.iterancestors()):
            raise EditionError(
                f"XInclude of {href!r} is not processed; copy the included content into "
                "the file", path=path, line=include.sourceline or 0, column=1,
                rule="xml-xinclude")
        problems.append(Problem(
            display_path(path), include.sourceline or 0, 1, Severity.WARNING,
            f"XInclude of {href!r} in the header is not processed; its fallback is read "
            "instead", "xml-xinclude"))
        _replace_by_fallback(include)
    for other in root.iter(f"{{{XINCLUDE_NS}}}*"):
        raise EditionError(f"XInclude element <{etree.QName(other).localname}> is not "
                           "processed", path=path, line=other.sourceline or 0, column=1,
                           rule="xml-xinclude")
    return problems


def _replace_by_fallback(include: etree._Element) -> None:
    fallback = include.find(f"{{{XINCLUDE_NS}}}fallback")
    parent, tail = include.getparent(), include.tail
    index = parent.index(include)
    moved = list(fallback) if fallback is not None else []
    parent.remove(include)
    for offset, child in enumerate(moved):
        parent.insert(index + offset, child)
    anchor = moved[-1] if moved else (parent[index - 1] if index > 0 else None)
    if anchor is not None:
        anchor.tail = (anchor.tail or "") + (tail or "")
    else:
        parent.text = (parent.text or "") + (tail or "")


def _check_depth(root: etree._Element, path: Path) -> None:
    """A second guard should libxml2 ever allow deeper nesting than `MAX_DEPTH`."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise EditionError(
                f"elements nested more than {MAX_DEPTH} deep", path=path,
                line=element.sourceline or 0, column=1, rule="xml-too-deep",
            )
        stack.extend((child, depth + 1) for child in element)


def _too_large(size: int, path: Path) -> EditionError:
    return EditionError(
        f"file of {size:,} bytes exceeds the {MAX_BYTES:,}-byte limit; split it into "
        "several TEI documents", path=path, rule="xml-too-large",
    )


@dataclass(frozen=True)
class ParsedFile:
    """A parsed document and what reading it found without refusing it."""

    tree: etree._ElementTree
    problems: list[Problem] = field(default_factory=list)


class _Feed:
    """Feeds chunks to one parser, judging the prolog once the root element has started."""

    def __init__(self, path: Path) -> None:
        etree.clear_error_log()  # the error log is per thread; keep only this file's errors
        self.path = path
        self.parser, self.resolver = _new_parser(path)
        self.root: etree._Element | None = None
        self.size = 0
        self.head = b""

    def feed(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > MAX_BYTES:
            raise _too_large(self.size, self.path)
        if len(self.head) < PROLOG_BYTES:
            self.head += chunk[:PROLOG_BYTES - len(self.head)]
        try:
            self.parser.feed(chunk)
        except etree.XMLSyntaxError as error:
            raise _syntax_error(error, self.path) from None
        self._read_events()

    def _read_events(self) -> None:
        for _event, element in self.parser.read_events():
            if self.root is None:
                self.root = element
                _refuse_prolog(element, self.path, self.head)

    def close(self) -> ParsedFile:
        if self.size == 0:
            raise EditionError("the file is empty", path=self.path, line=1, column=1,
                               rule="xml-syntax")
        try:
            root = self.parser.close()
        except etree.XMLSyntaxError as error:
            raise _syntax_error(error, self.path) from None
        self._read_events()
        if self.resolver.requested:
            raise EditionError(
                f"external resource {self.resolver.requested[0]!r} refused: it is never loaded",
                path=self.path, line=1, column=1, rule="xml-dtd",
            )
        _refuse_prolog(root, self.path, self.head)
        included = _refuse_xinclude(root, self.path)
        _check_depth(root, self.path)
        tree = root.getroottree()
        return ParsedFile(tree, _external_dtd(tree, self.path) + included
                          + _undefined_entities(root, self.path))


def parse_bytes(data: bytes, path: Path | str) -> etree._ElementTree:
    """Parse ``data`` (the content of ``path``) safely; raise `EditionError` on any problem."""
    return read_bytes(data, path).tree


def read_bytes(data: bytes, path: Path | str) -> ParsedFile:
    """`parse_bytes`, with the problems found while reading."""
    path = Path(path)
    if len(data) > MAX_BYTES:
        raise _too_large(len(data), path)
    feed = _Feed(path)
    view = memoryview(data)
    for start in range(0, len(data), CHUNK):
        feed.feed(bytes(view[start:start + CHUNK]))
    return feed.close()


def parse_file(path: Path | str) -> etree._ElementTree:
    """Parse the file at ``path`` safely, reading it in chunks; raise `EditionError`."""
    return read_file(path).tree


def read_file(path: Path | str) -> ParsedFile:
    """`parse_file`, with the problems found while reading (an external DTD, entities
    it would have defined)."""
    path = Path(path)
    try:
        if not path.is_file():
            reason = "is a folder" if path.is_dir() else "is not a regular file"
            if not path.exists():
                reason = "no such file"
            raise EditionError(f"cannot read file: {reason}", path=path, rule="io")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_large(size, path)
        feed = _Feed(path)
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                feed.feed(chunk)
    except OSError as error:
        raise EditionError(f"cannot read file: {error.strerror or error}", path=path,
                           rule="io") from None
    return feed.close()
