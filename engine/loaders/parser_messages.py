"""The YAML and JSON parsers' own problem texts, in Chinese too.

A syntax error's location and frame are the tool's messages (engine.messages: `invalid_yaml_at`, `invalid_json`);
what went wrong inside comes from PyYAML/libyaml or the json module, in English. A consultant reading the Chinese
report should not meet `mapping values are not allowed in this context` in the middle of a Chinese sentence, so the
problems these parsers actually give for hand-edited intakes are translated here. A text not listed stays as the
parser wrote it (the English half is always the parser's exact words).
"""
from __future__ import annotations

import re

from engine.messages import Local

# (pattern on the parser's text, Chinese text; {0} is the first group, the character or token found, and a literal
# brace is doubled: the text is a str.format template). libyaml and pure-Python PyYAML word some problems
# differently: both forms are listed. No parentheses: the text goes inside the frame's own （…）.
_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), zh) for pattern, zh in (
    # YAML
    (r"^did not find expected ',' or '\]'$|^expected ',' or '\]', but got (.+)$",
     "缺少 ',' 或 ']'，方括号可能没有闭合"),
    (r"^did not find expected ',' or '\}'$|^expected ',' or '\}', but got (.+)$",
     "缺少 ',' 或 '}}'，花括号可能没有闭合"),
    (r"^mapping values are not allowed (?:in this context|here)$",
     "此处不能出现“键: 值”，多半是缩进不对，或值里有没加引号的冒号"),
    (r"^found character '\\t' that cannot start any token$|^found (?:a )?tab character",
     "缩进里有制表符 Tab，请改用空格"),
    (r"^found character (.+) that cannot start any token$", "字符 {0} 不能出现在这里，请给这个值加上引号"),
    (r"^found character that cannot start any token$",
     "这里的字符不能开始一个值，多半是制表符 Tab，或没加引号的 @、`、%"),
    (r"^could not find expected ':'$", "缺少冒号 ':'"),
    (r"^did not find expected key$|^expected <block end>, but found (.+)$",
     "缺少键：多半是缩进不对，或带引号的值后面还有文字"),
    (r"^did not find expected node content$|^expected the node content, but found (.+)$", "缺少内容：这里应当有一个值"),
    (r"^did not find expected '-' indicator$", "缺少列表项开头的 '-'"),
    (r"^block sequence entries are not allowed (?:in this context|here)$",
     "此处不能出现列表项 '-'，多半是缩进不对"),
    (r"^found unexpected end of stream$", "文件意外结束，引号或括号可能没有闭合"),
    (r"^found unexpected ':'$", "多了一个冒号 ':'，含冒号的值请加引号"),
    (r"^found undefined tag handle", "无法识别以 ! 开头的标签"),
    (r"^found unknown escape character", "双引号里有无法识别的转义字符 \\，请改用单引号"),
    (r"^expected a comment or a line break, but found (.+)$", "此处应当换行或写注释，却遇到 {0}"),
    (r"^could not determine a constructor for the tag (.+)$", "无法识别的标签 {0}"),
    (r"^found duplicate anchor", "锚点 & 重复定义"),
    (r"^found undefined alias", "引用了未定义的锚点 *"),
    (r"^unacceptable character (#x[0-9a-f]+): control characters are not allowed$",
     "有不允许的控制字符 {0}，多半是从网页或表格粘贴带进来的，请删除它"),
    # JSON (the json module's messages)
    (r"^Expecting value$", "缺少值"),
    (r"^Expecting ',' delimiter$", "缺少逗号 ','"),
    (r"^Expecting ':' delimiter$", "缺少冒号 ':'"),
    (r"^Expecting property name enclosed in double quotes$", "键名必须用英文双引号括起来，或对象末尾多了一个逗号"),
    (r"^Unterminated string starting at$", "字符串的引号没有闭合"),
    (r"^Invalid control character at$", "字符串里有换行等控制字符，请写成 \\n"),
    (r"^Invalid \\escape$|^Invalid \\uXXXX escape$", "无效的转义：\\ 后面的写法不对"),
    (r"^Extra data$", "JSON 结束后还有多余的内容"),
    (r"^Illegal trailing comma before end of (?:object|array)$", "末尾多了一个逗号"),
))


def parser_problem(text: object) -> Local:
    """The parser's problem text, with its Chinese translation when it is one of the known problems."""
    english = str(text)
    for pattern, zh in _ZH:
        if found := pattern.search(english):
            groups = [g for g in found.groups() if g is not None]
            return Local({"en": english, "zh": zh.format(*groups)})
    return Local({"en": english, "zh": english})
