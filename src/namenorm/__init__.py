"""namenorm: resolve the many spellings of a name to one canonical entity.

>>> from namenorm import Resolver
>>> match = Resolver().resolve("Hifter")
>>> match.entity.name, match.entity.id
('Khalifa Haftar', 'khalifa-haftar')
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from namenorm.errors import GazetteerError, IndexFormatError, InputTooLongError, NamenormError
from namenorm.gazetteer import (
    ENTITY_TYPES,
    FAMILIES,
    Entity,
    Gazetteer,
    check_gazetteer,
    clear_default_cache,
    type_family,
)
from namenorm.mentions import MAX_TEXT_LENGTH
from namenorm.names import NamePart, split_name
from namenorm.normalize import normalize
from namenorm.pairs import DEFAULT_THRESHOLD, MAX_NAME_LENGTH, compare, is_match
from namenorm.resolve import DEFAULT_MARGIN, Resolver
from namenorm.results import Match, Mention

try:
    __version__ = version("namenorm")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "DEFAULT_MARGIN",
    "DEFAULT_THRESHOLD",
    "ENTITY_TYPES",
    "Entity",
    "FAMILIES",
    "Gazetteer",
    "GazetteerError",
    "IndexFormatError",
    "InputTooLongError",
    "MAX_NAME_LENGTH",
    "MAX_TEXT_LENGTH",
    "Match",
    "Mention",
    "NamePart",
    "NamenormError",
    "Resolver",
    "__version__",
    "check_gazetteer",
    "clear_default_cache",
    "compare",
    "is_match",
    "normalize",
    "split_name",
    "type_family",
]
