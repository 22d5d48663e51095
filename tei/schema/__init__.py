"""The customisation's RELAX NG and Schematron, installed as ``edition.schema`` (see
edition/paths.py)."""
