"""Development tools (not installed with ietfplan)."""
