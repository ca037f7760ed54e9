"""Errors the user can fix, carrying every problem with its location.

The CLI maps these to exit status 2 and prints them without a traceback, in the reader's language:
locations and messages may be `engine.messages.Local` texts, which know their Chinese form.
"""
from __future__ import annotations

from dataclasses import dataclass

from engine.messages import Msg, in_lang


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

    def render(self, lang: str = "en") -> str:
        """Every problem under the source's name, in `lang` where the message knows it."""
        colon = "：" if lang == "zh" else ": "
        if len(self.problems) == 1:
            return f"{self.source}{colon}{self.problems[0].text(lang)}"
        head = f"{self.source}{colon}{in_lang(Msg('problems', count=len(self.problems)), lang)}"
        return head + "\n" + "\n".join(f"  - {p.text(lang)}" for p in self.problems)


class IntakeError(UserInputError):
    """The intake is invalid; nothing is audited."""


class RulesetError(UserInputError):
    """A ruleset, override or catalogue is invalid."""
