"""Write ``country_names.tsv``: country names in the languages of the world's press, taken from
the translations of ISO 3166-1 in Debian's iso-codes (as shipped inside the ``pycountry``
package), with the id of the gazetteer's country entity each name should resolve to.

    pip install pycountry
    python benchmarks/heldout/make_country_names.py

iso-codes is translated by its own volunteers (the Translation Project), independently of the
Unicode CLDR names that ``gazetteer/tools/generate_cldr.py`` adds to the gazetteer, so this set
measures those names against another source instead of against themselves. The only thing read
from the gazetteer is which entity id an ISO code stands for, found through the English names.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import re
import sys
from collections import defaultdict
from pathlib import Path

import pycountry

from namenorm import Gazetteer, normalize

HERE = Path(__file__).resolve().parent

#: The languages of the world's press measured, as iso-codes catalog names.
LANGUAGES: tuple[str, ...] = (
    "ar", "ru", "zh_CN", "zh_TW", "ja", "ko", "fr", "de", "es", "it", "pt", "tr", "fa", "hi",
    "el", "he", "uk", "pl", "nl", "sv", "id", "vi",
)

#: ISO codes whose English names in pycountry are not the canonical name of a gazetteer country,
#: mapped by hand (the gazetteer names these countries by another English form). Kosovo has no
#: ISO 3166-1 code, so it is not in the set.
CODE_OVERRIDES: dict[str, str] = {
    "BN": "brunei",                            # Brunei Darussalam
    "CD": "democratic-republic-of-the-congo",  # Congo, The Democratic Republic of the
    "CI": "ivory-coast",                       # Côte d'Ivoire
    "CV": "cape-verde",                        # Cabo Verde
    "PS": "palestine",                         # Palestine, State of
    "RU": "russia",                            # Russian Federation
    "TL": "east-timor",                        # Timor-Leste
    "TR": "turkey",                            # Türkiye
    "VA": "vatican-city",                      # Holy See (Vatican City State)
}

# A translation with a comma is the inverted form of a sorted list ("Korea, Republik",
# "Russie, Fédération de"): nobody writes it in running text.
_INVERTED = re.compile("[,،、，]")
# "大韓民国 (韓国)": a name followed by a shorter one in brackets; each is a name on its own.
_BRACKETED = re.compile(r"^(?P<outer>[^()（）]+?)\s*[(（](?P<inner>[^()（）]+)[)）]\s*$")


def country_ids(gazetteer: Gazetteer) -> dict[str, str]:
    """ISO alpha-2 code -> id of the gazetteer's country entity, for the codes it holds.

    Matched on the entity's canonical English name only, so that aliases added to the gazetteer
    later (in any language) cannot change which entity a code stands for.
    """
    by_name: dict[str, set[str]] = defaultdict(set)
    for ent in gazetteer:
        if ent.type == "country":
            by_name[normalize(ent.name)].add(ent.id)
    mapping: dict[str, str] = {}
    for country in pycountry.countries:
        if country.alpha_2 in CODE_OVERRIDES:
            mapping[country.alpha_2] = CODE_OVERRIDES[country.alpha_2]
            continue
        found: set[str] = set()
        for name in _english_names(country):
            found |= by_name.get(normalize(name), set())
        if len(found) == 1:
            mapping[country.alpha_2] = found.pop()
    return mapping


def _english_names(country: object) -> list[str]:
    names = [getattr(country, key, None) for key in ("common_name", "name", "official_name")]
    return [n for n in names if n]


def _short_name(country: object) -> str:
    """The English name the press uses: the common name where ISO gives one (its ``name`` is
    then a formal one, "Iran, Islamic Republic of"), else the ISO name."""
    return str(getattr(country, "common_name", None) or country.name)  # type: ignore[attr-defined]


def _forms(translation: str) -> list[str]:
    """The running-text forms of one translated name (see the module's rules above)."""
    if _INVERTED.search(translation):
        return []
    m = _BRACKETED.match(translation)
    if m:
        return [m.group("outer").strip(), m.group("inner").strip()]
    return [translation.strip()]


def build_rows(gazetteer: Gazetteer) -> list[tuple[str, str, str, str]]:
    """Rows (language, query, expected id, form), in the order of :data:`LANGUAGES`; form is
    ``short`` for the translation of the name the press uses (see :func:`_short_name`) and
    ``official`` for the translations of the formal names."""
    ids = country_ids(gazetteer)
    rows: list[tuple[str, str, str, str]] = []
    for lang in LANGUAGES:
        catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        # Only messages the catalog translates: gettext returns the English text for the others.
        translated: dict[str, str] = {
            k: v for k, v in catalog._catalog.items()  # type: ignore[attr-defined]  # noqa: SLF001
            if isinstance(k, str) and k and v
        }
        owners: dict[str, set[str]] = defaultdict(set)
        queries: dict[tuple[str, str], tuple[str, str]] = {}
        for country in pycountry.countries:
            entity_id = ids.get(country.alpha_2)
            if entity_id is None:
                continue
            english = {normalize(n) for n in _english_names(country)}
            for msgid in _english_names(country):
                kind = "short" if msgid == _short_name(country) else "official"
                for form in _forms(translated.get(msgid, "")):
                    norm = normalize(form)
                    # The English name itself tells nothing about another language; a form
                    # with no letter left is no name.
                    if not norm or norm in english:
                        continue
                    owners[norm].add(entity_id)
                    queries.setdefault((norm, entity_id), (form, kind))
        for (norm, entity_id), (form, kind) in sorted(queries.items(), key=lambda kv: (kv[0][1], kv[1])):
            # A form two countries share in this language ("Congo") has no single answer.
            if len(owners[norm]) == 1:
                rows.append((lang, form, entity_id, kind))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Write the TSV (default ``country_names.tsv`` beside this script)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=HERE / "country_names.tsv")
    args = ap.parse_args(argv)
    rows = build_rows(Gazetteer.default())
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        w.writerow(("language", "query", "expected_id", "form"))
        w.writerows(rows)
    per_lang: dict[str, int] = defaultdict(int)
    for lang, *_ in rows:
        per_lang[lang] += 1
    print(f"{len(rows)} rows -> {args.out}")
    print(" ".join(f"{k}:{v}" for k, v in per_lang.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
