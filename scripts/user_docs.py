"""Regenerate the lists inside the user docs from the code: `python scripts/user_docs.py [--check]`.

docs/intake.md, docs/zh/intake.md and docs/report.md are prose written for a consultant, with generated blocks
between `<!-- generated: NAME -->` and `<!-- end generated: NAME -->`: the sections and their Chinese sheet names,
every field (type, required, default, Chinese headers, meaning), every enum value with the spellings the loader
accepts, and the command line. Those lists come from the intake model (engine/model.py), the header aliases
(engine/loaders/headers.py), the field descriptions of the template's README sheet (engine/loaders/field_docs.py)
and the click commands, so the docs cannot drift from what the tool accepts: tests/test_docs.py fails when a
committed block differs from what this script writes. `--check` only compares (exit 1 when a file is stale).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import click
from pydantic import BeforeValidator

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python scripts/user_docs.py` from a checkout
    sys.path.insert(0, str(ROOT))

from cli.main import cli  # noqa: E402
from engine.cells import _FALSE, _TRUE  # noqa: E402  (the words parse_bool accepts)
from engine.loaders.field_docs import FIELD_DOCS  # noqa: E402
from engine.loaders.headers import FIELD_LOOKUP, SECTION_ALIASES, normalise_header  # noqa: E402
from engine.model import ENUM_ALIASES, NEVER_HELD, REQUIRED_SECTIONS, SECTIONS  # noqa: E402
from engine.validate import CHAMPION, REFERENCES  # noqa: E402  (the one list of what each reference points to)

BLOCK = re.compile(r"(<!-- generated: (?P<name>[a-z-]+) -->\n).*?(<!-- end generated: (?P=name) -->)", re.S)

# Words of the generated tables; the prose around them is written in each file's language.
WORDS: dict[str, dict[str, str]] = {
    "en": {"field": "field", "type": "type", "required": "required", "default": "default", "headers": "Chinese headers",
           "meaning": "meaning", "yes": "yes", "no": "no", "section": "section", "sheet": "sheet / CSV file",
           "names": "other names", "value": "value", "also": "also accepted", "sep": ", ",
           "required_section": "Required section.", "optional_section": "Optional section (left out = not collected).",
           "org_sheet": "In a workbook or CSV folder this is a two-column sheet: `field` (字段) and `value` (值).",
           "table_sheet": "In a workbook or CSV folder: one row per record, the first row holds the field names.",
           "true": "yes", "false": "no", "never": "`held_on` never held (an empty log)",
           "command": "command", "option": "option", "does": "does", "args": "arguments"},
    "zh": {"field": "字段", "type": "类型", "required": "必填", "default": "默认值", "headers": "中文表头",
           "meaning": "含义", "yes": "是", "no": "否", "section": "部分", "sheet": "工作表 / CSV 文件",
           "names": "其他名称", "value": "取值", "also": "也可写作", "sep": "、",
           "required_section": "必填部分。", "optional_section": "选填部分（不提供 = 未收集）。",
           "org_sheet": "在工作簿或 CSV 文件夹中为两列表：`field`（字段）与 `value`（值）。",
           "table_sheet": "在工作簿或 CSV 文件夹中：每条记录一行，第一行为字段名。",
           "true": "是", "false": "否", "never": "`held_on` 从未召开（空记录）",
           "command": "命令", "option": "选项", "does": "作用", "args": "参数"},
}

# How each kind of field is written, named after the parser the model gives it (engine/model.py).
TYPES: dict[str, dict[str, str]] = {
    "en": {"id": "id", "ref": "id of one of `{target}`", "refs": "list of ids of `{target}`", "text": "text",
           "bool": "yes/no", "weight": "number 0–100 (%)", "amount": "number", "count": "whole number ≥ 0",
           "date": "date", "dates": "list of dates", "enum": "one of the [values](#enum-values)",
           "links": "list of `{{kpi, weight}}` (KPI ids of `kpis`)",
           "period": "`YYYY-MM`, date, `YYYY-Qn`, `YYYY-Hn` or `YYYY`"},
    "zh": {"id": "编号", "ref": "`{target}` 的编号", "refs": "`{target}` 的编号列表", "text": "文本",
           "bool": "是/否", "weight": "数字 0–100（%）", "amount": "数字", "count": "非负整数",
           "date": "日期", "dates": "日期列表", "enum": "[取值](#取值)之一",
           "links": "`{{kpi, weight}}` 列表（`kpis` 的编号）", "period": "`YYYY-MM`、日期、`YYYY-Qn`、`YYYY-Hn` 或 `YYYY`"},
}
ENUM_SEP = " \\| "  # a `|` inside a table cell
_PARSERS = {"_opt_str": "text", "_opt_text": "text", "_req_text": "text", "_bool_or_none": "bool", "_weight": "weight",
            "_amount": "amount", "_int": "count", "_date": "date", "_dates": "dates", "_ids": "refs", "parse": "enum"}
_REF_TARGET = {(section, field): target for section, field, target, *_ in [*REFERENCES, CHAMPION]}


def _parser(info: Any) -> str | None:
    return next((m.func.__name__ for m in info.metadata if isinstance(m, BeforeValidator)), None)


def field_type(section: str, name: str) -> str:
    """The kind of a field (a key of TYPES): whether it references a section, then its parser and pattern."""
    info = SECTIONS[section].model_fields[name]
    parser = _parser(info)
    has_pattern = any(getattr(m, "pattern", None) for m in info.metadata)
    if (section, name) in _REF_TARGET and parser in ("_req_str", "_opt_str"):
        return "ref"
    if parser is None and get_origin(info.annotation) is list:
        return "links"
    if parser == "_req_str":
        if not has_pattern:
            return "text" if any(getattr(m, "min_length", None) for m in info.metadata) else "period"
        return "id"
    if parser not in _PARSERS:
        raise KeyError(f"{section}.{name}: no type label for parser {parser!r}; add one to TYPES")
    return _PARSERS[parser]


def enum_values(section: str, name: str) -> tuple[str, ...]:
    """The values an enum field takes, from its Literal annotation (empty for a field that is no enum)."""
    for arg in get_args(SECTIONS[section].model_fields[name].annotation) or ():
        if get_origin(arg) is Literal:
            return get_args(arg)
    return ()


def enum_fields() -> list[tuple[str, str]]:
    return [(s, f) for s, model in SECTIONS.items() for f in model.model_fields if enum_values(s, f)]


def aliases_of(value: str, values: tuple[str, ...]) -> list[str]:
    """Spellings ENUM_ALIASES resolves to `value` for a field whose values are `values` (the loader's own rule:
    an alias shared by two enums goes to the one whose values include it)."""
    found = []
    for alias, target in ENUM_ALIASES.items():
        candidates = (target,) if isinstance(target, str) else target
        chosen = next((c for c in candidates if c in values), None)
        if chosen == value:
            found.append(alias)
    return found


def header_names(section: str, name: str) -> list[str]:
    """Every header a sheet or CSV file may use for a field, besides the field name (as normalised on reading)."""
    return [h for h, f in FIELD_LOOKUP[section].items() if f == name and h != normalise_header(name)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _codes(items: list[str] | tuple[str, ...], sep: str) -> str:
    return sep.join(f"`{i}`" for i in items)


def _default(info: Any, w: dict[str, str]) -> str:
    value = info.default
    if info.is_required() or value in (None, []):
        return ""
    return w["yes"] if value is True else w["no"] if value is False else f"`{value}`"


def sections_block(lang: str) -> str:
    w = WORDS[lang]
    rows = [f"| {w['section']} | {w['required']} | {w['names']} |", "|---|---|---|"]
    for section in SECTIONS:
        names = SECTION_ALIASES[section]
        rows.append(f"| [`{section}`](#{section}) | {w['yes'] if section in REQUIRED_SECTIONS else w['no']} | "
                    f"{_codes(names, w['sep'])} |")
    return "\n".join(rows)


def fields_block(lang: str) -> str:
    w, t = WORDS[lang], TYPES[lang]
    parts = []
    for section, model in SECTIONS.items():
        names = SECTION_ALIASES[section]
        lines = [f"### {section}", "",
                 f"{w['required_section'] if section in REQUIRED_SECTIONS else w['optional_section']} "
                 f"{w['sheet']}: `{section}`{w['sep']}{_codes(names, w['sep'])}. "
                 f"{w['org_sheet'] if section == 'organization' else w['table_sheet']}", "",
                 f"| {w['field']} | {w['type']} | {w['required']} | {w['default']} | {w['headers']} | {w['meaning']} |",
                 "|---|---|---|---|---|---|"]
        for name, info in model.model_fields.items():
            kind = field_type(section, name)
            target = _REF_TARGET.get((section, name))
            type_text = t[kind].format(target=target)
            if kind == "enum":
                type_text = f"{_codes(enum_values(section, name), ENUM_SEP)} ({t['enum']})"
            meaning = FIELD_DOCS[section][name][0 if lang == "en" else 1]
            lines.append(f"| `{name}` | {type_text} | {w['yes'] if info.is_required() else ''} | "
                         f"{_default(info, w)} | {_codes(header_names(section, name), w['sep'])} | {_cell(meaning)} |")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def enums_block(lang: str) -> str:
    w = WORDS[lang]
    rows = [f"| {w['field']} | {w['value']} | {w['also']} |", "|---|---|---|"]
    for section, name in enum_fields():
        values = enum_values(section, name)
        for value in values:
            rows.append(f"| `{section}.{name}` | `{value}` | {_codes(aliases_of(value, values), w['sep'])} |")
    return "\n".join(rows)


def words_block(lang: str) -> str:
    """The spellings of yes, no and "never held" a cell may use."""
    w = WORDS[lang]
    return "\n".join([f"- {w['true']}: {_codes(sorted(_TRUE), w['sep'])}",
                      f"- {w['false']}: {_codes(sorted(_FALSE), w['sep'])}",
                      f"- {w['never']}: {_codes(NEVER_HELD, w['sep'])}"])


def _commands() -> list[tuple[str, click.Command]]:
    found = []
    for name, command in cli.commands.items():
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", c) for sub, c in command.commands.items()]
        else:
            found.append((name, command))
    return found


def cli_block(lang: str) -> str:
    """Every command with its arguments and options, as `kpi-audit COMMAND --help` prints them."""
    w = WORDS[lang]
    parts = []
    for name, command in _commands():
        ctx = click.Context(command, info_name=f"kpi-audit {name}")
        args = " ".join(p.make_metavar(ctx) for p in command.params if isinstance(p, click.Argument))
        usage = f"kpi-audit {name} {args}".rstrip()
        lines = [f"#### `{usage}`", "",
                 _cell(command.get_short_help_str(limit=300)), ""]
        options = [p.get_help_record(ctx) for p in command.params if isinstance(p, click.Option)]
        if any(options):
            lines += [f"| {w['option']} | {w['does']} |", "|---|---|"]
            lines += [f"| `{_cell(opt)}` | {_cell(text)} |" for opt, text in filter(None, options)]
        parts.append("\n".join(lines).rstrip())
    return "\n\n".join(parts)


GENERATORS = {"sections": sections_block, "fields": fields_block, "enums": enums_block, "words": words_block,
              "cli": cli_block}
DOCS: dict[str, str] = {"docs/intake.md": "en", "docs/zh/intake.md": "zh", "docs/report.md": "en"}


def render(text: str, lang: str) -> str:
    """`text` with every generated block rewritten; an unknown block name is an error, not left stale."""

    def block(match: re.Match) -> str:
        name = match["name"]
        if name not in GENERATORS:
            raise KeyError(f"unknown generated block {name!r}")
        return f"{match.group(1)}{GENERATORS[name](lang)}\n{match.group(3)}"

    return BLOCK.sub(block, text)


def stale(root: Path = ROOT) -> list[str]:
    """The doc files whose generated blocks differ from what the code says now."""
    out = []
    for rel, lang in DOCS.items():
        text = (root / rel).read_text(encoding="utf-8")
        if render(text, lang) != text:
            out.append(rel)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 when a doc is stale")
    args = parser.parse_args(argv)
    if args.check:
        files = stale()
        for rel in files:
            print(f"{rel} is stale: run python scripts/user_docs.py", file=sys.stderr)
        return 1 if files else 0
    for rel, lang in DOCS.items():
        path = ROOT / rel
        text = path.read_text(encoding="utf-8")
        new = render(text, lang)
        if new != text:
            path.write_bytes(new.encode("utf-8"))
            print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
