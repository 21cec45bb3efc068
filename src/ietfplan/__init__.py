"""ietfplan — an agenda planner for IETF meetings, on site or remote."""

__version__ = "0.1.0"
