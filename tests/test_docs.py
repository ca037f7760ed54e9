"""The user docs (docs/, README) stay true: generated lists current, links resolve, every documented value, alias,
header and command is what the tool accepts, and every value the loader accepts or key the report writes is
documented."""
from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from cli.main import cli
from engine.audit import run_audit
from engine.errors import IntakeError
from engine.loaders import load_intake
from engine.loaders.headers import field_for, section_for
from engine.model import ENUM_ALIASES, SECTIONS
from engine.validate import build_intake
from tests.conftest import EXAMPLES, ROOT

DOCS = ROOT / "docs"
INTAKE_DOCS = [DOCS / "intake.md", DOCS / "zh" / "intake.md"]
REPORT_DOC = DOCS / "report.md"
MARKDOWN = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
ENUM_ROW = re.compile(r"^\| `(\w+)\.(\w+)` \| `([^`]+)` \|(.*)\|$", re.M)
MINIMAL = {"organization": {"id": "o", "name": "O"}, "units": [{"id": "u", "name": "U"}],
           "roles": [{"id": "r", "name": "R", "unit": "u"}], "kpis": [{"id": "k", "name": "K", "owner": "r"}]}


def _script():
    spec = importlib.util.spec_from_file_location("user_docs", ROOT / "scripts" / "user_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _without_code(text: str) -> str:
    return re.sub(r"`[^`\n]*`", "", FENCE.sub("", text))


def anchors(text: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered."""
    found: dict[str, int] = {}
    out = set()
    for heading in re.findall(r"^#{1,6} (.+)$", FENCE.sub("", text), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        out.add(f"{slug}-{found[slug]}" if slug in found else slug)
        found[slug] = found.get(slug, 0) + 1
    return out


def test_generated_blocks_match_the_code():
    assert _script().stale() == [], "run: python scripts/user_docs.py"


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path):
    text = _text(path)
    for target in LINK.findall(_without_code(text)):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        dest = (path.parent / file).resolve() if file else path
        assert dest.exists(), f"{path.name}: broken link {target}"
        assert dest.is_relative_to(ROOT), f"{path.name}: {target} leaves the repository"
        if anchor and dest.suffix == ".md":
            assert anchor in anchors(_text(dest)), f"{path.name}: no heading for {target}"


def _enum_rows(path: Path) -> list[tuple[str, str, str, list[str]]]:
    rows = ENUM_ROW.findall(_text(path))
    return [(s, f, v, re.findall(r"`([^`]+)`", rest)) for s, f, v, rest in rows]


def _load(section: str, field: str, value: str):
    """The value a minimal intake reads for `section.field` written as `value`."""
    raw = {k: [dict(r) for r in v] if isinstance(v, list) else dict(v) for k, v in MINIMAL.items()}
    if section == "organization":
        raw["organization"][field] = value
        return getattr(build_intake(raw)[0].organization, field)
    record = next(iter(raw.get(section, [])), None) or {"id": "x", "name": "X"}
    raw[section] = [{**record, field: value}]
    return getattr(getattr(build_intake(raw)[0], section)[0], field)


@pytest.mark.parametrize("path", INTAKE_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_documented_enum_spelling_is_accepted(path):
    rows = _enum_rows(path)
    assert len(rows) >= 40, "the enum table was not found"
    for section, field, value, aliases in rows:
        for spelling in (value, *aliases):
            assert _load(section, field, spelling) == value, (section, field, spelling)


@pytest.mark.parametrize("path", INTAKE_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_spelling_the_loader_accepts_is_documented(path):
    documented = {(s, f, spelling): v for s, f, v, aliases in _enum_rows(path) for spelling in (v, *aliases)}
    enum_fields = {(s, f) for s, f, *_ in documented}
    assert len(enum_fields) == 11
    for section, field in enum_fields:
        for spelling in ENUM_ALIASES:
            try:
                value = _load(section, field, spelling)
            except IntakeError:
                continue
            assert documented.get((section, field, spelling)) == value, (section, field, spelling, value)


@pytest.mark.parametrize("path", INTAKE_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_documented_sections_fields_and_headers_are_read(path):
    text = _text(path)
    fields: dict[str, set[str]] = {}
    for block in re.split(r"^### ", text, flags=re.M)[1:]:
        section = block.split("\n", 1)[0].strip()
        if section not in SECTIONS:
            continue
        for line in re.findall(r"^\| `\w+` \|.*$", block, re.M):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]   # columns: field, type, required, default, headers, meaning
            field, headers = cells[0].strip(" `"), cells[4]
            fields.setdefault(section, set()).add(field)
            for header in re.findall(r"`([^`]+)`", headers):
                assert field_for(section, header) == field, (section, header)
    assert fields == {s: set(m.model_fields) for s, m in SECTIONS.items()}
    sections = re.findall(r"^\| \[`(\w+)`\]\(#\w+\) \|[^|]*\|([^|]*)\|$", text, re.M)
    assert [s for s, _ in sections] == list(SECTIONS)
    for section, names in sections:
        for name in re.findall(r"`([^`]+)`", names):
            assert section_for(name) == section, (section, name)


@pytest.mark.parametrize("path", INTAKE_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_intake_example_is_valid_and_audits(path, core, tmp_path):
    blocks = {lang: body for lang, body in FENCE.findall(_text(path))}
    (tmp_path / "example.yaml").write_text(blocks["yaml"], encoding="utf-8")
    loaded = load_intake(tmp_path / "example.yaml")   # the real reader: YAML dates stay text until the model
    intake = loaded.intake
    assert loaded.warnings == []
    assert not intake.absent, "the example shows every section"
    assert run_audit(intake, core)["score"]["overall"] >= 90
    header, *rows = (line.split(",") for line in blocks["csv"].splitlines())
    fields = [field_for("kpis", h) for h in header]
    assert None not in fields and len(set(fields)) == len(fields), header
    assert all(len(row) == len(header) for row in rows)


def _keys(report: dict) -> set[str]:
    """Every key of the report at the levels docs/report.md documents."""
    keys = set(report)
    for name in ("tool", "organization", "ruleset", "score", "summary"):
        keys |= set(report[name])
    for name in ("findings", "not_assessed", "to_collect", "kpis", "plan", "root_causes"):
        for item in report.get(name, []):
            keys |= set(item)
            for nested in ("remediation", "group"):
                keys |= set(item.get(nested) or {}) if isinstance(item.get(nested), dict) else set()
    for deduction in report["score"]["deductions"]:
        keys |= set(deduction)
    return keys


@pytest.mark.parametrize("example", ["cross-border-seller.yaml", "bare.yaml", "everything-wrong.yaml"])
def test_every_report_key_is_documented(example, audit_raw):
    report = audit_raw(yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8")))
    text = _text(REPORT_DOC)
    missing = sorted(k for k in _keys(report) if f"`{k}`" not in text)
    assert not missing, f"docs/report.md does not document {missing}"


def kpi_audit_commands(text: str) -> list[list[str]]:
    """The `kpi-audit …` invocations in a Markdown text's shell code blocks, as argument lists."""
    found = []
    for lang, body in FENCE.findall(text):
        if lang not in ("sh", "bash", "shell", ""):
            continue
        for line in body.splitlines():
            for match in re.finditer(r"(?:^|[\s/])kpi-audit\s+([^#&|>\n]*)", line):
                found.append(shlex.split(match[1]))
    return found


def check_command(args: list[str]) -> None:
    """An invocation names an existing command and only its options, with an accepted value for a choice."""
    command: click.Command = cli
    words = list(args)
    while isinstance(command, click.Group):
        assert words and words[0] in command.commands, f"kpi-audit {' '.join(args)}: unknown command"
        command = command.commands[words.pop(0)]
    options = {opt: p for p in command.params if isinstance(p, click.Option) for opt in p.opts}
    for i, word in enumerate(words):
        if word.startswith("-"):
            assert word in options or word in ("-h", "--help"), f"kpi-audit {' '.join(args)}: unknown option {word}"
            param = options.get(word)
            if param is not None and isinstance(param.type, click.Choice):
                assert words[i + 1] in param.type.choices, f"kpi-audit {' '.join(args)}: {word} {words[i + 1]}"


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(ROOT)))
def test_commands_shown_in_docs_exist(path):
    for args in kpi_audit_commands(_text(path)):
        check_command(args)


def test_checks_catch_what_they_should():
    """The checks above fail on a wrong command, option, choice or spelling (so they are not vacuous)."""
    for bad in (["audits", "x.yaml"], ["audit", "x.yaml", "--colour"], ["audit", "x", "--format", "docx"],
                ["rules", "explain"]):
        with pytest.raises(AssertionError):
            check_command(bad)
    with pytest.raises(IntakeError):
        _load("kpis", "frequency", "每两年")
    assert "kpis" in anchors("### kpis\n") and "not-collected-vs-none" in anchors("## Not collected vs none\n")
