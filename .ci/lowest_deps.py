"""The lowest versions of the runtime dependencies that pyproject.toml allows (for .ci/run).

    python .ci/lowest_deps.py pins        one ``name==version`` line per dependency of
                                          [project].dependencies, at its lower bound
    python .ci/lowest_deps.py show DIR    imports each of them, prints the version and the
                                          file it came from, and fails unless every one
                                          came from DIR (the folder the pins went into) and
                                          their own dependencies from the virtualenv fit them

A dependency without a lower bound (``>=``, ``==`` or ``~=``) is an error: the range would
allow versions that no test has run with.
"""

from __future__ import annotations

import sys
from importlib import import_module, metadata
from pathlib import Path

import tomllib
from packaging.requirements import Requirement
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def requirements() -> list[Requirement]:
    with PYPROJECT.open("rb") as fh:
        return [Requirement(line) for line in tomllib.load(fh)["project"]["dependencies"]]


def lower_bound(req: Requirement) -> str:
    bounds = [spec.version for spec in req.specifier if spec.operator in (">=", "==", "~=")]
    if len(bounds) != 1:
        found = f"{len(bounds)} lower bounds" if bounds else "no lower bound"
        sys.exit(f"pyproject.toml: dependency {str(req)!r} has {found}; give it exactly one "
                 f"(>=, == or ~=): CI tests the suite with each dependency at its lower bound")
    return bounds[0]


def pins() -> None:
    for req in requirements():
        print(f"{req.name}=={lower_bound(req)}")


def show(folder: Path) -> None:
    folder = folder.resolve()
    # the top-level modules of each distribution (both copies: the folder's and the venv's)
    modules: dict[str, set[str]] = {}
    for top, dists in metadata.packages_distributions().items():
        for dist_name in dists:
            modules.setdefault(metadata.distribution(dist_name).metadata["Name"].lower(), set()).add(top)
    wrong = []
    for req in requirements():
        dist = metadata.distribution(req.name)  # the first on sys.path, as imports resolve
        names = sorted(n for n in modules.get(req.name.lower(), set()) if not n.startswith("_"))
        if not names:
            sys.exit(f"{req.name}: no importable module found")
        for name in names:
            module = import_module(name)
            where = Path(module.__file__ or "").resolve()
            ok = where.is_relative_to(folder) and Version(dist.version) == Version(lower_bound(req))
            print(f"  {req.name} {dist.version} ({req.specifier}): import {name} from {where}"
                  + ("" if ok else "   <-- not the lowest copy"))
            if not ok:
                wrong.append(req.name)
    if wrong:
        sys.exit(f"not imported from {folder} at the lower bound: {', '.join(wrong)}")
    # their own dependencies (installed with --no-deps) are the other lowest copies or come
    # from the virtualenv: each must be a version the lowest copy accepts, or the combination
    # tested is one pip would never make
    ours = {req.name.lower() for req in requirements()}
    for req in requirements():
        dist = metadata.distribution(req.name)
        for line in dist.requires or []:
            dep = Requirement(line)
            if dep.marker and not dep.marker.evaluate({"extra": ""}):
                continue
            try:
                have = metadata.version(dep.name)
            except metadata.PackageNotFoundError:
                print(f"  ({dist.name} {dist.version} wants {dep}: not installed)")
                continue
            fits = dep.specifier.contains(have, prereleases=True)
            source = "the lowest copy" if dep.name.lower() in ours else "from the virtualenv"
            print(f"  ({dist.name} {dist.version} wants {dep}: {have}, {source})")
            if not fits:
                wrong.append(f"{dep.name} {have} (for {dist.name} {dist.version})")
    if wrong:
        sys.exit(f"the virtualenv has versions the lowest copies refuse: {', '.join(wrong)}")


if __name__ == "__main__":
    if sys.argv[1:] == ["pins"]:
        pins()
    elif len(sys.argv) == 3 and sys.argv[1] == "show":
        show(Path(sys.argv[2]))
    else:
        sys.exit(__doc__)
