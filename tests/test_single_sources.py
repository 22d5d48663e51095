"""Rules every output follows are written once: the TEI namespace, how names are joined and
a source is described, the kinds of entries, the citation styles, the edition's folder."""

from __future__ import annotations

import ast
from pathlib import Path

from markupsafe import Markup

from edition.citation_styles import CITATION_STYLES, STYLE_LABELS, STYLES
from edition.describe import listed_names, prose_names, source_line, source_note
from edition.metadata import Contributor
from edition.model import EntityKind
from edition.paths import TEI_NS, T

PACKAGE = Path(__file__).resolve().parent.parent / "edition"


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
            for path in sorted(PACKAGE.rglob("*.py"))]


def test_the_tei_namespace_is_spelled_in_one_module() -> None:
    spelled = [f"{path.relative_to(PACKAGE)}:{node.lineno}" for path, tree in _modules()
               for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str)
               and "tei-c.org/ns/1.0" in node.value]
    assert [place.split(":")[0] for place in spelled] == ["paths.py"]
    assert T == f"{{{TEI_NS}}}"


def _joins_names(node: ast.AST) -> bool:
    """``", ".join(x.name for x in …)``, the rule `edition.describe` owns."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "join" and len(node.args) == 1
            and isinstance(node.args[0], ast.GeneratorExp | ast.ListComp)
            and isinstance(node.args[0].elt, ast.Attribute) and node.args[0].elt.attr == "name")


def test_names_are_joined_only_by_the_describing_module() -> None:
    joins = [f"{path.relative_to(PACKAGE)}:{node.lineno}" for path, tree in _modules()
             for node in ast.walk(tree) if _joins_names(node)]
    assert [j.split(":")[0] for j in joins] == ["describe.py"]


def test_names_are_listed_on_the_web_and_written_as_prose_in_print() -> None:
    people = tuple(Contributor(literal=name) for name in ("Ada Editor", "Kim Jun Hyok", "Li Na"))
    assert listed_names(people) == "Ada Editor, Kim Jun Hyok, Li Na"
    assert prose_names(people) == "Ada Editor, Kim Jun Hyok and Li Na"
    assert prose_names(people[:1]) == "Ada Editor" and prose_names(()) == ""


def test_web_and_print_describe_a_source_with_the_same_words(mini_edition: Path) -> None:
    from edition.model import load_edition

    source = load_edition(mini_edition).texts[0].meta.sources[0]
    assert source_line(source) == Markup(source_note(source)).striptags()
    assert "<i>Collected Letters</i>" in source_note(source)
    assert "<" not in source_line(source)


def test_every_label_of_a_kind_comes_from_its_one_name() -> None:
    assert [(k.noun, k.plural, k.heading) for k in EntityKind] == [
        ("Person", "persons", "Persons"), ("Place", "places", "Places"),
        ("Organisation", "organisations", "Organisations"), ("Event", "events", "Events")]


def test_the_command_line_the_pages_and_the_processor_offer_the_same_styles(
        mini_site: Path) -> None:
    from edition.cli.cite import Style

    names = [style.name for style in CITATION_STYLES]
    assert [s.value for s in Style] == names == list(STYLES) == list(STYLE_LABELS)
    page = (mini_site / "texts" / "mini1.html").read_text(encoding="utf-8")
    for style in CITATION_STYLES:
        assert f'<dt>{style.label}</dt><dd><p class="citation" data-style="{style.name}">' in page


def test_the_edition_folder_is_found_from_its_files_or_else_is_their_folder(
        mini_edition: Path, tmp_path: Path) -> None:
    from edition.validate import files_root

    texts = sorted((mini_edition / "texts").glob("*.xml"))
    assert files_root(texts) == mini_edition.resolve()
    loose = [tmp_path / "a.xml", tmp_path / "b.xml"]
    for path in loose:
        path.write_text("<TEI/>", encoding="utf-8")
    assert files_root(loose) == tmp_path.resolve()
    assert files_root(loose[:1]) == tmp_path.resolve()
