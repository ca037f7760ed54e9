"""The waiver file: a YAML (or JSON) list of waivers, each a rule code, a subject pattern, why, who approved it
and the date it expires. Every problem is reported at once with its location (`[2].expires: …`) in English and
Chinese, as an exit-2 error, like an invalid intake.

A subject pattern is `kind:id` exactly (`role:us-ops`) or with shell wildcards in the id (`kpi:us-*`, `kpi:*`):
the kind is always spelled out, so a waiver never reaches subjects of a kind its author did not name.
"""
from __future__ import annotations

import datetime as dt
import re
from fnmatch import fnmatchcase
from pathlib import Path
from typing import get_args

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from engine.errors import Problem, ProblemList, UserInputError
from engine.loaders.text_forms import read_structured
from engine.messages import Local
from engine.ruleset_model import SubjectKind

SUBJECT_KINDS: tuple[str, ...] = get_args(SubjectKind)
CODE = re.compile(r"^[A-Z]{1,4}[0-9]{2,3}$")

MESSAGES: dict[str, dict[str, str]] = {
    "not_a_list": {"en": "a waiver file is a list of waivers (code, subject, reason, approver, expires)",
                   "zh": "豁免文件应是豁免条目的列表（code、subject、reason、approver、expires）"},
    "not_a_mapping": {"en": "a waiver is a mapping with code, subject, reason, approver and expires",
                      "zh": "每条豁免应包含 code、subject、reason、approver 和 expires"},
    "no_file": {"en": "no such file", "zh": "文件不存在"},
    "missing": {"en": "required field is missing", "zh": "缺少必填字段"},
    "unknown_field": {"en": "unknown field; a waiver has code, subject, reason, approver and expires",
                      "zh": "无法识别的字段；豁免条目只有 code、subject、reason、approver 和 expires"},
    "blank": {"en": "must not be blank", "zh": "不能为空"},
    "not_text": {"en": "must be text", "zh": "应为文字"},
    "bad_code": {"en": "{value!r} is not a rule code (like F01 or D04)", "zh": "{value!r} 不是规则编号（如 F01、D04）"},
    "unknown_code": {"en": "no rule {rule} in ruleset {ruleset}: a typo would waive nothing",
                     "zh": "规则集 {ruleset} 中没有规则 {rule}：拼写错误会导致什么也没有豁免"},
    "bad_subject": {"en": "{value!r} is not a subject pattern: write kind:id, the id may hold * or ? "
                          "(kinds: {kinds})",
                    "zh": "{value!r} 不是对象写法：应为 类型:编号，编号中可用 * 或 ?（类型：{kinds}）"},
    "bad_date": {"en": "{value!r} is not a date (YYYY-MM-DD)", "zh": "{value!r} 不是日期（YYYY-MM-DD）"},
}


def _local(code: str, **params: object) -> Local:
    return Local({lang: text.format(**params) for lang, text in MESSAGES[code].items()})


class WaiverError(UserInputError):
    """The waiver file is invalid; nothing is audited."""


class Waiver(BaseModel):
    """One accepted exception: findings of rule `code` on the subjects `subject` matches, until `expires`
    (inclusive: the waiver applies to an audit dated on or before it)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    code: str
    subject: str
    reason: str
    approver: str
    expires: dt.date

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, value: object) -> object:
        if isinstance(value, str) and not CODE.match(value.strip().upper()):
            raise ValueError(_local("bad_code", value=value))
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("subject")
    @classmethod
    def _subject(cls, value: str) -> str:
        kind, colon, ident = value.partition(":")
        if not colon or kind not in SUBJECT_KINDS or not ident or any(c.isspace() for c in ident):
            raise ValueError(_local("bad_subject", value=value, kinds=", ".join(SUBJECT_KINDS)))
        return value

    @field_validator("reason", "approver")
    @classmethod
    def _text(cls, value: str) -> str:
        if not value:
            raise ValueError(_local("blank"))
        return value

    def covers(self, finding: dict) -> bool:
        """Whether this waiver names the finding: same code, subject matching the pattern (case-sensitive, as ids are)."""
        return finding["code"] == self.code and fnmatchcase(finding["subject"], self.subject)

    def expired(self, audit_date: dt.date) -> bool:
        return audit_date > self.expires

    def as_dict(self) -> dict:
        return self.model_dump(mode="json")


def load_waivers(path: str | Path) -> list[Waiver]:
    """The waivers of a YAML/JSON file, in file order; every problem located and raised together (WaiverError)."""
    source = str(path)
    if not Path(path).is_file():
        raise WaiverError(source, _local("no_file"))
    data = read_structured(Path(path), WaiverError)
    if data is None:
        return []
    if not isinstance(data, list):
        raise WaiverError(source, _local("not_a_list"))
    problems = ProblemList()
    waivers: list[Waiver] = []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            problems.append(Problem(f"[{i}]", _local("not_a_mapping")))
            continue
        try:
            waivers.append(Waiver.model_validate(item))
        except ValidationError as exc:
            for error in exc.errors():
                location = f"[{i}]" + "".join(f".{part}" for part in error["loc"])
                problems.append(Problem(location, _problem(error)))
    if problems:
        raise WaiverError(source, problems)
    return waivers


def check_codes(waivers: list[Waiver], codes: set[str], ruleset: str, source: str) -> None:
    """Every waiver names a rule of the ruleset in use; an unknown code is an error, not a stale waiver."""
    problems = ProblemList()
    for i, waiver in enumerate(waivers):
        if waiver.code not in codes:
            problems.append(Problem(f"[{i}].code", _local("unknown_code", rule=waiver.code, ruleset=ruleset)))
    if problems:
        raise WaiverError(source, problems)


def _problem(error: dict) -> str:
    """A pydantic error in both languages (ours where we raised it, else by its type)."""
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, ValueError) and cause.args and isinstance(cause.args[0], Local):
        return cause.args[0]
    kind = error["type"]
    if kind == "missing":
        return _local("missing")
    if kind == "extra_forbidden":
        return _local("unknown_field")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _local("bad_date", value=error.get("input"))
    if kind == "string_type":
        return _local("not_text")
    return error["msg"]
