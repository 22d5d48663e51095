"""The check of one file, as a pure function that any executor can run.

`check_file` parses one TEI file, validates it on its own (RELAX NG and Schematron,
whose compiled forms each worker process keeps), summarises what the checks across
files need from it (`edition.validate.skeleton`), and models it if it is a text
(`edition.detached.DetachedText`). Its result depends on nothing but the file's bytes,
the schemas and the code, so it can run in any process on any machine and be cached
under the digest of those inputs. A text's pages are a job of `edition.html.jobs`.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

from edition.detached import DetachedText
from edition.executor import gc_paused
from edition.extracts import text_extracts
from edition.model import read_text
from edition.paths import XML_ID
from edition.problems import EditionError, Problem
from edition.sources import Kind, SourceFile, parse_source
from edition.validate.skeleton import skeleton


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


def loads(data: bytes) -> CheckedFile:
    """Read a cached `CheckedFile`. The cache lives in the build's own output folder."""
    return pickle.loads(data)  # noqa: S301 - written by this program, see docs/scaling.md
