from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests exercise the code under src/ of this checkout, not whatever copy is installed:
# pytest puts src/ first on sys.path (pyproject's pythonpath), and every ietfplan process a
# test starts (the console script, ``python -m ietfplan``) gets it first on PYTHONPATH.
SRC = Path(__file__).resolve().parents[1] / "src"
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(SRC), *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]])

import ietfplan  # noqa: E402

assert Path(ietfplan.__file__).resolve().is_relative_to(SRC), ietfplan.__file__

from ietfplan.app import AppContext  # noqa: E402
from ietfplan.load.catalog import Catalog  # noqa: E402
from ietfplan.model import TopicIndex  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets an empty IETFPLAN_HOME and no IETFPLAN_NOW, TZ or colour settings."""
    home = tmp_path / "home"
    monkeypatch.setenv("IETFPLAN_HOME", str(home))
    # No test reaches the real Datatracker: port 9 on the loopback refuses at once.
    monkeypatch.setenv("IETFPLAN_DATATRACKER_URL", "http://127.0.0.1:9")
    for var in ("IETFPLAN_NOW", "NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(var, raising=False)
    yield home


@pytest.fixture(scope="session")
def topics() -> TopicIndex:
    return Catalog(user_dir=None).topics


def app_context() -> AppContext:
    """The application context a command would get now (the test's IETFPLAN_HOME ...)."""
    return AppContext.from_environ(os.environ)


@pytest.fixture
def ctx() -> AppContext:
    return app_context()


@pytest.fixture
def catalog(ctx: AppContext) -> Catalog:
    return ctx.catalog


def write(tmp_path: Path, text: str, name: str = "m.yaml") -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


os.environ.setdefault("PYTHONHASHSEED", "0")
