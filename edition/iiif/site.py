"""IIIF for the texts with facsimiles: image services and a Presentation 3 manifest each.

    iiif/<text-id>/manifest.json            Presentation API 3.0: a canvas per surface,
                                            the page image painted on it, the page's
                                            transcription and each zone's line as
                                            supplementing annotations
    iiif/<text-id>/<surface-id>/info.json   Image API 3.0 Level 0 (`edition.iiif.images`)

A remote image (``graphic/@url`` with http(s)) is painted on its canvas by its address,
never fetched; its canvas takes the size the ``graphic`` declares. A local image that is
missing, unreadable or over the pixel limit is reported in one line and left out.

The same surfaces, read by `page_views`, give the text page its facsimile viewer, so the
page and the image services always agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from edition.describe import listed_names
from edition.html import meta as html_meta
from edition.html import urls
from edition.iiif.facsimile import Surface, Zone, place_zones, read_surfaces, transcriptions
from edition.iiif.images import (
    ImageProblem,
    Layout,
    image_size,
    info_json,
    size_path,
    write_tiles,
)
from edition.links import site_link
from edition.model import Edition, Text
from edition.paths import TEI_NS
from edition.problems import Problem, Severity, display_path
from edition.url_safety import is_safe_external, web_url

FOLDER = "iiif"
PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
RIGHTS_HOSTS = ("creativecommons.org/", "rightsstatements.org/")


def manifest_path(text_id: str) -> str:
    return f"{FOLDER}/{urls.safe_name(text_id)}/manifest.json"


def service_path(text_id: str, surface_id: str) -> str:
    return f"{FOLDER}/{urls.safe_name(text_id)}/{urls.safe_name(surface_id)}"


@dataclass(frozen=True)
class PageView:
    """What the text page's viewer shows of one surface (paths relative to the site)."""

    id: str
    label: str
    width: int
    height: int
    image: str | None
    """The size shown at first; None for a remote image."""
    display: tuple[int, int]
    service: str | None
    scale_factors: tuple[int, ...]
    tile: int
    zones: tuple[Zone, ...]
    remote: str | None = None


def _sized(text: Text, surface: Surface) -> tuple[int, int]:
    """The image's pixel size: read from a local file's header, declared for a remote one."""
    if surface.image is not None:
        return image_size(surface.image)
    if not is_safe_external(surface.url):
        raise ImageProblem(f"graphic/@url {surface.url!r} is neither a file beside the text "
                           "nor an http(s) address")
    if surface.declared is None:
        raise ImageProblem(f"remote image {surface.url} has no @width and @height in pixels, "
                           "so its canvas has no size")
    return surface.declared


def _surfaces(text: Text) -> tuple[list[tuple[Surface, tuple[int, int]]], list[Problem]]:
    root = text.tree.getroot()
    found, problems = [], []
    pages, lines = transcriptions(root)
    for surface in read_surfaces(root, text.path):
        try:
            size = _sized(text, surface)
        except ImageProblem as problem:
            problems.append(Problem(display_path(text.path), surface.line, 1, Severity.WARNING,
                                    f"surface {surface.id}: {problem}; the page is published "
                                    "without its image", "iiif-image"))
            continue
        if surface.image is not None and surface.declared not in (None, size):
            problems.append(Problem(
                display_path(text.path), surface.line, 1, Severity.WARNING,
                f"surface {surface.id}: the graphic declares {surface.declared[0]} × "
                f"{surface.declared[1]} pixels, the image {surface.image.name} has "
                f"{size[0]} × {size[1]}; the image's own size is used", "iiif-image-size"))
        place_zones(root, surface, size, lines)
        surface.transcription = pages.get(surface.id, "")
        found.append((surface, size))
    return found, problems


def page_views(text: Text) -> list[PageView]:
    """The facsimile pages of ``text`` for its page's viewer (empty without a facsimile)."""
    views = []
    for surface, size in _surfaces(text)[0]:
        layout = Layout(*size)
        local = surface.image is not None
        service = service_path(text.id, surface.id) if local else None
        views.append(PageView(
            surface.id, surface.label, size[0], size[1],
            f"{service}/{size_path(layout.display())}" if local else None,
            layout.display() if local else size, service,
            tuple(layout.scale_factors) if local else (), layout.tile,
            tuple(surface.zones), None if local else surface.url))
    return views


def write_iiif(edition: Edition, site: Path) -> list[Problem]:
    """Image services and a manifest for every text with a facsimile."""
    base = html_meta.base_url(edition)
    problems: list[Problem] = []
    for text in edition.texts:
        surfaces, found = _surfaces(text)
        problems += found
        if not surfaces:
            continue
        canvases = []
        for surface, size in surfaces:
            if surface.image is not None:
                try:
                    _write_service(base, site, text, surface, size)
                except ImageProblem as problem:
                    problems.append(Problem(display_path(text.path), surface.line, 1,
                                            Severity.WARNING, f"surface {surface.id}: {problem}",
                                            "iiif-image"))
                    continue
            canvases.append((surface, size))
        at = manifest_path(text.id)
        target = site / at
        target.parent.mkdir(parents=True, exist_ok=True)
        data = manifest(edition, text, canvases, base, at)
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return problems


def _write_service(base: str | None, site: Path, text: Text, surface: Surface,
                   size: tuple[int, int]) -> None:
    folder = service_path(text.id, surface.id)
    write_tiles(surface.image, site / folder)
    at = f"{folder}/info.json"
    service_id = site_link(base, at, folder) if base else f"../{folder.rsplit('/', 1)[-1]}"
    (site / at).write_text(json.dumps(info_json(service_id, Layout(*size)), indent=1),
                           encoding="utf-8")


def manifest(edition: Edition, text: Text, canvases: list[tuple[Surface, tuple[int, int]]],
             base: str | None, at: str) -> dict:
    """The Presentation 3 manifest of ``text``. Its ids are absolute below the base URL;
    an edition without one gets ids relative to the manifest, which this site resolves
    but other viewers may not."""
    meta, book = text.meta, edition.meta
    lang = meta.language or "en"

    def link(target: str) -> str:
        return site_link(base, at, target)

    def values(*items: str | None) -> dict:
        return {lang: [i for i in items if i]}

    metadata = [(label, value) for label, value in (
        ("Author", listed_names(meta.authors)),
        ("Date", meta.date),
        ("Edition", book.full_title),
        ("Publisher", book.publisher)) if value]
    data: dict = {
        "@context": PRESENTATION_CONTEXT,
        "id": link(at),
        "type": "Manifest",
        "label": values(meta.title),
        "metadata": [{"label": {"en": [label]}, "value": values(value)}
                     for label, value in metadata],
        "requiredStatement": {"label": {"en": ["Attribution"]},
                              "value": values(book.publisher, meta.licence or book.licence)},
        "homepage": [{"id": link(urls.text_page(text.id)), "type": "Text",
                      "label": values(meta.title), "format": "text/html"}],
        "seeAlso": [{"id": link(urls.tei_file(text.id)), "type": "Dataset",
                     "format": "application/tei+xml",
                     "profile": TEI_NS}],
        "items": [_canvas(text, surface, size, link, lang) for surface, size in canvases],
    }
    rights = web_url(meta.licence_url or book.licence_url)
    if rights and any(host in rights for host in RIGHTS_HOSTS):
        data["rights"] = rights
    if meta.abstract:
        data["summary"] = values(meta.abstract)
    return data


def _canvas(text: Text, surface: Surface, size: tuple[int, int], link, lang: str) -> dict:  # noqa: ANN001
    folder = service_path(text.id, surface.id)
    canvas = link(f"{FOLDER}/{urls.safe_name(text.id)}/canvas/{urls.safe_name(surface.id)}")
    width, height = size
    if surface.image is not None:
        body = {"id": link(f"{folder}/full/max/0/default.jpg"), "type": "Image",
                "format": "image/jpeg", "width": width, "height": height,
                "service": [{"id": link(folder), "type": "ImageService3",
                             "profile": "level0"}]}
    else:
        body = {"id": surface.url, "type": "Image", "width": width, "height": height}
    notes = []
    if surface.transcription:
        notes.append({"id": f"{canvas}/transcription", "type": "Annotation",
                      "motivation": "supplementing",
                      "body": {"type": "TextualBody", "value": surface.transcription,
                               "format": "text/plain", "language": lang},
                      "target": canvas})
    for zone in surface.zones:
        if not zone.line:
            continue
        box = ",".join(str(round(v)) for v in (zone.x, zone.y, zone.width, zone.height))
        notes.append({"id": f"{canvas}/zone/{urls.safe_name(zone.id)}", "type": "Annotation",
                      "motivation": "supplementing",
                      "body": {"type": "TextualBody", "value": zone.line,
                               "format": "text/plain", "language": lang},
                      "target": f"{canvas}#xywh={box}"})
    data = {
        "id": canvas, "type": "Canvas", "label": {"none": [surface.label]},
        "width": width, "height": height,
        "items": [{"id": f"{canvas}/paint", "type": "AnnotationPage",
                   "items": [{"id": f"{canvas}/paint/image", "type": "Annotation",
                              "motivation": "painting", "body": body, "target": canvas}]}],
    }
    if notes:
        data["annotations"] = [{"id": f"{canvas}/annotations", "type": "AnnotationPage",
                                "items": notes}]
    return data
