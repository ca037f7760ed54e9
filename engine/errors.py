"""Errors the user can fix, carrying every problem with its location.

The CLI maps these to exit status 2 and prints them without a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as the user sees it."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class UserInputError(Exception):
    """Invalid input (intake, ruleset, override, option): exit status 2."""

    def __init__(self, source: str, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.source = source
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        head = f"{self.source}: {len(self.problems)} problem(s)" if len(self.problems) > 1 else self.source
        if len(self.problems) == 1:
            return f"{head}: {self.problems[0]}"
        return head + "\n" + "\n".join(f"  - {p}" for p in self.problems)


class IntakeError(UserInputError):
    """The intake is invalid; nothing is audited."""


class RulesetError(UserInputError):
    """A ruleset, override or catalogue is invalid."""
