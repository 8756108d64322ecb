"""``--set section.field=value`` for the benchmarks: a ``Tuning`` over the defaults."""

from __future__ import annotations

from dataclasses import replace

from bot.core.tuning import DEFAULT, Tuning


def tuned(settings: list[str]) -> Tuning:
    """``--set decision.same_language=0.8`` and the like, over the defaults."""
    tuning = DEFAULT
    for item in settings:
        name, value = item.split("=", 1)
        section, field_name = name.split(".")
        part = getattr(tuning, section)
        kind = type(getattr(part, field_name))
        if value == "none":
            parsed = None
        elif kind is bool:
            parsed = bool(int(value))
        else:
            parsed = float(value) if kind is float else int(value)
        tuning = replace(tuning, **{section: replace(part, **{field_name: parsed})})
    return tuning
