"""Messages stay on one line, whatever the document holds.

Attribute values may carry line breaks and control characters (as character
references); a problem is one line of output, so they are shown escaped, and very
long values are shortened.
"""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
LIMIT = 200


def one_line(message: str, limit: int = LIMIT * 3) -> str:
    """``message`` with every line break or control character escaped (``\\n``)."""
    escaped = _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode(), message)
    return escaped if len(escaped) <= limit else escaped[: limit - 1] + "…"
