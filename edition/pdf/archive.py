"""Writing the laid-out book as an archival PDF.

- PDF/A-3b, with the TEI sources embedded as associated files (relationship ``Source``
  for a text, ``Supplement`` for the edition header and registers);
- page labels, so viewers show the folios as printed (i, ii … for the front matter,
  then the book's page numbers);
- reproducible: the document dates and the attachments' dates are the build time
  (``SOURCE_DATE_EPOCH`` when set), and the file identifier is a hash of the content
  (WeasyPrint's default for PDF/A), so the same sources give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pydyf
from weasyprint import Attachment, Document

from edition.clock import build_time
from edition.model import Edition, Text
from edition.problems import EditionError

PDF_VARIANT = "pdf/a-3b"


@dataclass(frozen=True)
class EmbeddedFile:
    path: Path
    name: str
    description: str
    relationship: str


def text_files(edition: Edition, text: Text) -> list[EmbeddedFile]:
    return [EmbeddedFile(text.path, f"{text.id}.xml",
                         f"TEI source of {text.meta.title}", "Source")]


def edition_files(edition: Edition) -> list[EmbeddedFile]:
    """Every text's TEI, then the edition header and the registers."""
    files = [f for text in edition.texts for f in text_files(edition, text)]
    if edition.header_path is not None:
        files.append(EmbeddedFile(edition.header_path, "edition.xml",
                                  "TEI header of the edition", "Supplement"))
    for register in sorted(edition.registers.values(), key=lambda r: r.kind.value):
        files.append(EmbeddedFile(register.path, f"register-{register.path.name}",
                                  f"TEI register: {register.title}", "Supplement"))
    unique: dict[Path, EmbeddedFile] = {}
    for file in files:
        unique.setdefault(file.path, file)
    return list(unique.values())


def _attachments(files: list[EmbeddedFile]) -> list[Attachment]:
    when = build_time().replace(tzinfo=None)
    attachments = []
    for file in files:
        try:
            data = file.path.read_bytes()
        except OSError as error:
            raise EditionError(f"cannot read file to embed: {error.strerror}",
                               path=file.path, rule="pdf-attachment") from None
        attachments.append(Attachment(string=data, name=file.name,
                                      description=file.description, created=when,
                                      modified=when, relationship=file.relationship))
    return attachments


def _page_labels(front_pages: int, first_folio: int):  # noqa: ANN202 - WeasyPrint finisher
    """A finisher that labels the front matter i, ii … and the rest from ``first_folio``."""

    def finish(_document: Document, pdf: pydyf.PDF) -> None:
        numbers = pydyf.Array()
        if front_pages:
            numbers.extend([0, pydyf.Dictionary({"S": "/r"})])
        numbers.extend([front_pages, pydyf.Dictionary({"S": "/D", "St": first_folio})])
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": numbers})

    return finish


def write(document: Document, target: Path, files: list[EmbeddedFile], *,
          front_pages: int, first_folio: int) -> None:
    """Write ``document`` to ``target`` as PDF/A-3b with ``files`` embedded."""
    try:
        document.write_pdf(target, pdf_variant=PDF_VARIANT,
                           attachments=_attachments(files),
                           finisher=_page_labels(front_pages, first_folio))
    except OSError as error:
        raise EditionError(f"cannot write PDF: {error.strerror}", path=target,
                           rule="pdf-write") from None
