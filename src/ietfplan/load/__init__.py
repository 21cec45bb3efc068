"""Loading: YAML files (meetings, topics) → the model, with source positions."""

from ietfplan.load.catalog import Catalog, bundled_data_dir
from ietfplan.load.meetingfile import load_meeting, parse_meeting
from ietfplan.load.topics import load_topics, parse_topics

__all__ = ["Catalog", "bundled_data_dir", "load_meeting", "load_topics", "parse_meeting", "parse_topics"]
