"""Getting sessions into calendars: revision state (SEQUENCE), files and CalDAV servers."""
