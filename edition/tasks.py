"""The build's per-file work, as pure functions that any executor can run.

`check_file` parses one TEI file, validates it on its own (RELAX NG and Schematron,
whose compiled forms each worker process keeps), summarises what the checks across
files need from it, and models it if it is a text. Its result depends on nothing but
the file's bytes, the schemas and the code, so it can run in any process on any
machine and be cached under the digest of those inputs.

A modelled text crosses the process boundary without its parsed tree (lxml trees do
not pickle); a `DetachedText` parses its file again when a stage asks for the tree,
keeping the last few parsed, so a large edition is never held in memory all at once.
"""

from __future__ import annotations

import copy
import gc
import os
import pickle
import shutil
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from edition.extracts import text_extracts
from edition.model import Text, read_text
from edition.paths import XML_ID
from edition.problems import EditionError, Problem
from edition.sources import Kind, SourceFile, classify, parse_source, parse_tei
from edition.validate.references import POINTER_ATTRIBUTES

if TYPE_CHECKING:
    from edition.dts.site import TextDts
    from edition.html.pages import Site


RECENT_TREES = 16
"""Parsed trees of detached texts kept at once. A stage touches a text's tree several
times in a row, then moves on: keeping the last few avoids parsing again without
holding every text of a large edition in memory."""

_recent: OrderedDict[tuple, etree._ElementTree] = OrderedDict()


def _recent_tree(path: Path) -> etree._ElementTree:
    """The parsed file, from the cache while the file is unchanged on disk."""
    status = os.stat(path)
    key = (str(path), status.st_ino, status.st_size, status.st_mtime_ns)
    tree = _recent.pop(key, None)
    if tree is None:
        tree = parse_tei(path)
    _recent[key] = tree
    while len(_recent) > RECENT_TREES:
        _recent.popitem(last=False)
    return tree


def forget_trees() -> None:
    """Drop the parsed trees kept so far (a new build starts)."""
    _recent.clear()


class DetachedText(Text):
    """A `Text` whose TEI tree is parsed from its file again when first needed.

    Pickles without the tree, so it can be sent to and from worker processes and kept
    in the build cache.
    """

    @property  # type: ignore[override]
    def tree(self) -> etree._ElementTree:
        given = self.__dict__.get("_tree")
        if given is not None:
            return given
        return _recent_tree(self.path)

    @tree.setter
    def tree(self, value: etree._ElementTree | None) -> None:
        self.__dict__["_tree"] = value

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_tree"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    @classmethod
    def of(cls, text: Text, keep_tree: bool = False) -> DetachedText:
        values = {f.name: getattr(text, f.name) for f in fields(text)}
        if not keep_tree:
            values["tree"] = None
        return cls(**values)


@dataclass
class CheckedFile:
    """What one TEI file contributes to a build, computed from that file alone."""

    path: Path
    kind: Kind | None
    """None when the file could not be parsed."""
    problems: list[Problem] = field(default_factory=list)
    skeleton: bytes | None = None
    """What the checks across files need from this file (`skeleton`)."""
    text: DetachedText | None = None
    """The modelled text, for a text without errors."""
    ids: list[str] = field(default_factory=list)
    """Every ``xml:id`` of a text, so that pointers into it resolve without its tree."""


def validate_alone(source: SourceFile) -> tuple[list[Problem], bytes]:
    """Problems of one file on its own (RELAX NG, Schematron, dates), and its skeleton
    for the checks across files."""
    from edition.validate import document_problems
    from edition.validate.locate import clear_cache

    try:
        return document_problems(source), skeleton(source.tree)
    finally:
        clear_cache()  # a worker sees many files: keep no file's lines


_LINE = "{urn:edition:skeleton}line"
SKELETON_ATTRIBUTES = frozenset({XML_ID, "type", *POINTER_ATTRIBUTES})


def skeleton(tree: etree._ElementTree) -> bytes:
    """The document without its text: every element, in place, with its line and only
    the attributes the checks across files read (ids, pointers, ``type``).

    The checks across files (`edition.validate.references`) run on skeletons rebuilt
    by `from_skeleton`, so they see every file of the edition without the building
    process holding every parsed text at once.
    """
    root = tree.getroot()
    bare = copy.deepcopy(root)
    for original, element in zip(root.iter(), bare.iter(), strict=True):
        element.tail = None
        if not isinstance(element.tag, str):
            continue
        element.text = None
        for name in [n for n in element.attrib if n not in SKELETON_ATTRIBUTES]:
            del element.attrib[name]
        element.set(_LINE, str(original.sourceline or 0))
    return etree.tostring(bare)


def from_skeleton(path: Path, data: bytes) -> SourceFile:
    """A `SourceFile` for the checks across files, with the lines of the original."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    for element in root.iter():
        if isinstance(element.tag, str):
            element.sourceline = int(element.attrib.pop(_LINE, "0"))
    tree = root.getroottree()
    return SourceFile(path, tree, classify(tree))


def check_file(path: Path, model: bool = True) -> CheckedFile:
    """Parse, validate and (unless ``model`` is false) model one file."""
    try:
        source = parse_source(path)  # streamed, size-capped, and refused unless TEI P5
    except EditionError as error:
        return CheckedFile(path, None, [error.as_problem()])
    tree = source.tree
    problems, bare = validate_alone(source)
    checked = CheckedFile(path, source.kind, problems, bare)
    if source.kind is Kind.TEXT:
        checked.ids = [e.get(XML_ID) for e in tree.iter() if e.get(XML_ID)]
    # Texts with errors are modelled too: a gated build refuses them anyway, and a
    # lenient one (a preview of TEI from elsewhere) renders what can be rendered.
    if model and source.kind is Kind.TEXT:
        try:
            checked.text = DetachedText.of(read_text(source))
            checked.text.extracts = text_extracts(tree)
        except EditionError as error:
            checked.problems.append(error.as_problem())
    return checked


def check_file_pickled(path: Path, model: bool = True) -> tuple[bytes, bytes]:
    """`check_file` as it is sent back and cached: its skeleton, and the rest pickled.

    The two are kept apart so that the checks across files can run on the skeletons of
    all files before any file's model is loaded: a large edition never needs both in
    memory at once.
    """
    with gc_paused():
        checked = check_file(path, model)
        bare, checked.skeleton = checked.skeleton or b"", None
        return bare, pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL)


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a block allocates many long-lived objects
    and leaves few cycles (one file's checks; unpickling the models of every text, where
    it would traverse them again and again: 300 texts take 1.0 s with it, 0.4 s without).
    What garbage there is gets collected after the block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def loads(data: bytes) -> CheckedFile:
    """Read a cached `CheckedFile`. The cache lives in the build's own output folder."""
    return pickle.loads(data)  # noqa: S301 - written by this program, see docs/scaling.md


# ------------------------------------------------------------------ rendering texts

_SITE: dict[str, Site | None] = {}
"""The site being rendered, by kind (``html``), installed in the parent before the pool
of workers starts: forked workers inherit it, the serial executor shares it."""


def install_site(kind: str, site: Site | None) -> None:
    _SITE[kind] = site


def portable_site(site: Site) -> Site:
    """``site`` in a form that pickles, for workers that do not share this process's
    memory: texts without their trees, the edition without its introduction (the
    home page's, rendered by the building process itself)."""
    edition = copy.copy(site.edition)
    edition.introduction = None
    edition.texts = [t if isinstance(t, DetachedText) else DetachedText.of(t)
                     for t in edition.texts]
    resolver = copy.copy(site.resolver)
    resolver.edition = edition
    return replace(site, edition=edition, resolver=resolver)


def _installed_site(kind: str) -> Site:
    site = _SITE.get(kind)
    if site is None:
        raise EditionError(f"no {kind} site installed in this worker process: per-text "
                           "rendering needs an executor whose workers start from the "
                           "building process (see docs/scaling.md)", rule="build-executor")
    return site


def _move_into(private: Path, target: Path) -> list[str]:
    """Move every file written below ``private`` to the same place below ``target``."""
    files = sorted(str(p.relative_to(private)) for p in private.rglob("*") if p.is_file())
    for name in files:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(private / name, target / name)
    shutil.rmtree(private, ignore_errors=True)
    return files


def render_text_html(job: tuple[str, str, str]) -> tuple[list[str], list[Problem]]:
    """Render one text's pages; return the files written (relative to the site folder)
    and the warnings.

    ``job`` is (text id, a private scratch folder, the site folder). The pages are
    written into the scratch folder first, so the files that belong to this text are
    known whatever the renderer writes, then moved into the site.
    """
    from edition.html import render_text_page

    text_id, private, target = job
    site = _installed_site("html")
    text = site.edition.text(text_id)
    problems = render_text_page(replace(site, out=Path(private)), text)
    return _move_into(Path(private), Path(target)), problems


def write_text_api(job: tuple[str, str]) -> TextDts:
    """Write one text's static API files (`edition.html.TextApis`); ``job`` is (text id,
    the site folder). Written straight into the site: they are made again on every build,
    so no product records them."""
    from edition.html import TextApis

    text_id, target = job
    site = _installed_site("html")
    return TextApis.write(replace(site, out=Path(target)), site.edition.text(text_id))
