"""Corrections to citeproc-py where it departs from the CSL 1.0.2 specification.

citeproc-js, the reference processor (Zotero, Mendeley), follows the specification in these
points and the tests compare our output with it. Each correction wraps one citeproc-py method.
They are written for the exact citeproc-py release pinned in ``pyproject.toml`` and are
applied explicitly by `apply`: at the start of the commands that cite (`edition.cli`) and before the
first style is loaded in any process (`edition.citation.formatting`). `apply` first checks
that every method it replaces still has the signature the correction was written against
(and, for the two methods replaced whole, the same source), and refuses with one message
naming the method otherwise. ``docs/citeproc-fixes.md`` reports each correctness fix as it
would be reported upstream:

- ``initialize="false"`` on ``cs:name``: given names are printed in full, not reduced to
  initials (citeproc-py ignored the attribute: "A. Editor" instead of "Ada Editor");
- variables consumed by ``cs:substitute`` are suppressed in the rest of the entry (a book
  without author is listed under its editors, who are then not repeated as "Edited by");
  inside a ``cs:choose`` of the substitute too, only the first ``cs:names`` that gives names
  counts, and shorthand ``cs:names`` there inherit the ``cs:name`` and ``cs:label`` of the
  enclosing ``cs:names`` ("Editor, Ada, ed.");
- ``disambiguate="true"`` is false when nothing needs disambiguating (a citation of a single
  item never does; citeproc-py treated the test as always true and added titles);
- ``text-case`` applies to items and terms without a declared language as English
  ("(Ed.)" in APA, not "(ed.)").

Four lookups that never change for a loaded style are also remembered (macros by name,
locale terms, whether an element uses a variable, the elements an XPath selects), which
more than halves formatting time; the styles are loaded once and kept, so the elements
used as keys stay the same objects.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from citeproc import model, source
from citeproc.model import VariableError

from edition.problems import EditionError

CSL_NS = "http://purl.org/net/xbiblio/csl"
PINNED = "0.11.1"
"""The citeproc-py release the corrections are written for (pinned in pyproject.toml)."""
_APPLIED = False


def _names_process(original):  # noqa: ANN001, ANN202 - wraps a citeproc-py method
    def process(self, item, names_context=None, context=None, **kwargs):  # noqa: ANN001
        substitute = self.xpath_search("./ancestor::cs:substitute[1]")
        if names_context is None and self.find("cs:name", self.nsmap) is None and substitute:
            # shorthand <names> inside <substitute> (also within a <choose> there) inherit
            # the <name> and <label> of the <names> that holds the substitute
            names_context = substitute[0].getparent()
        layout_context = context if context is not None else self
        repressed = layout_context.get_layout().repressed
        done = f"substituted {id(substitute[0])}" if substitute else None
        if done in repressed:  # an earlier <names> of this substitute gave the names
            raise VariableError
        suppressed = {v for entry in repressed.get(self.tag, []) for v in (entry or "").split()}
        declared = self.get("variable", "")
        remaining = [r for r in declared.split() if r not in suppressed]
        if not remaining:
            raise VariableError
        self.set("variable", " ".join(remaining))
        try:
            result = original(self, item, names_context=names_context, context=context,
                              **kwargs)
        finally:
            self.set("variable", declared)
        if done and result:
            repressed[done] = []
            repressed.setdefault(self.tag, []).extend(
                r for r in remaining if r in item.reference)
        return result

    return process


def _name_initialize(original):  # noqa: ANN001, ANN202
    def initialize(self, given, mark, context):  # noqa: ANN001
        if self.get("initialize") == "false":
            return given
        return original(self, given, mark, context)

    return initialize


def _if_render(original):  # noqa: ANN001, ANN202
    def render(self, item, context=None, delimiter="", **kwargs):  # noqa: ANN001
        if self.get("disambiguate") == "true" and not (
                {"type", "variable", "is-numeric", "is-uncertain-date", "locator", "position"}
                & set(self.attrib)):
            raise model.ConditionFailed
        return original(self, item, context=context, delimiter=delimiter, **kwargs)

    return render


def _case(original):  # noqa: ANN001, ANN202
    def case(self, text, language=None):  # noqa: ANN001
        return original(self, text, language="en" if language is None else language)

    return case


_MACROS: dict[tuple[int, str], object] = {}


def _get_macro(self, name):  # noqa: ANN001, ANN202
    """Macros looked up in a dictionary instead of an XPath search per call (speed only;
    styles are loaded once and kept, so the root's identity is stable)."""
    root = self.get_root()
    key = (id(root), name)
    macro = _MACROS.get(key)
    if macro is None:
        macro = _MACROS[key] = root.xpath_search(f"cs:macro[@name='{name}'][1]")[0]
    return macro


_CALLS_VARIABLE: dict[object, bool] = {}
_TERMS: dict[tuple, object] = {}


def _cached_calls_variable(original):  # noqa: ANN001, ANN202
    """Whether a style element uses a variable never changes: computed once per element.
    The element is the key, which keeps its lxml proxy (and so its identity) alive."""
    def calls_variable(self):  # noqa: ANN001
        try:
            return _CALLS_VARIABLE[self]
        except KeyError:
            result = _CALLS_VARIABLE[self] = original(self)
            return result

    return calls_variable


def _cached_get_term(original):  # noqa: ANN001, ANN202
    def get_term(self, name, form=None, zero_padded=False):  # noqa: ANN001
        key = (self, name, form, zero_padded)
        if key not in _TERMS:
            try:
                _TERMS[key] = original(self, name, form, zero_padded)
            except IndexError as missing:
                _TERMS[key] = missing
        found = _TERMS[key]
        if isinstance(found, IndexError):
            raise IndexError
        return found

    return get_term


_XPATH: dict[tuple[object, str], list] = {}


def _cached_xpath_search(original):  # noqa: ANN001, ANN202
    """Every XPath citeproc-py evaluates on a style selects by the style's structure
    (ancestors, macros, terms, date parts by name), which never changes once loaded:
    evaluated once per element and expression. The element is the key, which keeps its
    lxml proxy alive; callers get a copy of the list."""
    def xpath_search(self, expression):  # noqa: ANN001
        key = (self, expression)
        found = _XPATH.get(key)
        if found is None:
            found = _XPATH[key] = original(self, expression)
        return list(found)

    return xpath_search


def _citation_item_reference(self):  # noqa: ANN001, ANN202 - a citeproc CitationItem
    """``CitationItem.reference`` as citeproc-py computes it (item → its citation → the
    bibliography → its source, by the item's key), without the three attribute lookups
    through ``__getattr__`` it makes for every variable of every element rendered."""
    return self["citation"]["bibliography"].source[self["key"]]


@dataclass(frozen=True)
class Patch:
    """One replaced attribute of a citeproc-py class, and what it must look like first."""

    owner: type
    name: str
    signature: str
    """``inspect.signature`` of the method replaced (of the getter, for a property)."""
    make: Callable[[Callable], object]
    """Given the original, the replacement."""
    source_sha256: str | None = None
    """For a method replaced whole (not wrapped): the digest of its source."""

    @property
    def where(self) -> str:
        return f"{self.owner.__module__}.{self.owner.__qualname__}.{self.name}"

    def original(self) -> Callable:
        found = inspect.getattr_static(self.owner, self.name)
        return found.fget if isinstance(found, property) else found


def _property(getter: Callable) -> Callable[[Callable], property]:
    return lambda original: property(getter)


def _replaced_by(function: Callable) -> Callable[[Callable], Callable]:
    return lambda original: function


PATCHES = (
    Patch(model.Names, "process", "(self, item, names_context=None, context=None, **kwargs)",
          _names_process),
    Patch(model.Name, "initialize", "(self, given, mark, context)", _name_initialize),
    Patch(model.If, "render", "(self, item, context=None, delimiter='', **kwargs)", _if_render),
    Patch(model.TextCased, "case", "(self, text, language=None)", _case),
    Patch(model.CitationStylesElement, "get_macro", "(self, name)", _replaced_by(_get_macro),
          "1947e6a92b5c7589e28bcd5f37145fad079352d0e3f380ba8af0fb81220799fe"),
    Patch(model.Parent, "calls_variable", "(self)", _cached_calls_variable),
    Patch(model.Text, "calls_variable", "(self)", _cached_calls_variable),
    Patch(model.Locale, "get_term", "(self, name, form=None, zero_padded=False)",
          _cached_get_term),
    Patch(source.CitationItem, "reference", "(self)", _property(_citation_item_reference),
          "294c16bf66b470677ed3f29eec1354e243ffdc9f8ea288aaf6627b4b82a2d6e3"),
    Patch(model.CitationStylesElement, "xpath_search", "(self, expression)",
          _cached_xpath_search),
)


def _source_digest(function: Callable) -> str | None:
    try:
        return hashlib.sha256(inspect.getsource(function).encode("utf-8")).hexdigest()
    except (OSError, TypeError):
        return None


def mismatches() -> list[str]:
    """How the installed citeproc-py differs from what the corrections replace."""
    found = []
    for patch in PATCHES:
        try:
            original = patch.original()
        except AttributeError:
            found.append(f"{patch.where} no longer exists")
            continue
        signature = str(inspect.signature(original))
        if signature != patch.signature:
            found.append(f"{patch.where}{signature} is not {patch.signature}")
        elif patch.source_sha256 and _source_digest(original) != patch.source_sha256:
            found.append(f"{patch.where} has other code than the one it replaces")
    return found


def apply() -> None:
    """Check, then install the corrections (once per process)."""
    global _APPLIED
    if _APPLIED:
        return
    problems = mismatches()
    if problems:
        installed = metadata.version("citeproc-py")
        raise EditionError(f"citeproc-py {installed} is not the release the corrections in "
                           f"edition/citation/citeproc_fixes.py are written for "
                           f"({PINNED}): {problems[0]}; install citeproc-py=={PINNED} or "
                           "revise the corrections (docs/citeproc-fixes.md)",
                           rule="citeproc-mismatch")
    for patch in PATCHES:
        setattr(patch.owner, patch.name, patch.make(patch.original()))
    _APPLIED = True
