"""The application layer: settings, clock, catalog and folders in one context object.

    from ietfplan.app import AppContext, Folders

    ctx = AppContext.from_environ(os.environ)      # as the CLI does
    result = ctx.run_query(Query(meeting=102, topics=("iot",)))

See README's "Using ietfplan from Python".
"""

from ietfplan.app.context import AppContext
from ietfplan.app.folders import Folders

__all__ = ["AppContext", "Folders"]
