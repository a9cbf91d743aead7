"""stancemap: who supports or opposes what in news articles, from Python.

The functions run stancemap's Rust extraction with the bundled lexicon, so they
can be used as a UDF inside an existing engine (Dask, Spark ``mapInPandas``, Ray).
Results are dicts in stancemap's JSON exchange schema, exactly the lines that
``stancemap extract --stdin-jsonl --no-user-lexicon`` writes.
"""

import json
from os import PathLike
from typing import Optional, Union

from . import _native

__all__ = ["extract", "extract_json", "load_map", "save_map"]


def extract_json(text: str, date: Optional[str] = None, id: str = "text") -> str:
    """One article's map as a JSON line (str), the source's path set to ``id``."""
    return _native.extract_json(text, date, id)


def extract(text: str, date: Optional[str] = None, id: str = "text") -> dict:
    """Extracts actors, issues, positions and relations from one article's text.

    ``date`` (ISO 8601 preferred) is stored on the source; ``id`` becomes the
    source's path, as the CLI does for ``--stdin-jsonl`` records. Never raises on
    odd text: a messy article gives fewer findings.
    """
    return json.loads(extract_json(text, date, id))


def load_map(path: Union[str, PathLike]) -> dict:
    """Reads a ``*.stancemap.ron`` map (or a JSON export) into an exchange-schema dict.

    Raises ``OSError`` when the file cannot be read and ``ValueError`` when it is
    not a valid map; the message names the file.
    """
    return json.loads(_native.load_map_json(str(path)))


def save_map(path: Union[str, PathLike], map: dict) -> None:
    """Writes an exchange-schema dict as a ``*.stancemap.ron`` map, atomically.

    The map is checked first (ids, references, evidence spans); ``ValueError`` says
    what is wrong and nothing is written.
    """
    _native.save_map_json(str(path), json.dumps(map))
