"""The only module that talks to durable_rules: compile once, assert facts, collect matches.

Traps of durable_rules 2.0.28 handled here:
- ruleset names are global and cannot be unregistered: a compiled ruleset is
  named by the hash of its content and reused;
- the fact field `id` is durable's identity (a 32-bit hash that can collide):
  every asserted fact gets a unique `id` (its index) and our key lives in `node`;
- a fact that matches no rule raises MessageNotHandledException: a catch-all
  rule joins every fact with one that never comes, so it matches without firing;
- actions' exceptions are swallowed by durable: recorded and re-raised here;
- the Host's background threads race with callers: no Host, actions run
  synchronously through `Ruleset.do_actions`;
- each run's state id is deleted after an `$end` fact whose action always runs
  (a state must have run an action before it is deleted);
- `$or` fires once per true branch: matches are de-duplicated;
- each action call is costly: rules take up to `_CAP` matched facts per call (`cap`).
Only the fields the conditions read are asserted: client text never reaches
the C engine. Findings do not depend on the order facts arrive in.
"""
from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass

from durable.engine import Ruleset as _DurableRuleset

_END = "$end"


@dataclass(frozen=True)
class CompiledRule:
    key: str  # unique per rule and match, e.g. "F01#0"
    kind: str  # the subject kind of the facts it judges
    pattern: dict  # durable_rules pattern (see engine.conditions.compile_condition)
    fields: tuple[str, ...]  # fact fields the pattern reads


@dataclass
class _Run:
    matches: set
    errors: list


_COMPILED: dict[str, tuple[_DurableRuleset, dict[str, tuple[str, ...]]]] = {}
_SIDS = itertools.count(1)
_STATE_SIZE = 1000  # facts per durable_rules state (see evaluate)
_CAP = 1000  # matches handed to one action call: durable's per-action overhead dominates otherwise
_active: list[_Run] = []  # the run in progress (actions run synchronously inside `evaluate`)


def _action(key: str):
    def record(c) -> None:
        run = _active[-1]
        try:
            batch = c.m if isinstance(c.m, list) else [c.m]
            run.matches.update((key, int(m._d["id"])) for m in batch)
        except Exception as exc:  # durable swallows exceptions: keep them to re-raise
            run.errors.append(exc)
    return record


def _end(c) -> None:
    return None


def _compile(rules: list[CompiledRule]) -> tuple[_DurableRuleset, dict[str, tuple[str, ...]]]:
    spec = json.dumps([(r.key, r.pattern) for r in rules], sort_keys=True)
    name = "kpi_audit_" + hashlib.sha256(spec.encode()).hexdigest()[:24]
    if name not in _COMPILED:
        definition = {r.key: {"all": [{"m": r.pattern}], "cap": _CAP, "run": _action(r.key)} for r in rules}
        definition["$catch_all"] = {"all": [{"m": {"$ex": {"kind": 1}}}, {"never": {"kind": "$never"}}],
                                    "run": _end}
        definition["$end"] = {"all": [{"m": {"kind": _END}}], "run": _end}
        fields: dict[str, set[str]] = {}
        for r in rules:
            fields.setdefault(r.kind, set()).update(r.fields)
        _COMPILED[name] = (_DurableRuleset(name, None, definition),
                           {k: tuple(sorted(v)) for k, v in fields.items()})
    return _COMPILED[name]


def _complete(error, _state) -> None:
    if error:
        raise error


def evaluate(rules: list[CompiledRule], facts: list[dict]) -> list[tuple[str, int]]:
    """(rule key, fact index) for every rule a fact satisfies, sorted and without duplicates.

    Every rule judges one fact, so facts are spread over states of `_STATE_SIZE`:
    durable_rules' cost per fact grows with the size of a state, not with their number.
    """
    if not rules or not facts:
        return []
    engine, fields = _compile(rules)
    run = _Run(set(), [])
    _active.append(run)
    try:
        batch: list[dict] = []
        for index, fact in enumerate(facts):
            wanted = fields.get(fact["kind"])
            if wanted is None:
                continue
            asserted = {"id": str(index), "kind": fact["kind"]}
            for name in wanted:
                value = fact.get(name)
                if value is not None:
                    asserted[name] = value
            batch.append(asserted)
        for start in range(0, len(batch), _STATE_SIZE):
            _run_state(engine, batch[start:start + _STATE_SIZE])
    finally:
        _active.pop()
    if run.errors:
        raise RuntimeError("a rule action failed") from run.errors[0]
    return sorted(run.matches)


def _run_state(engine: _DurableRuleset, batch: list[dict]) -> None:
    """Assert one state's facts, run its actions, close it after its `$end` action ran."""
    sid = f"run{next(_SIDS)}"
    for fact in batch:
        fact["sid"] = sid
    engine.do_actions(engine.assert_facts(batch), _complete)
    engine.do_actions(engine.assert_fact({"sid": sid, "id": "end", "kind": _END}), _complete)
    engine.delete_state(sid)
