"""Hypothesis strategies over the intake model: a well-formed intake, then mutations an attacker (or a careless
export) makes to it.

The shape comes from engine/model.py (`SECTIONS`, each record's fields), so a new field is fuzzed without an
edit here; only how a value is drawn is chosen per kind of field. A mutation is a small, named change (a type
swapped, a size blown up, hostile unicode, a duplicate, a dangling reference), so a failing example reads as
what was done to the intake.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from hypothesis import strategies as st

from engine.bidi import BIDI_CONTROLS, INVISIBLE
from engine.model import OPTIONAL_SECTIONS, SECTIONS

# Text a client may type, and text an attacker types: bidi and invisible controls, formula starts, markup,
# CJK, right-to-left letters, full-width forms, and what reads like a surrogate escape.
HOSTILE_PIECES = [*BIDI_CONTROLS, *INVISIBLE, "=HYPERLINK(\"http://x\")", "=cmd|' /C calc'!A0", "+1", "-2",
                  "@SUM(A1)", "\t", "\r", "<script>", "&amp;", "]]>", "`", "|", "销售额", "美国站", "אב", "ＧＭＶ",
                  "\\ud800", "%s", "{subject}", "none", "无", "是", "  "]
PLAIN = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
TEXT = st.one_of(PLAIN, st.lists(st.one_of(PLAIN, st.sampled_from(HOSTILE_PIECES)), min_size=1, max_size=4)
                 .map("".join))


def _literal_values(annotation: Any) -> tuple[str, ...]:
    """The accepted values of an enum field (`Literal[...] | None`), or () for any other field."""
    return next((get_args(arg) for arg in get_args(annotation) if get_origin(arg) is Literal), ())


ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    (section, name): _literal_values(field.annotation)
    for section, model in SECTIONS.items() for name, field in model.model_fields.items()
    if _literal_values(field.annotation)}
KPI_NAMES = ["GMV", "ACoS", "每日上新数量", "工作态度", "US GMV", "退款率"]  # names the catalogue reads
DATES = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2027, 12, 31))


@dataclass(frozen=True)
class Sizes:
    """How many records of each kind a drawn intake has (small: a CI example must stay cheap)."""

    units: int
    roles: int
    kpis: int


def _ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(count)]


@st.composite
def intakes(draw: st.DrawFn) -> dict[str, Any]:
    """A well-formed intake (it may still fail a rule of the contract, e.g. a weight the strategy draws > 100:
    the properties do not assume validity, they compare commands)."""
    sizes = Sizes(draw(st.integers(1, 4)), draw(st.integers(1, 4)), draw(st.integers(1, 6)))
    units, roles, kpis = _ids("u", sizes.units), _ids("r", sizes.roles), _ids("k", sizes.kpis)
    states = {section: draw(st.sampled_from(["left out", "empty", "given"])) for section in OPTIONAL_SECTIONS}
    given = {section: count if states[section] == "given" else 0  # only ids the intake holds are referred to
             for section, count in (("people", draw(st.integers(1, 3))), ("objectives", draw(st.integers(1, 3))),
                                    ("metrics", draw(st.integers(1, 3))))}
    people, objectives, metrics = _ids("p", given["people"]), _ids("o", given["objectives"]), \
        _ids("m", given["metrics"])
    pick = lambda ids: st.sampled_from(ids) if ids else st.none()  # noqa: E731
    raw: dict[str, Any] = {
        "organization": {"id": "org", "name": draw(TEXT), "audit_date": draw(DATES), "champion": draw(pick(people)),
                         "stage": draw(st.sampled_from(ENUMS["organization", "stage"]))},
        "units": [{"id": u, "name": draw(TEXT), "parent": None if i == 0 else units[draw(st.integers(0, i - 1))],
                   "market": draw(st.sampled_from(["US", "DE", "CN", None])),
                   "platform": draw(st.sampled_from(["amazon", "tmall", None]))} for i, u in enumerate(units)],
        "roles": [{"id": r, "name": draw(TEXT), "unit": draw(st.sampled_from(units)),
                   "leadership": draw(st.booleans())} for r in roles],
        "kpis": [{"id": k, "name": draw(st.one_of(TEXT, st.sampled_from(KPI_NAMES))),
                  "owner": draw(pick(roles)), "kind": draw(st.sampled_from((*ENUMS["kpis", "kind"], None))),
                  "weight": draw(st.one_of(st.none(), st.integers(0, 100))), "metric": draw(pick(metrics)),
                  "objectives": draw(st.lists(st.sampled_from(objectives), max_size=2, unique=True))
                  if objectives else [],
                  "target": draw(st.one_of(st.none(), st.floats(0, 1e7, allow_nan=False))),
                  "frequency": draw(st.sampled_from((*ENUMS["kpis", "frequency"], None)))} for k in kpis],
    }
    optional = {
        "people": [{"id": p, "name": draw(TEXT), "role": draw(pick(roles)), "internal": draw(st.booleans())}
                   for p in people],
        "objectives": [{"id": o, "name": draw(TEXT), "unit": draw(st.sampled_from(units))} for o in objectives],
        "metrics": [{"id": m, "name": draw(TEXT), "formula": draw(TEXT),
                     "source": draw(st.sampled_from(ENUMS["metrics", "source"]))} for m in metrics],
        "incentives": [{"id": "i0", "name": draw(TEXT), "roles": [draw(st.sampled_from(roles))],
                        "links": [{"kpi": draw(st.sampled_from(kpis)), "weight": draw(st.integers(0, 100))}]}],
        "reviews": [{"id": "v0", "name": draw(TEXT), "kind": "performance", "scope": draw(st.sampled_from(units)),
                     "cadence": draw(st.sampled_from(ENUMS["reviews", "cadence"])),
                     "held_on": draw(st.one_of(st.none(), st.lists(DATES, max_size=3)))}],
        "dashboards": [{"id": "d0", "name": draw(TEXT), "kpis": [draw(st.sampled_from(kpis))]}],
        "consultations": [{"id": "c0", "date": draw(DATES), "topic": "kpi-design"}],
        "actuals": [{"kpi": draw(st.sampled_from(kpis)), "period": draw(DATES).strftime("%Y-%m"),
                     "value": draw(st.floats(-1e6, 1e6, allow_nan=False))}],
    }
    for section, state in states.items():
        if state != "left out":
            raw[section] = [] if state == "empty" else optional[section]
    return {section: _without_none(records) for section, records in raw.items()}


def _without_none(records: Any) -> Any:
    if isinstance(records, dict):
        return {k: v for k, v in records.items() if v is not None}
    return [_without_none(r) for r in records]


# What a field may be swapped for: other types, out-of-range numbers, sizes, unicode.
HUGE = 10 ** 400  # beyond float range
ODD_VALUES = st.sampled_from([HUGE, -HUGE, float("inf"), float("nan"), -1, 10 ** 18, 1e308, True, 0, "", "  ",
                              [], {}, ["a", ["b"]], {"x": 1}, "x" * 6000, "1" * 400, "2026-02-30", "2026-13",
                              "\u202e" * 50, "\u200b", "fifty", "50%", "1,200,000", "1e999", "-0"])


@dataclass(frozen=True)
class Mutation:
    """One change to an intake, named for the failure report."""

    kind: str
    section: str
    index: int
    field: str
    value: Any = None

    def apply(self, raw: dict[str, Any]) -> None:
        records = raw.get(self.section)
        if self.kind == "drop section":
            raw.pop(self.section, None)
            return
        if self.kind == "section becomes" and self.section in raw:
            raw[self.section] = self.value
            return
        if not isinstance(records, (list, dict)) or not records:
            return
        record = records if isinstance(records, dict) else records[self.index % len(records)]
        if not isinstance(record, dict):
            return
        if self.kind == "set":
            record[self.field] = self.value
        elif self.kind == "drop field":
            record.pop(self.field, None)
        elif self.kind == "duplicate record" and isinstance(records, list):
            records.append(dict(record))
        elif self.kind == "dangling reference":
            record[self.field] = "ghost-" + self.field
        elif self.kind == "many records" and isinstance(records, list):
            records.extend({**record, "id": f"{record.get('id', 'x')}-{n}"} if "id" in record else dict(record)
                           for n in range(self.value))


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    section = draw(st.sampled_from(list(SECTIONS)))
    fields = list(SECTIONS[section].model_fields)
    kind = draw(st.sampled_from(["set", "set", "set", "drop field", "duplicate record", "dangling reference",
                                 "many records", "drop section", "section becomes"]))
    value: Any = None
    if kind == "set":
        value = draw(st.one_of(ODD_VALUES, TEXT))
    elif kind == "many records":
        value = draw(st.integers(10, 120))
    elif kind == "section becomes":
        value = draw(st.sampled_from([None, "text", 1, {"id": "x"}, [None], [[1]], ["a"]]))
    field = draw(st.sampled_from(fields))
    if kind == "dangling reference":
        refs = [f for f in fields if f in {"parent", "owner", "unit", "role", "metric", "scope", "champion", "kpi"}]
        if not refs:
            kind, value = "set", draw(ODD_VALUES)
        else:
            field = draw(st.sampled_from(refs))
    return Mutation(kind, section, draw(st.integers(0, 10)), field, value)


@st.composite
def hostile_intakes(draw: st.DrawFn) -> tuple[dict[str, Any], list[Mutation]]:
    """An intake and the mutations applied to it (none, sometimes: valid intakes must pass both commands)."""
    raw = draw(intakes())
    applied = draw(st.lists(mutations(), max_size=3))
    for mutation in applied:
        mutation.apply(raw)
    return raw, applied
