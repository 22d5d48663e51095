"""A synthetic edition of N texts, made from the texts of a real one.

Each synthetic text is a copy of one real text (taken in turn) with every identifier
of its own renamed: the text id and the canonical references built from it
(``kis1957.12`` → ``kis1957-00042.12``), and every other ``xml:id`` of the file (notes,
witnesses, editors) given the same suffix, with the pointers to them (``#ed``,
``#W``) rewritten to match. Pointers into the registers are left alone, so all texts
share the registers and the edition header of the real edition, as the texts of a
large edition would.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from lxml import etree

from edition.paths import TEI_NS, XML_ID
from edition.sources import Kind, classify, find_xml_files
from edition.xmlparse import parse_file

# Attributes holding one or more ``#id`` pointers (whitespace-separated).
POINTER_ATTRIBUTES = ("ref", "resp", "wit", "who", "target", "corresp", "source", "sameAs",
                      "next", "prev", "hand", "synch", "ana", "facs", "spanTo")
T = f"{{{TEI_NS}}}"


def synthetic_id(text_id: str, number: int) -> str:
    return f"{text_id}-{number:05d}"


def rename_ids(tree: etree._ElementTree, text_id: str, new_id: str,
               elsewhere: dict[str, str] | None = None) -> None:
    """Give ``tree`` its own identifiers: ``text_id`` becomes ``new_id`` everywhere.

    Pointers to its own ids follow them; pointers into other texts follow ``elsewhere``
    (original text id → the id of its first synthetic copy); register pointers stay.
    """
    suffix = new_id[len(text_id):]
    renamed: dict[str, str] = {}
    for element in tree.getroot().iter():
        old = element.get(XML_ID)
        if old is None:
            continue
        if old == text_id or old.startswith(text_id + "."):
            new = new_id + old[len(text_id):]
        else:
            new = old + suffix
        renamed[old] = new
        element.set(XML_ID, new)
    repoint_all(tree, renamed, elsewhere or {})


def repoint_all(tree: etree._ElementTree, renamed: dict[str, str],
                texts: dict[str, str]) -> None:
    for element in tree.getroot().iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in POINTER_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                element.set(attribute, " ".join(_repoint(token, renamed, texts)
                                                for token in value.split()))


def _repoint(token: str, renamed: dict[str, str], texts: dict[str, str]) -> str:
    """``#x`` to a renamed id follows it; ``#kis1957.12`` or ``texts/kis1957.xml#…`` in
    another text goes to that text's first copy; anything else stays."""
    path, hash_sign, fragment = token.partition("#")
    if not hash_sign and not path.endswith(".xml"):
        return token
    if fragment in renamed and not path:
        return "#" + renamed[fragment]
    stem = Path(path).stem if path else fragment.split(".", 1)[0]
    if stem not in texts or (path and not path.endswith(f"{stem}.xml")):
        return token
    new_path = path[: len(path) - len(stem) - 4] + texts[stem] + ".xml" if path else ""
    new_fragment = texts[stem] + fragment[len(stem):] if fragment.startswith(stem) else fragment
    return new_path + (hash_sign + new_fragment if hash_sign else "")


def _list_texts(header: etree._ElementTree, files: list[str]) -> None:
    """Make the edition header's ``sourceDesc`` list the synthetic texts."""
    source_desc = header.getroot().find(f"{T}teiHeader/{T}fileDesc/{T}sourceDesc")
    if source_desc is None:
        return
    template = source_desc.find(f"{T}bibl")
    for old in source_desc.findall(f"{T}bibl"):
        source_desc.remove(old)
    for name in files:
        bibl = etree.SubElement(source_desc, f"{T}bibl")
        ref = etree.SubElement(bibl, f"{T}ref", target=f"texts/{name}")
        ref.text = Path(name).stem
        if template is not None:
            bibl.tail = template.tail
    if len(source_desc):
        source_desc[-1].tail = "\n      "


def generate(source: Path, out: Path, count: int) -> list[Path]:
    """Write an edition of ``count`` texts made from the texts of ``source`` into ``out``.

    Returns the paths of the synthetic texts. ``out`` is replaced if it exists.
    """
    parsed = [(path, parse_file(path)) for path in find_xml_files([source])]
    texts = [(p, t) for p, t in parsed if classify(t) is Kind.TEXT]
    if not texts:
        raise SystemExit(f"{source}: no TEI texts to copy")
    if out.exists():
        shutil.rmtree(out)
    text_paths = {p.resolve() for p, _ in texts}
    # everything but the texts as it is: registers, header, raw sources, configuration
    shutil.copytree(source, out, ignore=lambda folder, names: [
        n for n in names if (Path(folder) / n).resolve() in text_paths])
    (out / "texts").mkdir(exist_ok=True)
    ids = [(t.getroot().get(XML_ID) or p.stem) for p, t in texts]
    first_copies = {text_id: synthetic_id(text_id, n) for n, text_id in enumerate(ids)
                    if n < count}
    written: list[Path] = []
    for number in range(count):
        path, tree = texts[number % len(texts)]
        copy = etree.ElementTree(etree.fromstring(etree.tostring(tree)))
        text_id = ids[number % len(texts)]
        new_id = synthetic_id(text_id, number)
        rename_ids(copy, text_id, new_id, first_copies)
        target = out / "texts" / f"{new_id}.xml"
        copy.write(str(target), encoding="UTF-8", xml_declaration=True)
        written.append(target)
    for path, tree in parsed:
        if classify(tree) is not Kind.EDITION:
            continue
        _list_texts(tree, [w.name for w in written])
        repoint_all(tree, {}, first_copies)
        tree.write(str(out / path.relative_to(source)), encoding="UTF-8", xml_declaration=True)
    return written


def default_source() -> Path:
    """The bundled edition once it has texts, else the miniature test edition."""
    from edition.paths import BUNDLED_EDITION, PROJECT_ROOT

    if any((BUNDLED_EDITION / "texts").glob("*.xml")) and any(
            (BUNDLED_EDITION / "registers").glob("*.xml")):
        return BUNDLED_EDITION
    return PROJECT_ROOT / "tests" / "fixtures" / "mini"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of texts")
    parser.add_argument("out", type=Path, help="folder to write the edition into")
    parser.add_argument("--source", type=Path, default=None, help="edition to copy texts from")
    args = parser.parse_args()
    generate(args.source or default_source(), args.out, args.count)


if __name__ == "__main__":
    main()
