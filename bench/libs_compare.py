"""Maintained libraries against ietfplan's hand-written pieces (issue 13), measured roughly.

    python bench/libs_compare.py        # needs orjson and ruamel.yaml importable
                                        # (e.g. pip install --target /tmp/x orjson ruamel.yaml
                                        #  and PYTHONPATH=/tmp/x)

- orjson (``OPT_INDENT_2``, then the bidi escaping ietfplan applies) against
  ``render/jsonout.dumps``: the session objects of a 40,000-session agenda.
- ruamel.yaml (round-trip mode, keeps comments) against ``app/configedit.edit``: setting
  one meeting's zone in a commented config file.
Import costs are measured in fresh processes, after the floor's imports.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from common import best_time
from gen_meeting import generate

from ietfplan.load.catalog import Catalog
from ietfplan.load.meetingfile import parse_meeting
from ietfplan.plan.query import Listing
from ietfplan.render import jsonout

CONFIG = """\
# ietfplan settings
tz: "Europe/Paris"   # where I am
night: "23:00-07:00"
meetings:
  # the one I attend remotely
  102:
    tz: "America/Montreal"
"""


def import_cost(module: str) -> float:
    code = ("import typer, rich.table, yaml, time\nt = time.perf_counter()\n"
            f"import {module}\nprint(time.perf_counter() - t)")
    return min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(7))


def main() -> None:
    import orjson
    from ruamel.yaml import YAML

    from ietfplan.app import configedit

    topics = Catalog(user_dir=None).topics
    meeting = parse_meeting(generate(40_000), "big.yaml", topics)
    objects = jsonout.listing_objects([Listing(meeting, list(meeting.sessions))])

    def ours() -> str:
        return jsonout.dumps(objects)

    def theirs() -> str:
        return orjson.dumps(objects, option=orjson.OPT_INDENT_2).decode().translate(jsonout._BIDI)

    same = ours() == theirs()
    print(f"JSON of {len(objects)} session objects: jsonout.dumps {best_time(ours) * 1000:.0f} ms, "
          f"orjson + bidi escaping {best_time(theirs) * 1000:.0f} ms (same text: {same}); "
          f"import orjson {import_cost('orjson') * 1000:.1f} ms")

    def quote(text: str) -> str:
        import json

        return json.dumps(text, ensure_ascii=False)

    def edited() -> str | None:
        return configedit.edit(CONFIG, {}, {102: "Asia/Tokyo"}, quote)

    def round_trip() -> str:
        import io

        yaml = YAML()
        data = yaml.load(CONFIG)
        data["meetings"][102]["tz"] = "Asia/Tokyo"
        out = io.StringIO()
        yaml.dump(data, out)
        return out.getvalue()

    print(f"config set (one meeting zone): configedit {best_time(edited, 50) * 1e6:.0f} µs, "
          f"ruamel.yaml round trip {best_time(round_trip, 50) * 1e6:.0f} µs; "
          f"import ruamel.yaml {import_cost('ruamel.yaml') * 1000:.1f} ms")
    print("configedit's result:\n" + (edited() or "(None: not the simple layout)"))
    print("ruamel.yaml's result:\n" + round_trip())


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
