"""The values an enum field accepts and how a Chinese reader writes them, derived from the model.

The model (`engine.model`) holds the one list of each enum's values and of the spellings it accepts
(`ENUM_ALIASES`); the template's dropdowns, its README and the validation message that lists the
accepted values all read them from here, so none of them can drift from what the loader accepts.
"""
from __future__ import annotations

from typing import get_args

from engine.messages import Local
from engine.model import ENUM_ALIASES, SECTIONS


def enum_values(section: str, field: str) -> tuple[str, ...]:
    """The allowed values of an enum field (empty for free fields)."""
    annotation = SECTIONS[section].model_fields[field].annotation

    def literals(tp) -> tuple[str, ...]:
        args = get_args(tp)
        if args and all(isinstance(a, str) for a in args):
            return args
        return tuple(v for a in args for v in literals(a))

    return literals(annotation)


def aliases_of(value: str, values: tuple[str, ...]) -> list[str]:
    """Every other spelling the loader reads as `value` in a field whose values are `values`, in the
    model's order (the first Chinese one is the word a Chinese template writes)."""
    found = []
    for alias, target in ENUM_ALIASES.items():
        targets = (target,) if isinstance(target, str) else target
        chosen = next((t for t in targets if t in values), None)  # what the model's parser picks
        if chosen == value:
            found.append(alias)
    return found


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# Where the first Chinese alias is another field's word (成长期 is a stage; a KPI's growth focus is 增长).
_ZH_PREFERRED: dict[tuple[str, str], dict[str, str]] = {("kpis", "focus"): {"growth": "增长"}}


def zh_word(section: str, field: str, value: str) -> str:
    """How a Chinese template writes an enum value: its first Chinese alias, else the value in capitals
    (`erp` -> `ERP`, an abbreviation every reader knows)."""
    preferred = _ZH_PREFERRED.get((section, field), {}).get(value)
    if preferred:
        return preferred
    return next((a for a in aliases_of(value, enum_values(section, field)) if _is_chinese(a)), value.upper())


def display_values(section: str, field: str, lang: str) -> tuple[str, ...]:
    """The dropdown of a field in a template of `lang`."""
    values = enum_values(section, field)
    return tuple(zh_word(section, field, v) for v in values) if lang == "zh" else values


def accepted_spellings(section: str, field: str) -> Local:
    """What a validation message lists for a wrong enum value: every value with its other spellings,
    `startup (初创期, 初创), ...` in English, `初创期、初创（startup）；...` in Chinese."""
    values = enum_values(section, field)
    en, zh = [], []
    for value in values:
        aliases = aliases_of(value, values)
        chinese = [a for a in aliases if _is_chinese(a)]
        en.append(f"{value} ({', '.join(aliases)})" if aliases else value)
        zh.append(f"{'、'.join(chinese)}（{value}）" if chinese else zh_word(section, field, value))
    return Local({"en": ", ".join(en), "zh": "；".join(zh)})
