"""Rendering: the model → text (table, json, csv, markdown).  Knows nothing of YAML."""

from ietfplan.plan.query import Listing

FORMATS = ("table", "json", "csv", "markdown")

__all__ = ["FORMATS", "Listing"]
