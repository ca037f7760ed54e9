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
  (a state must have run an action before it is deleted); a state whose `$end`
  action never ran (durable skips the rest of a state's actions when one takes
  over 10 s) is an error, not a silent loss of matches;
- `$or` fires once per true branch: matches are de-duplicated;
- each action call is costly: rules take up to `_CAP` matched facts per call (`cap`).

Threads: actions are shared by every run of a ruleset, so they find their run
by the state id (`sid`, unique per state) in a lock-protected table. The C
engine has no locks of its own (it relies on the GIL, which it never releases,
to make each call atomic), finds a state by the 32-bit hash of its sid alone
(two live states can collide) and keeps an index of live states that goes stale
when they are deleted out of order: each ruleset handle therefore holds one
live state at a time, from its first fact to its deletion. That costs no
parallelism, since durable's calls hold the GIL anyway.
Only the fields the conditions read are asserted: client text never reaches
the C engine. Findings do not depend on the order facts arrive in.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import threading
from dataclasses import dataclass, field

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
    """What the actions of one `evaluate` call record."""

    matches: set = field(default_factory=set)
    errors: list = field(default_factory=list)
    ended: int = 0  # states whose `$end` action ran


@dataclass(frozen=True)
class _Engine:
    ruleset: _DurableRuleset
    fields: dict[str, tuple[str, ...]]  # fact kind -> the fields its rules read
    lock: threading.Lock  # held from a state's first fact to its deletion (see the module docstring)


_COMPILED: dict[str, _Engine] = {}
_COMPILE_LOCK = threading.Lock()  # durable would register a second ruleset under a name compiled twice
_RUNS: dict[str, _Run] = {}  # sid -> the run its actions record into
_RUNS_LOCK = threading.Lock()
_SIDS = itertools.count(1)
_STATE_SIZE = 1000  # facts per durable_rules state (see evaluate)
_CAP = 1000  # matches handed to one action call: durable's per-action overhead dominates otherwise


def _open_state(run: _Run) -> str:
    """A fresh sid routed to `run` until `_close_state`."""
    with _RUNS_LOCK:
        sid = f"run{next(_SIDS)}"
        _RUNS[sid] = run
    return sid


def _close_state(sid: str) -> None:
    with _RUNS_LOCK:
        del _RUNS[sid]


def _run_of(closure) -> _Run:
    """The run that owns the state an action fires in (registered before its first fact)."""
    with _RUNS_LOCK:
        return _RUNS[closure.s.sid]


def _action(key: str):
    def record(c) -> None:
        run = _run_of(c)
        try:
            batch = c.m if isinstance(c.m, list) else [c.m]
            run.matches.update((key, int(m["id"])) for m in batch)
        except Exception as exc:  # durable swallows exceptions: keep them to re-raise
            run.errors.append(exc)
    return record


def _ended(c) -> None:
    _run_of(c).ended += 1


def _never(c) -> None:
    """The catch-all rule waits for a fact that never comes; durable still wants an action."""


def _compile(rules: list[CompiledRule]) -> _Engine:
    spec = json.dumps([(r.key, r.pattern) for r in rules], sort_keys=True)
    name = "kpi_audit_" + hashlib.sha256(spec.encode()).hexdigest()[:24]
    with _COMPILE_LOCK:
        if name not in _COMPILED:
            _COMPILED[name] = _build(name, rules)
        return _COMPILED[name]


def _build(name: str, rules: list[CompiledRule]) -> _Engine:
    definition = {r.key: {"all": [{"m": r.pattern}], "cap": _CAP, "run": _action(r.key)} for r in rules}
    definition["$catch_all"] = {"all": [{"m": {"$ex": {"kind": 1}}}, {"never": {"kind": "$never"}}],
                                "run": _never}
    definition["$end"] = {"all": [{"m": {"kind": _END}}], "run": _ended}
    fields: dict[str, set[str]] = {}
    for r in rules:
        fields.setdefault(r.kind, set()).update(r.fields)
    return _Engine(_DurableRuleset(name, None, definition), {k: tuple(sorted(v)) for k, v in fields.items()},
                   threading.Lock())


def _complete(error, _state) -> None:
    if error:
        raise error


def evaluate(rules: list[CompiledRule], facts: list[dict]) -> list[tuple[str, int]]:
    """(rule key, fact index) for every rule a fact satisfies, sorted and without duplicates.

    Every rule judges one fact, so facts are spread over states of `_STATE_SIZE`:
    durable_rules' cost per fact grows with the size of a state, not with their number.
    Safe to call from several threads at once.
    """
    if not rules or not facts:
        return []
    engine = _compile(rules)
    batch = _asserted(engine.fields, facts)
    run = _Run()
    states = range(0, len(batch), _STATE_SIZE)
    for start in states:
        _run_state(engine, run, batch[start:start + _STATE_SIZE])
    if run.errors:
        raise RuntimeError("a rule action failed") from run.errors[0]
    if run.ended != len(states):
        raise RuntimeError(f"durable_rules skipped actions: {len(states) - run.ended} state(s) never ended")
    return sorted(run.matches)


def _asserted(fields: dict[str, tuple[str, ...]], facts: list[dict]) -> list[dict]:
    """The facts some rule judges, reduced to the fields the conditions read; `id` is the fact's index."""
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
    return batch


def _run_state(engine: _Engine, run: _Run, batch: list[dict]) -> None:
    """Assert one state's facts, run its actions, close it after its `$end` action ran."""
    sid = _open_state(run)
    try:
        for fact in batch:
            fact["sid"] = sid
        durable = engine.ruleset
        with engine.lock:
            durable.do_actions(durable.assert_facts(batch), _complete)
            durable.do_actions(durable.assert_fact({"sid": sid, "id": "end", "kind": _END}), _complete)
            durable.delete_state(sid)
    finally:
        _close_state(sid)
