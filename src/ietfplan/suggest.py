"""Did-you-mean suggestions for names users type."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str], limit: int = 3, cutoff: float = 0.6
                 ) -> list[str]:
    """Close matches for ``word`` (case-insensitive), best first, in their original spelling."""
    import difflib  # only on the error path

    originals: dict[str, str] = {}
    for candidate in candidates:
        originals.setdefault(candidate.lower(), candidate)
    low = word.lower()
    hits = difflib.get_close_matches(low, list(originals), n=limit, cutoff=cutoff)
    prefix = [k for k in originals if k.startswith(low) and k not in hits] if low else []
    return [originals[h] for h in (hits + sorted(prefix))[:limit]]


def hint_for(word: str, candidates: Iterable[str], what: str = "") -> str:
    """A ready hint: 'did you mean X?' or the list of valid choices when short."""
    pool = list(candidates)
    close = did_you_mean(word, pool)
    if close:
        quoted = " or ".join(f"'{c}'" for c in close)
        return f"did you mean {quoted}?"
    if pool and len(pool) <= 12:
        label = f"{what} " if what else ""
        return f"known {label}names: " + ", ".join(sorted(pool))
    return ""
