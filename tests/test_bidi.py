"""Bidi and invisible controls in client text (issue 10, item 6): a U+202E in a unit name cannot reverse the
tool's own sentence in any output, and zero-width characters cannot make two ids look identical."""
from __future__ import annotations

import copy
import io
import json
import sys
import unicodedata
import xml.etree.ElementTree as ET

import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli.main import RevealingStream, main
from engine.bidi import BIDI_CONTROLS, FSI, INVISIBLE, PDI, isolate, needs_isolation, reveal
from engine.findings import format_value
from reports.render import md_code, md_escape, render
from tests.conftest import write_yaml

RLO = "\u202e"
HOSTILE_UNIT = f"Amazon {RLO}DE team"


def _bidi_runs(text: str) -> list[tuple[int, int]]:
    """(depth of open isolates, depth of open embeddings) after each character, as UAX #9 X1–X8 track them:
    the test's own model of the algorithm, independent of engine/bidi.py's balancing code."""
    isolates: list[list[str]] = [[]]  # per isolate level, the embeddings open inside it
    depths = []
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            isolates.append([])
        elif ch == PDI and len(isolates) > 1:
            isolates.pop()
        elif ch in "\u202a\u202b\u202d\u202e":
            isolates[-1].append(ch)
        elif ch == "\u202c" and isolates[-1]:
            isolates[-1].pop()
        depths.append((len(isolates) - 1, sum(len(level) for level in isolates)))
    return depths


def _leaks(text: str) -> bool:
    """Whether anything `text` opens is still open at its end (it would reorder what follows it)."""
    return bool(text) and _bidi_runs(text)[-1] != (0, 0)


@given(st.text(alphabet=st.sampled_from(list(BIDI_CONTROLS + INVISIBLE) + list("ab אב 1"))))
def test_isolated_text_never_leaks_and_keeps_its_letters(text: str) -> None:
    isolated = isolate(text)
    assert not _leaks(isolated)
    assert not _leaks(isolated + "x") and not _leaks("sentence " + isolated + " goes on")
    strip = str.maketrans("", "", BIDI_CONTROLS)
    assert isolated.translate(strip) == text.translate(strip)  # the letters, in the order they were typed
    if needs_isolation(text):
        assert isolated.startswith(FSI) and isolated.endswith(PDI)


def test_ordinary_text_is_unchanged_so_reports_keep_their_bytes() -> None:
    for text in ("Amazon DE", "美国站销售额", "GMV (USD) 1,200", ""):
        assert isolate(text) == text and reveal(text) == text


def test_a_closer_in_client_text_cannot_close_our_isolate() -> None:
    # a PDI first would end our FSI and let the RLO after it reverse the rest of the sentence
    isolated = isolate(f"{PDI}{RLO}evil")
    assert isolated == f"{FSI}{RLO}evil\u202c{PDI}"
    assert not _leaks(isolated)


def test_reveal_drops_bidi_and_shows_invisible() -> None:
    assert reveal(f"a{RLO}b\u200bc\ufeff") == "ab<U+200B>c<U+FEFF>"
    assert reveal("D\u200dE") != reveal("DE")  # two names differing by a joiner do not look alike


@pytest.fixture
def hostile_intake(base_intake: dict) -> dict:
    raw = copy.deepcopy(base_intake)
    raw["units"][1]["name"] = HOSTILE_UNIT  # a unit that owns KPIs: messages name it
    raw["reviews"] = []  # C01 fires on every unit with core KPIs and names the unit
    return raw


def _messages(report: dict) -> list[str]:
    causes = report["root_causes"]
    return [m for f in report["findings"] for m in f["messages"].values()] + [c["message"] for c in causes] + \
        [step for c in causes for step in c["remediation"]["steps"]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_messages_isolate_the_names_they_quote(audit_raw, hostile_intake: dict, lang: str) -> None:
    report = audit_raw(hostile_intake, lang=lang)
    quoting = [m for m in _messages(report) if RLO in m]
    assert quoting, "no message quotes the hostile unit name"
    for message in quoting:
        assert isolate(HOSTILE_UNIT) in message
        assert not _leaks(message)
        name_ends = message.index(isolate(HOSTILE_UNIT)) + len(isolate(HOSTILE_UNIT))
        assert all(depth == (0, 0) for depth in _bidi_runs(message)[name_ends:])  # the rest of our sentence


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_report_isolates_every_text_node_and_attribute(audit_raw, hostile_intake: dict, lang: str) -> None:
    html = render(audit_raw(hostile_intake, lang=lang), "html")
    root = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    seen = 0
    for el in root.iter():
        for text in [el.text, el.tail, *el.attrib.values()]:
            if text and RLO in text:
                seen += 1
                assert not _leaks(text), text  # nothing opened inside a node stays open after it
    assert seen > 3  # the unit's name is in titles, messages, tables and charts


def test_markdown_report_has_no_bidi_control(audit_raw, hostile_intake: dict) -> None:
    hostile_intake["units"][2]["name"] = "Amazon\u200bUS"
    markdown = render(audit_raw(hostile_intake), "md")
    assert not any(ch in markdown for ch in BIDI_CONTROLS + INVISIBLE)
    assert "Amazon DE team" in markdown
    assert md_escape("Amazon\u200bUS") in markdown or "Amazon&lt;U+200B&gt;US" in markdown
    assert md_code(f"x{RLO}\u200b") == "`x<U+200B>`"


def test_json_keeps_client_text_as_written(audit_raw, hostile_intake: dict) -> None:
    report = audit_raw(hostile_intake)
    names = {f["subject_name"] for f in report["findings"]}
    assert HOSTILE_UNIT in names  # data fields are the client's text, untouched; only sentences isolate it


def test_format_value_isolates_dict_keys_and_list_items() -> None:
    text = format_value({f"k{RLO}": [f"a{RLO}", "b"]}, "en")
    assert not _leaks(text)
    assert text.endswith(f"{FSI}a{RLO}\u202c{PDI}, b")


def test_terminal_streams_reveal_controls() -> None:
    sink = io.StringIO()
    stream = RevealingStream(sink)
    stream.write(f"unknown column '{RLO}x\u200b'")
    assert sink.getvalue() == "unknown column 'x<U+200B>'"
    assert stream.getvalue() == sink.getvalue()  # everything else is the wrapped stream's


def test_cli_warnings_on_stderr_reveal_controls(tmp_path, base_intake: dict, monkeypatch, capsys) -> None:
    raw = copy.deepcopy(base_intake)
    raw[f"extra{RLO}section\u200b"] = []
    path = write_yaml(tmp_path / "intake.yaml", raw)
    monkeypatch.setattr(sys, "argv", ["kpi-audit", "validate", str(path)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    err = capsys.readouterr().err
    assert "extrasection<U+200B>" in err and RLO not in err and "\u200b" not in err


@pytest.mark.parametrize("hidden", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", RLO, "\u200e"])
def test_ids_that_differ_only_by_invisible_characters_are_invalid(tmp_path, base_intake: dict, monkeypatch,
                                                                   capsys, hidden: str) -> None:
    """Decision: ids are ASCII letters, digits and _ . - (engine/model.py's ID_PATTERN), so an id holding an
    invisible or bidi character is a validation error naming where it is, with the character escaped."""
    raw = copy.deepcopy(base_intake)
    twin = dict(raw["kpis"][0], id=raw["kpis"][0]["id"] + hidden)
    raw["kpis"].append(twin)
    path = write_yaml(tmp_path / "intake.yaml", raw)
    monkeypatch.setattr(sys, "argv", ["kpi-audit", "validate", str(path)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    escaped = f"\\u{ord(hidden):04x}" if hidden != "\ufeff" else "\\ufeff"
    assert f"kpis[{len(raw['kpis']) - 1}].id" in err and escaped in err
    assert unicodedata.category(hidden) == "Cf"


def test_svg_labels_are_well_formed_and_isolated() -> None:
    from reports.charts.svg import esc
    label = esc(f"<b>{RLO}x")
    ET.fromstring(f"<text>{label}</text>")
    assert label == f"{FSI}&lt;b&gt;{RLO}x\u202c{PDI}"
