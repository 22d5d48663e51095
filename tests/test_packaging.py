"""The distribution is complete: a wheel installed into a fresh virtual environment,
with no repository around, runs `edition new` → validate → build → cite → package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

from edition import paths

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
RESOURCE_FOLDERS = {"edition.xslt": "xslt", "edition.templates": "templates",
                    "edition.schema": "tei/schema"}


def _tracked(*folders: str) -> list[str]:
    """Files of the working tree that git would commit (tracked, or new and not ignored)."""
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "--", *folders],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return sorted(f for f in out.splitlines() if (ROOT / f).is_file())


def test_every_package_of_the_tree_is_listed_in_pyproject() -> None:
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "edition").rglob(
        "__init__.py") if "__pycache__" not in p.parts}
    assert set(SETUPTOOLS["packages"]) == found | set(RESOURCE_FOLDERS)
    assert SETUPTOOLS["package-dir"] == RESOURCE_FOLDERS


def test_every_resource_file_is_package_data() -> None:
    for package, folder in RESOURCE_FOLDERS.items():
        declared = {p.relative_to(ROOT / folder).as_posix()
                    for pattern in SETUPTOOLS["package-data"][package]
                    for p in (ROOT / folder).glob(pattern) if p.is_file()}
        files = {Path(f).relative_to(folder).as_posix() for f in _tracked(folder)}
        assert files - {"__init__.py"} - declared == set(), package
        assert declared <= files


def test_resources_are_the_installed_packages_folders() -> None:
    from importlib import resources

    assert paths.XSLT_DIR == resources.files("edition.xslt")
    assert (paths.XSLT_DIR / "html.xsl").is_file()
    assert (paths.TEMPLATES_DIR / "html" / "base.html").is_file()
    assert paths.RELAXNG_SCHEMA.is_file() and paths.SCHEMATRON_SCHEMA.is_file()


# ------------------------------------------------------------------ a wheel, installed


def _run(args: list[str | Path], cwd: Path, env: dict[str, str], timeout: int = 900,
         ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    if ok:
        assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def clean_env() -> dict[str, str]:
    """The environment less anything that would let the repository's code leak in."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(ROOT)))
    return env


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the working tree to build from (setuptools writes build/ beside the
    sources, where the bundled edition's output is)."""
    copy = tmp_path_factory.mktemp("source") / "edition"
    for name in _tracked():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    return copy


@pytest.fixture(scope="module")
def wheel(source: Path, tmp_path_factory: pytest.TempPathFactory,
          clean_env: dict[str, str]) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    started = time.perf_counter()
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source],
         cwd=dist, env=clean_env)
    print(f"\nwheel built in {time.perf_counter() - started:.1f}s")
    (found,) = dist.glob("edition-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory,
              clean_env: dict[str, str]) -> Path:
    """A fresh venv outside the repository with the wheel and its dependencies."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    started = time.perf_counter()
    _run([sys.executable, "-m", "venv", venv], cwd=venv.parent, env=clean_env)
    _run([venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check",
          wheel], cwd=venv.parent, env=clean_env)
    print(f"\ninstalled into a fresh venv in {time.perf_counter() - started:.1f}s")
    return venv


@pytest.mark.slow
def test_the_wheel_carries_every_resource_and_no_edition(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    print(f"\n{wheel.name}: {wheel.stat().st_size / 1024:.0f} KiB, {len(names)} files")
    for package, folder in RESOURCE_FOLDERS.items():
        inside = package.replace(".", "/")
        for name in _tracked(folder):
            assert f"{inside}/{Path(name).relative_to(folder).as_posix()}" in names, name
    assert not [n for n in names if n.startswith(("tei/", "tests/", "bench/", "xslt/"))]
    assert not [n for n in names if "/texts/" in n or n.endswith(".txt") and "sources" in n]


def test_the_sdist_carries_every_resource(source: Path, tmp_path: Path,
                                          clean_env: dict[str, str]) -> None:
    made = _run([sys.executable, "-c", "import sys; from setuptools import build_meta; "
                 "print(build_meta.build_sdist(sys.argv[1]))", tmp_path], cwd=source,
                env=clean_env).stdout.split()[-1]
    with tarfile.open(tmp_path / made) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    for folder in RESOURCE_FOLDERS.values():
        assert set(_tracked(folder)) <= names, folder


@pytest.mark.slow
def test_an_installed_wheel_makes_builds_cites_and_packages_an_edition_anywhere(
        installed: Path, tmp_path: Path, clean_env: dict[str, str]) -> None:
    edition = installed / "bin" / "edition"
    located = _run([installed / "bin" / "python", "-c",
                    "import edition.paths as p; print(p.XSLT_DIR, p.RELAXNG_SCHEMA)"],
                   cwd=tmp_path, env=clean_env).stdout
    assert str(ROOT) not in located and str(installed) in located

    started = time.perf_counter()
    _run([edition, "new", "letters", "--title", "Letters of 1890", "--editor", "Doe, Jane"],
         cwd=tmp_path, env=clean_env)
    folder = tmp_path / "letters"
    done = _run([edition, "validate"], cwd=folder, env=clean_env)
    assert "no problems" in done.stderr
    done = _run([edition, "build"], cwd=folder, env=clean_env)
    print(f"\nedition new + validate + first build: {time.perf_counter() - started:.1f}s")
    assert "warning" not in done.stdout

    site = folder / "build" / "html"
    page = (site / "texts" / "sample.html").read_text(encoding="utf-8")
    assert "Thomas Reed" in page and "received" in page and "Content-Security-Policy" in page
    assert (site / "index.html").read_text(encoding="utf-8").count("Letters of 1890") >= 1
    assert (site / "assets" / "edition.css").is_file()
    assert (site / "registers" / "persons.html").is_file()

    pdf = folder / "build" / "pdf" / "letters.pdf"
    text = _run(["pdftotext", pdf, "-"], cwd=folder, env=clean_env).stdout
    assert "Letters of 1890" in text and "I have received your letter" in text
    fonts = _run(["pdffonts", pdf], cwd=folder, env=clean_env).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)

    done = _run([edition, "cite", "sample.1.2"], cwd=folder / "texts", env=clean_env)
    assert "A Sample Letter" in done.stdout and "Letters of 1890" in done.stdout

    done = _run([edition, "package"], cwd=folder, env=clean_env)
    bag = folder / "build" / "deposit" / "letters-0.1.0.zip"
    assert bag.is_file()
    done = _run([edition, "package", "--check", bag], cwd=folder, env=clean_env)
    assert "bag is complete and valid" in done.stdout
    with zipfile.ZipFile(bag) as archive:
        names = {n.split("/", 1)[1] for n in archive.namelist()}
    assert {"data/tei/edition.xml", "data/tei/texts/sample.xml", "data/tei/schema/edition.rng",
            "data/tei/schema/edition.sch", "data/html/texts/sample.html",
            "data/pdf/letters.pdf", "data/metadata/datacite.xml", "bagit.txt"} <= names
    assert not [n for n in names if "__init__" in n or "__pycache__" in n]
