"""`edition deposit`: a built bag into Zenodo or another InvenioRDM instance."""

from __future__ import annotations

import os
import urllib.parse
from enum import StrEnum
from pathlib import Path

import typer

from edition.cli.guard import guarded


class Service(StrEnum):
    zenodo = "zenodo"
    invenio = "invenio"


DEFAULT_URL = {Service.zenodo: "https://zenodo.org", Service.invenio: None}
TOKEN_ENV = {Service.zenodo: "ZENODO_TOKEN", Service.invenio: "INVENIO_TOKEN"}


def _client(service: Service, url: str | None, token_env: str | None,
            dry_run: bool):  # noqa: ANN202 - an Api or a DryRun
    from edition.deposit.http import Api, DepositError, DryRun

    base = url or DEFAULT_URL[service]
    if base is None:
        raise DepositError("edition deposit invenio needs the instance's address: --url "
                           "https://repository.example.org")
    parts = urllib.parse.urlsplit(base)
    loopback = parts.hostname in {"127.0.0.1", "::1", "localhost"}
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise DepositError(f"--url must start with https:// (plain http only to this "
                           f"machine, where the token cannot be overheard), not {base!r}")
    variable = token_env or TOKEN_ENV[service]
    if dry_run:
        return DryRun(base, variable, say=typer.echo)
    token = os.environ.get(variable, "").strip()
    if not token:
        raise DepositError(f"set {variable} to a personal access token of {base} (with the "
                           "deposit:write and deposit:actions scopes on Zenodo)")
    return Api(base, token, variable,
               on_retry=lambda line: typer.echo(f"retrying {line}", err=True))


def deposit_command(
    service: Service = typer.Argument(..., help="zenodo, or invenio for any other instance."),
    bag: Path = typer.Argument(..., help="The package: build/deposit/<id>-<version>.zip "
                               "or a bag folder."),
    url: str = typer.Option(None, "--url", help="The instance, e.g. https://sandbox.zenodo.org "
                            "(default for zenodo: https://zenodo.org)."),
    publish: bool = typer.Option(False, "--publish", help="Publish the draft once it is "
                                 "complete (only a bag carrying its DOI)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the requests; send nothing."),
    new_version_of: str = typer.Option(
        None, "--new-version-of", help="Record id this is a new version of (default: the "
        "record of edition.toml's previous_doi)."),
    draft: str = typer.Option(None, "--draft", help="Continue this draft (default: the one "
                              "an earlier run left, named in <bag>.deposit.json)."),
    token_env: str = typer.Option(
        None, "--token-env", help="Environment variable holding the token (default "
        "ZENODO_TOKEN or INVENIO_TOKEN); the token itself is never an option."),
) -> None:
    """Upload a built bag through the InvenioRDM REST API: draft, DOI, metadata, files.

    Example: ZENODO_TOKEN=... edition deposit zenodo build/deposit/dprk-diplomacy-0.1.0.zip
    """
    from edition.deposit import DepositOptions, deposit

    options = DepositOptions(bag=bag, publish=publish, new_version_of=new_version_of,
                             draft=draft)
    client = guarded(lambda: _client(service, url, token_env, dry_run))
    guarded(lambda: deposit(options, client, say=typer.echo))


def register(app: typer.Typer) -> None:
    app.command("deposit")(deposit_command)
