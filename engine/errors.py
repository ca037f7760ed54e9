"""Errors the user can fix, carrying every problem with its location.

The CLI maps these to exit status 2 and prints them without a traceback, in the reader's language:
locations and messages may be `engine.messages.Local` texts, which know their Chinese form.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from engine.messages import Msg, in_lang

# Problems (and warnings) listed at most: a hostile file can have millions, and a person reads the first ones.
# The rest are counted, "and N more", which costs far less than building their messages in two languages.
MAX_LISTED = 200


def some_of(items: list[str], separator: str, limit: int = MAX_LISTED) -> str:
    """Items joined, at most `limit` of them (then `… (+N)`), so one message stays a line a person reads."""
    shown = separator.join(items[:limit])
    return f"{shown}{separator}… (+{len(items) - limit})" if len(items) > limit else shown


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as the user sees it."""

    location: str
    message: str

    def text(self, lang: str = "en") -> str:
        message = in_lang(self.message, lang)
        if not self.location:
            return message
        return f"{in_lang(self.location, lang)}{'：' if lang == 'zh' else ': '}{message}"

    def __str__(self) -> str:
        return self.text()


class ProblemList:
    """Problems as they are found: the first `limit` kept, the rest only counted.

    `add` takes a function that builds the problem, so past the limit a problem costs one increment.
    """

    def __init__(self, limit: int = MAX_LISTED):
        self.limit = limit
        self.items: list[Problem] = []
        self.more = 0

    def add(self, make: Callable[[], Problem]) -> None:
        if len(self.items) < self.limit:
            self.items.append(make())
        else:
            self.more += 1

    def append(self, problem: Problem) -> None:
        self.add(lambda: problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    def count(self, extra: int) -> None:
        """`extra` problems found and not described (the list is full)."""
        self.more += extra

    @property
    def full(self) -> bool:
        return len(self.items) >= self.limit

    def __len__(self) -> int:
        return len(self.items) + self.more

    def __bool__(self) -> bool:
        return len(self) > 0


class UserInputError(Exception):
    """Invalid input (intake, ruleset, override, option): exit status 2.

    `problems` may be a `ProblemList` (its uncounted rest becomes "and N more"); however many there are, at most
    `MAX_LISTED` are kept and rendered."""

    def __init__(self, source: str, problems: list[Problem] | ProblemList | Problem | str):
        more = 0
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        elif isinstance(problems, ProblemList):
            problems, more = problems.items, problems.more
        self.source = source
        self.problems = list(problems[:MAX_LISTED])
        self.more = more + len(problems) - len(self.problems)  # found and not listed
        super().__init__(self.render())

    def problem_list(self) -> ProblemList:
        """The problems and the count of those not listed, to raise again under another source's name."""
        problems = ProblemList()
        problems.items, problems.more = list(self.problems), self.more
        return problems

    def render(self, lang: str = "en") -> str:
        """The problems under the source's name, in `lang` where the message knows it, then how many more."""
        colon = "：" if lang == "zh" else ": "
        if len(self.problems) == 1 and not self.more:
            return f"{self.source}{colon}{self.problems[0].text(lang)}"
        total = len(self.problems) + self.more
        head = f"{self.source}{colon}{in_lang(Msg('problems', count=total), lang)}"
        lines = [f"  - {p.text(lang)}" for p in self.problems]
        if self.more:
            lines.append(f"  {in_lang(Msg('problems_more', count=self.more, shown=len(self.problems)), lang)}")
        return head + "\n" + "\n".join(lines)


class IntakeError(UserInputError):
    """The intake is invalid; nothing is audited."""


class RulesetError(UserInputError):
    """A ruleset, override or catalogue is invalid."""
