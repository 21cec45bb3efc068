"""The user's personal picks, per meeting.  (Being built: see issue 4.)"""

from __future__ import annotations

from ietfplan.errors import UsageError
from ietfplan.model import Meeting


def picked_ids(meeting: Meeting) -> set[str]:
    """Session ids the user picked for ``meeting``."""
    raise UsageError("--picks is not available yet: personal picks are still being built")
