"""Writing the laid-out parts of the book as archival PDF.

Each part is written by WeasyPrint as PDF/A-3b; the part that opens a PDF (the book's
front matter, an offprint's title pages) carries the embedded files and the document
metadata, and the assembly (`edition.pdf.assemble`) adds the other parts' pages to it.

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


def read_embedded(file: EmbeddedFile) -> bytes:
    try:
        return file.path.read_bytes()
    except OSError as error:
        raise EditionError(f"cannot read file to embed: {error.strerror}",
                           path=file.path, rule="pdf-attachment") from None


def _attachments(files: list[EmbeddedFile]) -> list[Attachment]:
    when = build_time().replace(tzinfo=None)
    attachments = []
    for file in files:
        attachments.append(Attachment(string=read_embedded(file), name=file.name,
                                      description=file.description, created=when,
                                      modified=when, relationship=file.relationship))
    return attachments


def part_pdf(document: Document, files: list[EmbeddedFile], tagged: bool = False) -> bytes:
    """``document`` as PDF/A-3b bytes with ``files`` embedded; ``tagged``: with its
    structure tree, for PDF/UA."""
    return document.write_pdf(pdf_variant=PDF_VARIANT, attachments=_attachments(files),
                              pdf_tags=tagged)
