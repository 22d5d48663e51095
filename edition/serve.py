"""`edition serve`: build, serve the site on loopback, rebuild on every save.

The site is built into the edition's output folder as `edition build` builds it (only
what a save changed is made again, see `edition.incremental`), and served from there.
Pages are changed on the way out only: each HTML response gets a stylesheet and a
script from ``/__edition__/`` (the same origin, so the pages' Content-Security-Policy
allows them) that wait for the next build and reload the page; while the last save does
not build, a banner lists its problems above the last good build. The built files never
hold either.
"""

from __future__ import annotations

import http.server
import json
import queue
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from edition.config import Project
from edition.output import clear_stale_staging
from edition.paths import TEMPLATES_DIR
from edition.problems import ContentErrors, EditionError, summary

SERVE_TEMPLATES = TEMPLATES_DIR / "serve"
PREFIX = "/__edition__/"
WAIT_SECONDS = 20.0
"""How long a page's request for the next build is held before it asks again."""
WATCHED = {".xml", ".toml", ".txt"}
"""Suffixes of files whose removal matters (other vanished files were temporary)."""
_BODY = re.compile(rb"<body\b[^>]*>", re.I)
_HEAD_END = re.compile(rb"</head\s*>", re.I)


@dataclass
class SiteState:
    """What the pages are told: the number of the latest build attempt and, when it
    failed, its problems (one line each)."""

    generation: int = 0
    problems: list[str] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, problems: list[str]) -> None:
        with self.changed:
            self.generation += 1
            self.problems = problems
            self.changed.notify_all()

    def wait(self, since: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != since, timeout)
            return self.generation


@dataclass(frozen=True)
class ServeOptions:
    project: Project
    host: str
    port: int
    pdf: bool = False
    jobs: int | None = None
    out: Path | None = None

    @property
    def out_dir(self) -> Path:
        return (self.out or self.project.out).resolve()


# ------------------------------------------------------------------ pages on the way out

_templates = Environment(loader=FileSystemLoader(SERVE_TEMPLATES),
                         autoescape=select_autoescape(["html"]), keep_trailing_newline=True)


def decorate(page: bytes, state: SiteState, served: bool = True) -> bytes:
    """``page`` with the reload script, and the banner while the last save fails."""
    head = _templates.get_template("head.html").render(generation=state.generation).encode()
    page = _insert(page, _HEAD_END, head, before=True)
    if state.problems:
        banner = _templates.get_template("banner.html").render(
            problems=state.problems, served=served).encode()
        page = _insert(page, _BODY, banner, before=False)
    return page


def _insert(page: bytes, pattern: re.Pattern[bytes], markup: bytes, before: bool) -> bytes:
    match = pattern.search(page)
    if match is None:
        return markup + page
    at = match.start() if before else match.end()
    return page[:at] + markup + page[at:]


def _handler(site: Path, state: SiteState) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(site), **kwargs)  # type: ignore[arg-type]

        def do_GET(self) -> None:  # noqa: N802 - the http.server protocol
            path = urlsplit(self.path).path
            if path.startswith(PREFIX):
                self._own(path[len(PREFIX):])
                return
            file = Path(self.translate_path(path))
            if file.is_dir():
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file():
                self._send(decorate(file.read_bytes(), state), "text/html; charset=utf-8")
            elif not (site / "index.html").is_file():
                page = _templates.get_template("unbuilt.html").render().encode()
                self._send(decorate(page, state, served=False), "text/html; charset=utf-8",
                           status=503)
            else:
                super().do_GET()

        def _own(self, name: str) -> None:
            if name == "wait":
                query = parse_qs(urlsplit(self.path).query)
                since = int((query.get("since") or ["-1"])[0] or -1)
                body = json.dumps({"generation": state.wait(since, WAIT_SECONDS)}).encode()
                self._send(body, "application/json")
            elif name in {"reload.js", "serve.css"}:
                kind = "text/javascript" if name.endswith(".js") else "text/css"
                self._send((SERVE_TEMPLATES / name).read_bytes(), f"{kind}; charset=utf-8")
            else:
                self.send_error(404)

        def _send(self, body: bytes, kind: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")  # a reload shows the new build
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # the terminal shows builds, not requests

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True  # open pages waiting for a build do not hold up the stop


# ------------------------------------------------------------------ building and watching

def build_once(options: ServeOptions, state: SiteState, say: Callable[[str], None]) -> None:
    """Build the edition; publish the outcome to the pages and the terminal."""
    from edition.build import BuildOptions, build

    try:
        report = build(BuildOptions(source=options.project.source, out=options.out_dir,
                                    pdf=options.pdf, jobs=options.jobs))
    except ContentErrors as errors:
        lines = [str(p) for p in errors.problems]
        for line in [*lines, summary(errors.problems), "serving the last good build"]:
            say(line)
        state.publish(lines)
        return
    except EditionError as error:
        say(str(error))
        say("serving the last good build")
        state.publish([str(error)])
        return
    for line in report.lines():
        say(line)
    state.publish([])


def _watched(options: ServeOptions) -> list[Path]:
    """The TEI folder, and edition.toml when it lies outside it."""
    source = options.project.source.resolve()
    config = options.project.file
    return [source] + ([config.resolve()] if config and not config.is_relative_to(source)
                       else [])


def changes(options: ServeOptions, stop: threading.Event) -> Iterator[set[Path]]:
    """Sets of files saved in the edition, a set for each burst of saves; never the
    output folder, staging folders, hidden files or editors' back-up files."""
    import watchfiles

    out, roots = options.out_dir, _watched(options)

    class EditionFilter(watchfiles.DefaultFilter):
        def __call__(self, change: watchfiles.Change, path: str) -> bool:
            file = Path(path)
            if not super().__call__(change, path) or file.is_relative_to(out):
                return False
            inside = next((file.relative_to(r).parts for r in roots if file.is_relative_to(r)
                           and r.is_dir()), ())
            return not any(part.startswith(".") for part in inside)

    for batch in watchfiles.watch(*roots, watch_filter=EditionFilter(),
                                  stop_event=stop, debounce=1600, step=50,
                                  raise_interrupt=False, rust_timeout=500):
        yield {Path(path) for _, path in batch}


def _watching(options: ServeOptions, stop: threading.Event) -> queue.Queue[set[Path]]:
    """Watch in a thread of its own from now on, so that saves made during a build (the
    first one included) are not missed: each burst of saves arrives on the queue."""
    saves: queue.Queue[set[Path]] = queue.Queue()

    def watch() -> None:
        for saved in changes(options, stop):
            saves.put(saved)

    threading.Thread(target=watch, name="edition-watch", daemon=True).start()
    return saves


def _next_saves(saves: queue.Queue[set[Path]]) -> set[Path]:
    """The next burst of saves, with every burst already waiting merged into it."""
    while True:
        try:
            saved = saves.get(timeout=0.5)  # short waits: Ctrl-C is handled between them
            break
        except queue.Empty:
            continue
    while not saves.empty():
        saved |= saves.get_nowait()
    return saved


def serve(options: ServeOptions, say: Callable[[str], None] = print) -> None:
    """Build, serve and rebuild until Ctrl-C (or SIGTERM); then stop cleanly, leaving
    no staging folder behind."""
    state = SiteState()
    stop = threading.Event()
    try:
        server = _Server((options.host, options.port), _handler(options.out_dir / "html", state))
    except OSError as error:
        raise EditionError(f"cannot listen on {options.host}:{options.port}: {error.strerror}; "
                           "choose another port with --port (0: any free port)",
                           rule="serve") from None
    host, port = server.server_address[:2]
    thread = threading.Thread(target=server.serve_forever, name="edition-serve", daemon=True)
    # Ctrl-C and SIGTERM both stop; SIGINT is set explicitly because a shell starts a
    # background job with it ignored
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        saves = _watching(options, stop)
        build_once(options, state, say)
        thread.start()
        say(f"serving http://{_url_host(str(host))}:{port}/ from {options.out_dir / 'html'} "
            f"(Ctrl-C stops)")
        _rebuild_on_save(options, state, saves, say)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        if thread.is_alive():
            server.shutdown()
        server.server_close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        clear_stale_staging(options.out_dir)
        say("stopped")


def _rebuild_on_save(options: ServeOptions, state: SiteState, saves: queue.Queue[set[Path]],
                     say: Callable[[str], None]) -> None:
    while True:
        saved = {p for p in _next_saves(saves) if p.exists() or p.suffix in WATCHED}
        if not saved:  # an editor's temporary file, come and gone
            continue
        started = time.perf_counter()
        say(f"changed: {', '.join(sorted(_shown(p, options) for p in saved))}")
        build_once(options, state, say)
        say(f"rebuilt in {time.perf_counter() - started:.2f}s")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _shown(path: Path, options: ServeOptions) -> str:
    root = options.project.root
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
