"""The build's notion of "now", pinned by ``SOURCE_DATE_EPOCH`` for reproducible builds."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def build_time() -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible-builds.org convention), else now, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


def build_date() -> str:
    """The build date as ISO ``YYYY-MM-DD``."""
    return build_time().date().isoformat()
