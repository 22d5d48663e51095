"""Allow ``python -m edition``."""

from edition.cli import app

app(prog_name="edition")
