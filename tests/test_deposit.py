"""`edition deposit` against an InvenioRDM on loopback (tests/invenio_server.py): the draft,
the reserved DOI, the metadata from the bag's DataCite record, files with checksums,
retries, resuming, publishing only when asked, new versions, and a token never shown."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from invenio_server import EXPIRED, TOKEN, Failure, Repository, serve
from typer.testing import CliRunner

from edition.cli import app
from edition.deposit.http import Api, DepositError
from edition.deposit.mapping import invenio_metadata

BAG_NAME = "mini-1.2.0.zip"


@pytest.fixture
def server() -> Iterator[tuple[str, Repository]]:
    httpd, repository = serve()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", repository
    finally:
        httpd.shutdown()
        httpd.server_close()


def package(source: Path, build_dir: Path) -> Path:
    result = CliRunner().invoke(app, ["package", "--source", str(source), "--build",
                                      str(build_dir)], env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.exit_code == 0, result.output
    [zipped] = (build_dir / "deposit").glob("*.zip")
    return zipped


@pytest.fixture(scope="module")
def edition_copy(mini_edition: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(mini_edition, tmp_path_factory.mktemp("deposit") / "mini"))


@pytest.fixture(scope="module")
def draft_bag(edition_copy: Path) -> Path:
    """The mini edition packaged without a DOI (a draft bag)."""
    return package(edition_copy, edition_copy.parent / "build")


@pytest.fixture
def bag(draft_bag: Path, tmp_path: Path) -> Path:
    """A copy of the draft bag of its own, so that each test has its own deposit state."""
    return Path(shutil.copyfile(draft_bag, tmp_path / BAG_NAME))


def deposit(url: str, bag: Path, *options: str, token: str = TOKEN):  # noqa: ANN201
    return CliRunner().invoke(app, ["deposit", "invenio", str(bag), "--url", url, *options],
                              env={"INVENIO_TOKEN": token})


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def bag_record(bag: Path) -> dict:
    with zipfile.ZipFile(bag) as archive:
        return json.loads(archive.read(f"{bag.stem}/data/metadata/datacite.json"))


def bag_pdfs(bag: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bag) as archive:
        return {Path(n).name: archive.read(n) for n in archive.namelist()
                if "/data/pdf/" in n and n.endswith(".pdf")}


def test_a_first_deposit_makes_a_draft_reserves_a_doi_and_uploads_every_file(
        server: tuple[str, Repository], bag: Path) -> None:
    url, repository = server
    result = deposit(url, bag)
    assert result.exit_code == 0, result.output
    [record] = repository.records.values()
    assert repository.sequence() == [
        "POST /api/records", f"POST /api/records/{record.id}/draft/pids/doi",
        f"PUT /api/records/{record.id}/draft", f"GET /api/records/{record.id}/draft/files",
        f"POST /api/records/{record.id}/draft/files",
        *[f"{method} /api/records/{record.id}/draft/files/{key}/{step}"
          for key in [BAG_NAME, *sorted(bag_pdfs(bag))]
          for method, step in (("PUT", "content"), ("POST", "commit"))]]
    # the files arrive whole, and the server's checksums are the local ones
    assert record.files[BAG_NAME]["data"] == bag.read_bytes()
    assert record.files[BAG_NAME]["checksum"] == f"md5:{md5(bag)}"
    for name, data in bag_pdfs(bag).items():
        assert record.files[name]["data"] == data
        assert f"{name}: uploaded, {len(data)} bytes, checksum md5:" in result.output
    # the metadata is the mapping of the bag's own DataCite record
    datacite = bag_record(bag)
    assert record.draft["metadata"] == invenio_metadata(datacite)
    metadata = record.draft["metadata"]
    assert metadata["title"] == "A Miniature Edition"
    assert metadata["creators"] == [{"person_or_org": {
        "type": "personal", "family_name": "Editor", "given_name": "Ada",
        "identifiers": [{"scheme": "orcid", "identifier": "0000-0002-1825-0097"}]}}]
    assert metadata["rights"] == [{"id": "cc-by-4.0"}]
    assert (metadata["version"], metadata["publication_date"]) == ("1.2.0", "2026-01-15")
    assert record.draft["pids"]["doi"]["identifier"] == f"10.5072/repo.{record.id}"
    # nothing is published, and the user is told what to do with the reserved DOI
    assert record.published is None
    assert not repository.requests(pattern="publish")
    assert f'set [deposit] doi = "10.5072/repo.{record.id}"' in result.output


def test_the_requests_carry_the_token_in_the_header_and_it_is_never_shown(
        server: tuple[str, Repository], bag: Path) -> None:
    url, repository = server
    result = deposit(url, bag)
    assert result.exit_code == 0
    assert all(s.headers["Authorization"] == f"Bearer {TOKEN}" for s in repository.seen)
    assert all(TOKEN not in s.path for s in repository.seen)
    assert TOKEN not in result.output
    for path in bag.parent.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    state = json.loads((bag.parent / f"{BAG_NAME}.deposit.json").read_text())
    assert state == {"url": url, "draft": next(iter(repository.records))}


def unavailable_for_the_second_file(repository: Repository, bag: Path, times: int) -> str:
    """The next ``times`` uploads of the second file (the first PDF) answer 503."""
    second = sorted(bag_pdfs(bag))[0]
    repository.failures.append(Failure(rf"PUT .*/files/{second}/content", 503, times=times))
    return second


def test_a_503_on_the_second_file_is_retried_and_the_deposit_completes(
        server: tuple[str, Repository], bag: Path) -> None:
    url, repository = server
    second = unavailable_for_the_second_file(repository, bag, times=1)
    result = deposit(url, bag)
    assert result.exit_code == 0, result.output
    [record] = repository.records.values()
    assert len(repository.requests("PUT", rf"/files/{second}/content")) == 2
    assert record.files[second]["status"] == "completed"
    assert record.files[second]["data"] == bag_pdfs(bag)[second]
    assert "retrying PUT" in result.output and "503" in result.output


def test_an_interrupted_upload_resumes_the_same_draft_without_resending_what_arrived(
        server: tuple[str, Repository], bag: Path) -> None:
    url, repository = server
    unavailable_for_the_second_file(repository, bag, times=99)
    failed = deposit(url, bag)
    assert failed.exit_code == 1
    [line] = [x for x in failed.output.splitlines() if "error" in x]
    assert "“Service temporarily unavailable.; gave up after 5 attempts”" in line
    repository.failures.clear()
    result = deposit(url, bag)
    assert result.exit_code == 0, result.output
    [record] = repository.records.values()  # the same draft, continued
    assert f"continuing draft {record.id}" in result.output
    assert len(repository.requests("PUT", rf"/files/{BAG_NAME}/content")) == 1
    assert f"{BAG_NAME}: already on the server" in result.output
    assert all(e["status"] == "completed" for e in record.files.values())
    assert len(repository.requests("POST", r"/pids/doi$")) == 1


def test_an_expired_token_gives_one_clear_line_and_exit_1(server: tuple[str, Repository],
                                                          bag: Path) -> None:
    url, repository = server
    result = deposit(url, bag, token=EXPIRED)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"error: POST {url}/api/records: 401 Unauthorized: “The access token provided has "
        "expired.” (is $INVENIO_TOKEN a valid, unexpired token with deposit rights?) [deposit]")
    assert EXPIRED not in result.output
    assert len(repository.seen) == 1  # an authorisation failure is not retried


def test_a_checksum_the_server_disagrees_with_stops_the_deposit(
        server: tuple[str, Repository], bag: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url, repository = server
    import invenio_server

    original = invenio_server.Handler._content

    def damaging(self, record_id, key, payload, query):  # noqa: ANN001, ANN202
        return original(self, record_id, key, payload[:-1] + b"!", query)

    monkeypatch.setattr(invenio_server.Handler, "_content", damaging)
    result = deposit(url, bag)
    assert result.exit_code == 1
    assert f"but {BAG_NAME} has md5:{md5(bag)}: run again to resend it" in result.output
    assert not repository.requests(pattern="publish")


def test_publish_is_refused_for_a_bag_without_its_doi_before_any_request(
        server: tuple[str, Repository], bag: Path) -> None:
    url, repository = server
    result = deposit(url, bag, "--publish")
    assert result.exit_code == 1
    assert "the bag has no DOI, so it cannot be published" in result.output
    assert repository.seen == []


def test_the_reserved_doi_workflow_and_a_new_version(server: tuple[str, Repository],
                                                     mini_edition: Path,
                                                     tmp_path: Path) -> None:
    """Deposit a draft, put its reserved DOI into edition.toml, package again, publish the
    same draft; then deposit the next version, found by its previous_doi."""
    url, repository = server
    edition_copy = Path(shutil.copytree(mini_edition, tmp_path / "mini"))
    draft_bag = package(edition_copy, tmp_path / "build")
    result = deposit(url, draft_bag)
    assert result.exit_code == 0, result.output
    [record] = repository.records.values()
    reserved = record.draft["pids"]["doi"]["identifier"]
    config = edition_copy / "edition.toml"
    config.write_text(f'[deposit]\ndoi = "{reserved}"\n', encoding="utf-8")
    rebuilt = CliRunner().invoke(app, ["build", str(edition_copy), "--out",
                                       str(tmp_path / "build")])
    assert rebuilt.exit_code == 0, rebuilt.output
    bag = package(edition_copy, tmp_path / "build")
    assert bag == draft_bag and bag_record(bag)["doi"] == reserved
    with zipfile.ZipFile(bag) as archive:  # the rebuilt pages carry the DOI too
        assert f'content="{reserved}"'.encode() in archive.read(
            f"{bag.stem}/data/html/texts/mini1.html")
    result = deposit(url, bag, "--publish")
    assert result.exit_code == 0, result.output
    assert len(repository.records) == 1 and record.published is not None
    assert record.published["pids"]["doi"]["identifier"] == reserved
    assert record.published["metadata"] == invenio_metadata(bag_record(bag))
    assert record.files[BAG_NAME]["data"] == bag.read_bytes()  # the new bag replaced the old
    assert not (bag.parent / f"{BAG_NAME}.deposit.json").exists()
    assert f"published record {record.id} with DOI {reserved}" in result.output
    # the next version names this one as its predecessor
    next_version = edition_copy.parent / "next"
    shutil.copytree(edition_copy, next_version)
    (next_version / "edition.toml").write_text(f'[deposit]\nprevious_doi = "{reserved}"\n',
                                               encoding="utf-8")
    header = next_version / "edition.xml"
    header.write_text(header.read_text(encoding="utf-8").replace('n="1.2.0">Version 1.2.0',
                                                                 'n="1.3.0">Version 1.3.0'))
    newer = package(next_version, tmp_path / "next-build")
    assert newer.name == "mini-1.3.0.zip"
    result = deposit(url, newer)
    assert result.exit_code == 0, result.output
    assert f"new version of record {record.id}" in result.output
    [version] = [r for r in repository.records.values() if r.id != record.id]
    assert version.parent == record.parent
    related = version.draft["metadata"]["related_identifiers"]
    assert {"identifier": reserved, "scheme": "doi", "relation_type": {"id": "isnewversionof"},
            "resource_type": {"id": "publication-book"}} in related
    assert version.draft["pids"]["doi"]["identifier"] == f"10.5072/repo.{version.id}"
    assert version.published is None


def test_dry_run_prints_the_exact_requests_and_sends_nothing(bag: Path) -> None:
    result = CliRunner().invoke(app, ["deposit", "zenodo", str(bag), "--dry-run"], env={})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    requests = [line for line in lines if line.split(" ")[0] in {"GET", "POST", "PUT"}]
    assert requests[:5] == [
        "POST https://zenodo.org/api/records",
        "POST https://zenodo.org/api/records/{id}/draft/pids/doi",
        "PUT https://zenodo.org/api/records/{id}/draft",
        "GET https://zenodo.org/api/records/{id}/draft/files",
        "POST https://zenodo.org/api/records/{id}/draft/files"]
    assert f"PUT https://zenodo.org/api/records/{{id}}/draft/files/{BAG_NAME}/content" in lines
    assert f"Content-Length: {bag.stat().st_size}" in lines
    assert f"<the bytes of {bag.resolve()} (md5:{md5(bag)})>" in lines
    assert "Authorization: Bearer $ZENODO_TOKEN" in lines
    body_start = lines.index("PUT https://zenodo.org/api/records/{id}/draft") + 5
    body = json.loads("\n".join(lines[body_start:lines.index("", body_start)]))
    assert body["metadata"] == invenio_metadata(bag_record(bag))
    assert body["pids"]["doi"]["identifier"] == "{reserved DOI}"
    assert not (bag.parent / f"{BAG_NAME}.deposit.json").exists()


def test_a_missing_token_or_address_is_one_line(bag: Path) -> None:
    result = CliRunner().invoke(app, ["deposit", "zenodo", str(bag)], env={"ZENODO_TOKEN": ""})
    assert result.exit_code == 1
    assert result.output.startswith("error: set ZENODO_TOKEN to a personal access token")
    result = CliRunner().invoke(app, ["deposit", "invenio", str(bag)])
    assert result.exit_code == 1 and "needs the instance's address: --url" in result.output
    result = CliRunner().invoke(app, ["deposit", "invenio", str(bag), "--url",
                                      "http://repository.example.org"],
                                env={"INVENIO_TOKEN": TOKEN})
    assert result.exit_code == 1 and "--url must start with https://" in result.output
    assert TOKEN not in result.output


def test_a_bag_folder_is_deposited_as_its_zip(server: tuple[str, Repository], bag: Path,
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    url, repository = server
    with zipfile.ZipFile(bag) as archive:
        archive.extractall(tmp_path / "unpacked")
    folder = tmp_path / "unpacked" / bag.stem
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the clock the bag was zipped by
    result = deposit(url, folder)
    assert result.exit_code == 0, result.output
    [record] = repository.records.values()
    assert sorted(record.files) == sorted([BAG_NAME, *bag_pdfs(bag)])
    assert record.files[BAG_NAME]["data"] == bag.read_bytes()


def test_a_damaged_bag_is_never_deposited(server: tuple[str, Repository], bag: Path,
                                          tmp_path: Path) -> None:
    url, repository = server
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(bag) as source, zipfile.ZipFile(damaged, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data + b"x" if name.endswith("index.html") else data)
    result = deposit(url, damaged)
    assert result.exit_code == 1 and "[package-checksum]" in result.output
    assert repository.seen == []


def test_backoff_doubles_without_retry_after_and_follows_it_when_given(
        server: tuple[str, Repository]) -> None:
    url, repository = server
    waits: list[float] = []
    api = Api(url, TOKEN, "INVENIO_TOKEN", sleep=waits.append)
    repository.failures.append(Failure("POST /api/records", 502, times=3, retry_after=None))
    api.call("POST", "/api/records", {"metadata": {}})
    assert waits == [1.0, 2.0, 4.0]
    repository.failures.append(Failure("POST /api/records", 429, times=1, retry_after="7"))
    api.call("POST", "/api/records", {"metadata": {}})
    assert waits[-1] == 7.0
    repository.failures.append(Failure("POST /api/records", 500, times=5, retry_after="0"))
    with pytest.raises(DepositError, match="500 Internal Server Error.*gave up after 5"):
        api.call("POST", "/api/records", {"metadata": {}})


def test_a_draft_deleted_on_the_server_since_the_last_run_is_replaced_by_a_new_one(
        server: tuple[str, Repository], bag: Path) -> None:
    url, repository = server
    assert deposit(url, bag).exit_code == 0
    [gone] = list(repository.records)
    del repository.records[gone]
    result = deposit(url, bag)
    assert result.exit_code == 0, result.output
    assert f"draft {gone} of an earlier run is gone" in result.output
    [record] = repository.records.values()
    assert record.id != gone and len(record.files) == len(bag_pdfs(bag)) + 1


def test_a_bag_whose_doi_differs_from_the_drafts_is_refused(
        server: tuple[str, Repository], bag: Path, mini_edition: Path, tmp_path: Path) -> None:
    url, repository = server
    assert deposit(url, bag).exit_code == 0
    [record] = repository.records.values()
    other = Path(shutil.copytree(mini_edition, tmp_path / "other"))
    (other / "edition.toml").write_text('[deposit]\ndoi = "10.5072/someone-else"\n')
    result = deposit(url, package(other, tmp_path / "build"), "--draft", record.id,
                     "--publish")
    assert result.exit_code == 1
    assert (f"draft {record.id} has DOI 10.5072/repo.{record.id}, but the bag carries "
            "10.5072/someone-else") in result.output
    assert record.published is None and not repository.requests("PUT", "content$")[3:]


def test_metadata_the_repository_rejects_is_one_line_quoting_its_reasons(
        server: tuple[str, Repository], bag: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import invenio_server

    url, repository = server
    monkeypatch.setattr(invenio_server, "LICENCES", {"cc0-1.0"})
    result = deposit(url, bag)
    assert result.exit_code == 1
    [record] = repository.records.values()
    assert result.output.strip() == (
        f"error: PUT {url}/api/records/{record.id}/draft: the repository does not accept the "
        "metadata: “metadata.rights.0.id: Invalid value cc-by-4.0.” [deposit]")
    assert not repository.requests(pattern="/files")  # nothing uploaded into it
