"""The shape of a rule and of a ruleset, as data (pydantic).

One YAML file per rule under `rulesets/<name>/<version>/rules/`; each carries its
own documentation, bilingual texts and remediation, ruff-style.
"""
from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DIMENSIONS = ("focus", "results", "alignment", "incentives", "cadence", "data", "ownership", "context")
SEVERITIES = ("critical", "high", "medium", "low")
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}  # most severe first
PHASES = ("30d", "60d", "90d")
LANGS = ("en", "zh")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

Severity = Literal["critical", "high", "medium", "low"]
SubjectKind = Literal["org", "unit", "role", "kpi", "objective", "metric", "review", "incentive"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in both report languages."""

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class Steps(Strict):
    en: list[str] = Field(min_length=1)
    zh: list[str] = Field(min_length=1)

    def __getitem__(self, lang: str) -> list[str]:
        return getattr(self, lang)


class Param(Strict):
    type: Literal["int", "number", "str", "list"]
    default: Any
    min: float | None = None
    max: float | None = None
    doc: Text

    def check(self, value: Any) -> str | None:
        """Why `value` is not acceptable for this parameter, or None."""
        if self.type in ("int", "number"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return f"{value!r} is not a number"
            if self.type == "int" and not float(value).is_integer():
                return f"{value!r} is not a whole number"
            if self.min is not None and value < self.min or self.max is not None and value > self.max:
                return f"{value!r} is outside {self.min:g}..{self.max:g}"
        elif self.type == "str" and not isinstance(value, str):
            return f"{value!r} is not text"
        elif self.type == "list" and (not isinstance(value, list) or not all(isinstance(v, str) for v in value)):
            return f"{value!r} is not a list of text values"
        return None

    @model_validator(mode="after")
    def _default_fits(self) -> "Param":
        problem = self.check(self.default)
        if problem:
            raise ValueError(f"default {problem}")
        return self


class Unknown(Strict):
    """Subjects of a match that the rule cannot judge because something was not collected (rules 1.1)."""

    needs: str  # what to collect, a key of the ruleset's `collect` requests (e.g. reviews[].held_on)
    when: dict[str, Any]  # a condition on the subject's fact, like `when`


class Match(Strict):
    fact: SubjectKind
    when: dict[str, Any]
    # The subjects the rule judges (its population for scoring); default: every fact of the kind.
    scope: dict[str, Any] | None = None
    unknown: Unknown | None = None
    message: Text | None = None  # overrides the rule message for this subject kind


class Remediation(Strict):
    # Who acts (rules 1.1: the role with authority): lead_role = the leadership role of the subject's unit or
    # the nearest one above (for a role, another role than itself); champion_role = the internal champion's role,
    # else the root unit's lead; metric_owner = the definition's owner when given. owner_role (the KPI's own
    # owner) is kept for core 1.0.0 only.
    owner: Literal["lead_role", "org_lead", "champion_role", "owner_role", "metric_owner"]
    effort: Literal["S", "M", "L"]
    phase: Literal["30d", "60d", "90d"]
    action: Text
    steps: Steps


class Doc(Strict):
    what: Text
    why: Text
    fires: Text
    passes: Text
    example: str | None = None


class Grouping(Strict):
    """How a rule's findings become root causes (report 1.1 `root_causes`), declared with the rule.

    `by`: `subject` (each finding its own cause), `role` (the subject's owner role: one cause per scorecard),
    `unit` (the subject's unit) or `org` (one cause). `systemic`: when the rule fires on more than half of the
    subjects it judges, all its findings are one organisation-wide cause whatever `by` says. `joins`: rules
    whose findings in the same group (any group, for an organisation-wide cause) share this rule's cause, e.g.
    A03 (a unit reaches no company objective) explains A01 on that unit's KPIs. `message`: the cause's
    message when it groups several subjects ({count}, {total}, {group}, {names}, {kinds}); else a generic one.
    """

    by: Literal["subject", "role", "unit", "org"] = "subject"
    systemic: bool = False
    joins: list[str] = []
    message: Text | None = None


class Rule(Strict):
    code: str = Field(pattern=r"^[A-Z]{1,4}[0-9]{2,3}$")
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    dimension: Literal["focus", "results", "alignment", "incentives", "cadence", "data", "ownership", "context"]
    subject: SubjectKind
    severity: Severity
    status: Literal["stable", "preview", "deprecated"] = "stable"
    since: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    replaces: list[str] = []
    source: Text
    params: dict[str, Param] = {}
    # What the rule cannot be assessed without (keys of the ruleset's `collect`): an intake section, `kpis`
    # (at least one KPI listed) or `core-kpis` (at least one core KPI). Unmet: no finding, "not assessed".
    needs: list[str] = []
    # A role- or unit-level rule: each KPI without an owner is a subject it cannot judge (rules 1.1).
    unowned: bool = False
    match: list[Match] = Field(min_length=1)
    evidence: list[str] = []
    message: Text
    remediation: Remediation
    doc: Doc
    # A plain-language title (report 1.1); a rule without one is titled by its remediation action.
    title: Text | None = None
    root_cause: Grouping = Grouping()

    def heading(self, lang: str) -> str:
        return (self.title or self.remediation.action)[lang]

    @field_validator("params")
    @classmethod
    def _param_names(cls, value: dict) -> dict:
        for name in value:
            if not re.match(r"^[a-z][a-z0-9_]*$", name):
                raise ValueError(f"parameter name '{name}' must be snake_case")
        return value


class Scoring(Strict):
    severity_weights: dict[Severity, float]
    dimension_weights: dict[Literal["focus", "results", "alignment", "incentives", "cadence", "data",
                                    "ownership", "context"], float]

    @model_validator(mode="after")
    def _complete(self) -> "Scoring":
        missing = [s for s in SEVERITIES if s not in self.severity_weights] + \
                  [d for d in DIMENSIONS if d not in self.dimension_weights]
        if missing:
            raise ValueError(f"weights missing for {', '.join(missing)}")
        if any(w < 0 for w in [*self.severity_weights.values(), *self.dimension_weights.values()]):
            raise ValueError("weights cannot be negative")
        if sum(self.dimension_weights.values()) <= 0:
            raise ValueError("dimension weights must not all be 0")
        return self


class Request(Strict):
    """What to ask the client for when a rule could not be assessed (both languages)."""

    label: Text  # the item, short: "incentive plans"
    ask: Text  # the request to put to the client; may name {subject_name}


class RulesetHead(Strict):
    """ruleset.yaml of a shipped ruleset (its rules are the files in rules/)."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    description: Text
    catalogue: str = Field(pattern=r"^[a-z0-9-]+@\d+\.\d+\.\d+$")
    scoring: Scoring
    collect: dict[str, Request] = {}  # need -> the request, for every need a rule may name


class CatalogueAdditions(Strict):
    metrics: list[dict[str, Any]] = []
    synonyms: dict[str, list[str]] = {}


class Override(Strict):
    """An agency's or client's changes on top of a ruleset (`extends: core@1`)."""

    extends: str
    name: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: str | None = None
    description: str | None = None
    params: dict[str, Any] = {}
    severity: dict[str, Severity] = {}
    disable: dict[str, str] = {}
    catalogue: CatalogueAdditions = CatalogueAdditions()
    rules: list[dict[str, Any]] = []
    scoring: dict[str, dict[str, float]] = {}

    @field_validator("disable")
    @classmethod
    def _reasons(cls, value: dict) -> dict:
        for code, reason in value.items():
            if not isinstance(reason, str) or not reason.strip():
                raise ValueError(f"disabling {code} needs a reason")
        return value
