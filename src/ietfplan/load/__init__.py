"""Loading: YAML files (meetings, topics) → the model, with source positions.

The names below are imported when first used (PEP 562): importing one module of this
package (catalog, index, cache) does not import the parsers, which a command whose
meeting comes from the cache never needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ietfplan.load.catalog import Catalog, bundled_data_dir
    from ietfplan.load.meetingfile import load_meeting, parse_meeting
    from ietfplan.load.topics import load_topics, parse_topics

_WHERE = {"Catalog": "catalog", "bundled_data_dir": "catalog", "load_meeting": "meetingfile",
          "parse_meeting": "meetingfile", "load_topics": "topics", "parse_topics": "topics"}
__all__ = ["Catalog", "bundled_data_dir", "load_meeting", "load_topics", "parse_meeting", "parse_topics"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"ietfplan.load.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'ietfplan.load' has no attribute '{name}'")
