"""Writing a query result in the chosen format."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ietfplan.cli.common import Format, note, out_console
from ietfplan.plan.query import Listing


def emit(listings: Sequence[Listing], fmt: Format, notes: Sequence[str] = ()) -> None:
    for message in notes:
        note(message)
    if fmt is Format.table:
        from ietfplan.render.table import render_table

        render_table(listings, out_console())
    elif fmt is Format.json:
        from ietfplan.render.jsonout import render_json

        sys.stdout.write(render_json(listings))
    elif fmt is Format.csv:
        from ietfplan.render.csvout import render_csv

        sys.stdout.write(render_csv(listings))
    else:
        from ietfplan.render.markdown import render_markdown

        sys.stdout.write(render_markdown(listings))
