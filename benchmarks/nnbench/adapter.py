"""The only place that touches namenorm's API, so an API change is fixed here once.

Everything is looked up defensively: the harness must still measure its data and the baselines
when namenorm (or a part of it, such as ``Resolver.save``) is not there yet.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .text import fallback_normalize


@dataclass
class Namenorm:
    module: Any = None
    error: str | None = None
    missing: list[str] = field(default_factory=list)

    @property
    def importable(self) -> bool:
        return self.module is not None

    @property
    def can_resolve(self) -> bool:
        return self.importable and not ({"Gazetteer", "Resolver"} & set(self.missing))

    def has(self, name: str) -> bool:
        return self.importable and name not in self.missing

    @property
    def version(self) -> str | None:
        return getattr(self.module, "__version__", None) if self.module else None

    @property
    def location(self) -> str | None:
        return getattr(self.module, "__file__", None) if self.module else None

    @property
    def normalize(self) -> Callable[[str], str] | None:
        return getattr(self.module, "normalize", None) if self.module else None

    def describe(self) -> dict:
        return {
            "importable": self.importable,
            "can_resolve": self.can_resolve,
            "version": self.version,
            "location": self.location,
            "missing": self.missing,
            "error": self.error,
        }


def add_source_tree(repo_root: Path) -> None:
    """Make ``<repo>/src`` importable when namenorm is not installed (a source checkout)."""
    src = repo_root / "src"
    if (src / "namenorm").is_dir() and str(src) not in sys.path:
        try:
            import namenorm  # noqa: F401
        except ImportError:
            sys.path.insert(0, str(src))
            os.environ["PYTHONPATH"] = os.pathsep.join(
                p for p in (str(src), os.environ.get("PYTHONPATH", "")) if p
            )


def load_namenorm() -> Namenorm:
    try:
        import namenorm
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        return Namenorm(error=f"{type(exc).__name__}: {exc}")
    missing = [n for n in ("Gazetteer", "Resolver", "normalize", "compare") if not hasattr(namenorm, n)]
    return Namenorm(module=namenorm, missing=missing)


def baseline_normalizer(nn: Namenorm) -> tuple[Callable[[str], str], str]:
    """namenorm.normalize when it exists (as the brief of the baselines asks), else a fallback."""
    if nn.normalize is not None:
        return nn.normalize, "namenorm.normalize"
    return fallback_normalize, "nnbench.text.fallback_normalize (namenorm not importable)"


def match_entity_id(m: Any) -> str | None:
    if m is None:
        return None
    ent = getattr(m, "entity", None)
    if ent is None:
        return None
    if isinstance(ent, str):
        return ent
    return getattr(ent, "id", None)


def match_info(m: Any) -> dict:
    if m is None:
        return {"id": None}
    score = getattr(m, "score", None)
    return {
        "id": match_entity_id(m),
        "score": float(score) if isinstance(score, (int, float)) else None,
        "alias": getattr(m, "alias", None),
        "reason": str(getattr(m, "reason", "")) or None,
    }


def build_gazetteer(nn: Namenorm, records: list[dict], ambiguous: list[str] | None = None):
    if ambiguous is not None:
        return nn.module.Gazetteer.from_records(records, ambiguous=ambiguous, shared_aliases="ambiguous")
    return nn.module.Gazetteer.from_records(records, shared_aliases="ambiguous")


def shared_aliases(nn: Namenorm, records: list[dict]) -> list[str]:
    """Normalised aliases carried by more than one record (to declare them explicitly)."""
    norm = nn.normalize
    owner: dict[str, str] = {}
    shared: set[str] = set()
    for r in records:
        for a in (r["name"], *r.get("aliases", ())):
            k = norm(a)
            if k and owner.setdefault(k, r["id"]) != r["id"]:
                shared.add(k)
    return sorted(shared)


def make_resolver(nn: Namenorm, gaz):
    return nn.module.Resolver(gaz)


def clear_result_cache(resolver) -> None:
    """Forget the answers a resolver remembers, so that a query set sharing queries with an
    earlier one (``multiword`` and ``variant``) is timed on its own."""
    cache = getattr(resolver, "_cache", None)
    if isinstance(cache, dict):
        cache.clear()


def default_gazetteer(nn: Namenorm):
    return nn.module.Gazetteer.default()


def gazetteer_names(gaz) -> list[tuple[str, str, str]]:
    """(entity id, name or alias, "strong"/"weak") for every entity of a gazetteer."""
    out = []
    for ent in gaz:
        for a in getattr(ent, "all_names", (ent.name, *getattr(ent, "aliases", ()))):
            out.append((ent.id, a, "strong"))
        for a in getattr(ent, "weak_aliases", ()):
            out.append((ent.id, a, "weak"))
    return out


def sanitize_records(nn: Namenorm, records: list[dict]) -> tuple[list[dict], int]:
    """Drop aliases that namenorm's normaliser maps to "" (from_records rejects them)."""
    norm = nn.normalize
    if norm is None:
        return records, 0
    dropped = 0
    out = []
    for r in records:
        aliases = [a for a in r.get("aliases", ()) if norm(a)]
        dropped += len(r.get("aliases", ())) - len(aliases)
        if not norm(r["name"]):
            if not aliases:
                dropped += 1
                continue
            r = {**r, "name": aliases[0]}
            aliases = aliases[1:]
        out.append({**r, "aliases": aliases})
    return out, dropped
