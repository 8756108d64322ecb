"""The languages the assistant speaks, once for every module that needs the list."""

from __future__ import annotations

from typing import Literal

Lang = Literal["ar", "fr", "en"]
LANGS: tuple[Lang, ...] = ("ar", "fr", "en")
# Languages written in Latin letters, told apart by py3langid and their stop words.
LATIN_LANGS: tuple[Lang, ...] = ("fr", "en")
