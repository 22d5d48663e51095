"""The Jinja2 templates and static assets, installed as ``edition.templates`` (see
edition/paths.py)."""
