"""A syntax error in a hand-edited YAML or JSON intake reads in Chinese under --lang zh: the parser's own problem
text is translated when it is one the parsers give, kept as written otherwise, and never breaks the message."""
from __future__ import annotations

import re

import pytest

from engine.errors import IntakeError
from engine.loaders import load_intake
from engine.loaders.parser_messages import parser_problem

CASES = [
    ("unclosed.yaml", "organization: [unclosed\nunits:\n  - {id: a\n", "did not find expected ',' or ']'",
     "缺少 ',' 或 ']'，方括号可能没有闭合"),
    ("brace.yaml", "organization: {id: x, name: y\n", "did not find expected ',' or '}'",
     "缺少 ',' 或 '}'，花括号可能没有闭合"),
    ("indent.yaml", "organization:\n  id: x\n   name: y\n", "mapping values are not allowed in this context",
     "此处不能出现“键: 值”"),
    ("tab.yaml", "organization:\n\tid: x\n", "found character that cannot start any token", "多半是制表符 Tab"),
    ("escape.yaml", 'organization:\n  id: x\n  name: "a\\qb"\n', "found unknown escape character",
     "双引号里有无法识别的转义字符"),
    ("quote.yaml", 'x: "abc\n', "found unexpected end of stream", "文件意外结束"),
    ("control.yaml", "organization:\n  name: 深圳星河\n  id: 好a\x01b\n",
     "line 3, column 9: invalid YAML: unacceptable character #x0001", "第 3 行第 9 列：YAML 格式错误（有不允许的控制字符 #x0001"),
    ("comma.json", '{"a": 1 "b": 2}', "Expecting ',' delimiter", "缺少逗号 ','"),
    ("single.json", "{'a': 1}", "Expecting property name enclosed in double quotes", "键名必须用英文双引号括起来"),
    ("extra.json", '{"a": 1} {"b": 2}', "Extra data", "JSON 结束后还有多余的内容"),
]


@pytest.mark.parametrize(("name", "text", "english", "chinese"), CASES)
def test_a_syntax_error_reads_in_both_languages(tmp_path, name, text, english, chinese):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IntakeError) as info:
        load_intake(path)
    en, zh = info.value.render("en"), info.value.render("zh")
    assert english in en and chinese in zh
    left = zh.split("格式错误", 1)[1].replace("JSON", "")
    assert not re.search(r"[A-Za-z]{4,}", left), zh   # no English words left in the problem


def test_a_problem_no_table_knows_stays_as_the_parser_wrote_it():
    """The near miss: an unlisted text is not guessed at, in either language."""
    problem = parser_problem("while constructing a mapping, something new happened")
    assert problem.texts == {"en": "while constructing a mapping, something new happened",
                             "zh": "while constructing a mapping, something new happened"}


@pytest.mark.parametrize("text", ["found character '%' that cannot start any token",
                                  "expected a comment or a line break, but found '{'",
                                  "could not determine a constructor for the tag '!x}'",
                                  "expected ',' or '}', but got '<stream end>'"])
def test_what_the_parser_found_is_quoted_verbatim_even_with_braces(text):
    """The token found goes into the Chinese as data: a brace in it never breaks the message."""
    zh = parser_problem(text).texts["zh"]
    assert zh != text and "cannot" not in zh and "but" not in zh
