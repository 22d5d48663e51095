"""Where a sentence ends: the punctuation test shared by joins, headings and title pages."""

from __future__ import annotations

import re

# Sentence-final punctuation, optionally followed by closing quotes or brackets.
_TERMINAL = re.compile(r"[.!?:;…][\"'”’)\]*]*$")


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))
