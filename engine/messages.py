"""Every message the loaders and the intake check give a person, keyed by code, in English and Chinese.

One catalogue, so a message is written once per language and never as scattered f-strings. A message is
a `Msg`: a `str` holding its English text (what JSON, logs and existing callers see) that also knows its
code and parameters, so the CLI can print it in the reader's language (`in_lang`).
"""
from __future__ import annotations

from typing import Any

LANGS = ("en", "zh")

MESSAGES: dict[str, dict[str, str]] = {
    # problems: header and locations
    "problems": {"en": "{count} problem(s)", "zh": "{count} 个问题"},
    "loc_cell": {"en": "{cell} ({field})", "zh": "{cell}（{field}）"},
    "loc_row": {"en": "{sheet} row {row}", "zh": "{sheet} 第 {row} 行"},
    "loc_no_sheet": {"en": "{section} (no such sheet)", "zh": "{section}（没有这个工作表）"},
    "loc_no_sheet_but": {"en": "{section} (no such sheet; not read as any section: {sheets})",
                         "zh": "{section}（没有这个工作表；未能识别：{sheets}）"},
    # reading files
    "no_such_path": {"en": "no such file or folder", "zh": "文件或文件夹不存在"},
    "csv_give_folder": {"en": "a CSV intake is a folder of CSV files (organization.csv, units.csv, ...); give the folder",
                        "zh": "CSV 格式的资料是一个装有多个 CSV 文件的文件夹（组织.csv、部门.csv……）；请给出文件夹"},
    "file_too_big": {"en": "file is {size:.1f} MiB; the limit is {limit:.0f} MiB",
                     "zh": "文件大小 {size:.1f} MiB，超过上限 {limit:.0f} MiB"},
    "invalid_utf16": {"en": "invalid UTF-16 text", "zh": "UTF-16 文本无效"},
    "binary_file": {"en": "this is a binary file, not YAML, JSON or CSV text",
                    "zh": "这是二进制文件，不是 YAML、JSON 或 CSV 文本"},
    "bad_encoding": {"en": "the text is neither UTF-8 nor GB18030/GBK; save it as UTF-8",
                     "zh": "文本编码既不是 UTF-8 也不是 GB18030/GBK；请另存为 UTF-8"},
    "invalid_json": {"en": "line {line}, column {column}: invalid JSON: {detail}",
                     "zh": "第 {line} 行第 {column} 列：JSON 格式错误（{detail}）"},
    "invalid_yaml_at": {"en": "line {line}, column {column}: invalid YAML: {detail}",
                        "zh": "第 {line} 行第 {column} 列：YAML 格式错误（{detail}）"},
    "invalid_yaml": {"en": "invalid YAML: {detail}", "zh": "YAML 格式错误（{detail}）"},
    "too_deep": {"en": "nesting deeper than {depth} levels is refused", "zh": "嵌套超过 {depth} 层，拒绝读取"},
    "empty_file": {"en": "the file is empty", "zh": "文件是空的"},
    # issue 10: YAML/JSON text forms, numbers, duplicate keys, problem cap
    "too_many_values": {"en": "more than {count:,} values by line {line} (an alias counts as all it repeats); refused",
                        "zh": "到第 {line} 行已超过 {count:,} 个值（别名按其展开的全部内容计数），拒绝读取"},
    "json_too_many_values": {"en": "more than {count:,} values; refused", "zh": "超过 {count:,} 个值，拒绝读取"},
    "duplicate_key": {"en": "given twice (line {line}; first on line {first}); remove one",
                      "zh": "重复填写（第 {line} 行；第一次在第 {first} 行）；请删去其中一个"},
    "json_duplicate_key": {"en": "given twice in the same object; remove one", "zh": "在同一对象中重复填写；请删去其中一个"},
    "problems_more": {"en": "... and {count:,} more (the first {shown} are listed)",
                      "zh": "……另有 {count:,} 个问题未列出（以上为前 {shown} 个）"},
    "warnings_more": {"en": "... and {count:,} more warning(s) not listed", "zh": "……另有 {count:,} 条提示未列出"},
    "workbook_too_big": {"en": "workbook is {size:.1f} MiB; the limit is {limit:.0f} MiB",
                         "zh": "工作簿大小 {size:.1f} MiB，超过上限 {limit:.0f} MiB"},
    "not_xlsx": {"en": "not an .xlsx workbook (an .xls or a damaged file? save it as .xlsx)",
                 "zh": "不是 .xlsx 工作簿（可能是 .xls 或已损坏的文件？请另存为 .xlsx）"},
    "workbook_unpacks": {"en": "workbook unpacks to {size:.0f} MiB; the limit is {limit:.0f} MiB "
                               "(split it, or delete unused sheets)",
                         "zh": "工作簿解压后 {size:.0f} MiB，超过上限 {limit:.0f} MiB（请拆分或删除不用的工作表）"},
    "zip_bomb": {"en": "{member} is compressed {ratio}:1 (a zip bomb?); refused",
                 "zh": "{member} 的压缩比为 {ratio}:1（疑似压缩炸弹），拒绝读取"},
    "cell_unreadable": {"en": "a cell cannot be read ({detail})", "zh": "有单元格无法读取（{detail}）"},
    "workbook_unreadable": {"en": "cannot read the workbook: {detail}", "zh": "无法读取工作簿（{detail}）"},
    "too_many_rows": {"en": "more than {limit:,} rows; refused", "zh": "超过 {limit:,} 行，拒绝读取"},
    "too_many_columns": {"en": "more than {limit} columns; refused", "zh": "超过 {limit} 列，拒绝读取"},
    "no_csv_files": {"en": "no .csv files in this folder (expected organization.csv, units.csv, ...)",
                     "zh": "文件夹里没有 .csv 文件（应有 组织.csv、部门.csv……）"},
    "too_many_csv": {"en": "{count} CSV files; an intake has at most {limit} (one per section)",
                     "zh": "共 {count} 个 CSV 文件；一份资料最多 {limit} 个（每部分一个）"},
    "invalid_csv": {"en": "not valid CSV: {detail}", "zh": "CSV 格式错误（{detail}）"},
    # issue 10: workbooks and CSV folders (reading)
    "too_many_cells": {"en": "more than {limit:,} cells read (empty cells and rows included); refused",
                       "zh": "读取的单元格超过 {limit:,} 个（空单元格和空行也计算在内），拒绝读取"},
    "csv_folder_too_big": {"en": "the folder's CSV files hold more than {limit:.0f} MiB in all; refused",
                           "zh": "文件夹中的 CSV 文件合计超过 {limit:.0f} MiB，拒绝读取"},
    "mixed_utf8": {"en": "the file is UTF-8 but {count:,} byte(s) are not (first: {byte}), on line(s) {lines}: it "
                         "mixes encodings, and reading it either way would garble text; fix those lines and save "
                         "it as UTF-8",
                   "zh": "文件是 UTF-8 编码，但有 {count:,} 个字节不是（第一个：{byte}），位于第 {lines} 行：文件混用了"
                         "多种编码，按任何一种读取都会产生乱码；请修改这些行并另存为 UTF-8"},
    "field_row_repeats": {"en": "field '{key}' ({field}) is given again (first on row {other}); give it once",
                          "zh": "字段「{key}」（{field}）重复填写（第一次在第 {other} 行）；只能填写一次"},
    # spreadsheets
    "sheet_ignored": {"en": "{sheet}: not an intake section; ignored", "zh": "{sheet}：不是资料的组成部分，已忽略"},
    "second_sheet": {"en": "a second sheet for section '{section}' (first: {first})",
                     "zh": "「{section}」部分有第二个工作表（第一个是 {first}）"},
    "column_ignored": {"en": "{where}: unknown column '{title}' ignored", "zh": "{where}：未知列「{title}」，已忽略"},
    "column_repeats": {"en": "column '{title}' repeats field '{field}' (also column {other})",
                       "zh": "列「{title}」与第 {other} 列重复填写同一字段（{field}）"},
    "org_field_ignored": {"en": "{where}: unknown field '{key}' ignored", "zh": "{where}：未知字段「{key}」，已忽略"},
    # the intake's structure
    "intake_not_mapping": {"en": "the intake must be a mapping of sections (organization, units, ...)",
                           "zh": "资料必须由各部分组成（组织、部门……）"},
    "template_example": {"en": "the organisation is still the template's example ('{name}'): replace the example "
                                "rows of every sheet with the client's before this audit is used",
                         "zh": "组织仍是模板示例（「{name}」）：请先把各工作表的示例行换成客户的资料，再使用本次诊断结果"},
    "section_ignored": {"en": "unknown section '{section}' ignored", "zh": "未知部分「{section}」，已忽略"},
    "field_ignored": {"en": "{where}: unknown field ignored", "zh": "{where}：未知字段，已忽略"},
    "fraction_weights": {"en": "{where}: the weights of role '{role}' sum to {total}: weights are percentages (write 30"
                               " for 30%, or format the cells as %); as written, F03 will find a total of {total}",
                         "zh": "{where}：岗位「{role}」的KPI权重合计为 {total}：权重按百分数填写（30% 写作 30，或把单元格设为百分比格式）；"
                               "按现在的写法，F03 会判定权重合计为 {total}"},
    "required_section": {"en": "required section is missing or empty", "zh": "必填部分缺失或为空"},
    "must_be_list": {"en": "must be a list of records", "zh": "必须是记录列表"},
    "must_be_mapping": {"en": "must be a mapping of field: value", "zh": "必须是“字段: 值”的形式"},
    "duplicate_id": {"en": "duplicate id '{id}' in {section}", "zh": "{section}中的编号「{id}」重复"},
    "unknown_ref": {"en": "unknown {what} '{value}'", "zh": "{what}「{value}」不存在"},
    "ref_is_name": {"en": "unknown {what} '{value}': that is the name of {what} '{id}'; write its id",
                    "zh": "{what}「{value}」不存在：这是{what}「{id}」的名称，请填写它的编号"},
    "ref_is_person": {"en": "unknown role '{value}': {person} is a person in role '{id}'; write the role's id",
                      "zh": "岗位「{value}」不存在：{person} 是岗位「{id}」的人员，请填写岗位编号「{id}」"},
    "tree_cycle": {"en": "the {what} tree has a cycle: {path}", "zh": "{what}的上下级关系形成了循环：{path}"},
    "unit_roots": {"en": "the unit tree must have exactly one root (a unit without parent); found {found}",
                   "zh": "部门树必须有且只有一个根部门（没有上级的部门）；实际：{found}"},
    "no_root": {"en": "none (every unit has a parent)", "zh": "没有（每个部门都有上级）"},
    # values
    "not_bool": {"en": "{value!r} is not a boolean (true/false, yes/no, 1/0, 是/否)",
                 "zh": "{value!r} 不是是/否值（可填 是/否、true/false、yes/no、1/0）"},
    "not_number": {"en": "{value!r} is not a number", "zh": "{value!r} 不是数字"},
    "not_finite": {"en": "{value!r} is not a finite number", "zh": "{value!r} 不是有限数值"},
    "number_too_large": {"en": "number too large", "zh": "数字太大"},
    "not_whole": {"en": "{value!r} is not a whole number", "zh": "{value!r} 不是整数"},
    "not_date": {"en": "{value!r} is not a valid date (YYYY-MM-DD; 2026/3/1 and 2026年3月1日 are read too)",
                 "zh": "{value!r} 不是有效日期（YYYY-MM-DD；也可写 2026/3/1 或 2026年3月1日）"},
    "not_period": {"en": "{value!r} is not a period (YYYY-MM or YYYY-MM-DD; a quarter, half or year as 2026-Q3, "
                         "2026-H1, 2025)",
                   "zh": "{value!r} 不是有效期间（YYYY-MM 或 YYYY-MM-DD；季度、半年、年度可写 2026-Q3 或 2026年第3季度、"
                         "2026-H1 或 2026年上半年、2025）"},
    "bad_enum": {"en": "{value!r} is not an accepted value; use one of: {accepted}",
                 "zh": "{value!r} 不是可选值；可填：{accepted}"},
    "bad_id": {"en": "{value!r}: an id may only contain letters, digits and _ . -",
               "zh": "{value!r}：编号只能包含英文字母、数字和 _ . -"},
    "too_small": {"en": "{value!r}: must be at least {limit}", "zh": "{value!r}：不能小于 {limit}"},
    "too_big": {"en": "{value!r}: must be at most {limit}", "zh": "{value!r}：不能大于 {limit}"},
    "required_field": {"en": "required field is missing", "zh": "必填字段缺失"},
    "text_too_long": {"en": "text longer than {limit} characters", "zh": "文字超过 {limit} 个字符"},
    "text_empty": {"en": "must not be empty", "zh": "不能为空"},
    "not_list": {"en": "must be a list (a YAML list or `a; b` text)", "zh": "必须是列表（YAML 列表或用 ; 分隔的文字）"},
    "invalid_value": {"en": "invalid value: {detail}", "zh": "取值无效（{detail}）"},
    # what a reference points to (unknown_ref, tree_cycle)
    "what_unit": {"en": "unit", "zh": "部门"},
    "what_role": {"en": "role", "zh": "岗位"},
    "what_objective": {"en": "objective", "zh": "目标"},
    "what_metric": {"en": "metric", "zh": "数据口径"},
    "what_kpi": {"en": "KPI", "zh": "指标"},
    "what_person": {"en": "person", "zh": "人员"},
    # the command line
    "bad_env_lang": {"en": "{variable}={value!r} is not a language; use en or zh",
                     "zh": "{variable}={value!r} 不是可用的语言；请设为 en 或 zh"},
    "valid_intake": {"en": "{source}: valid intake for {name} ({id}): {units} units, {roles} roles, {kpis} KPIs, "
                           "{warnings} warning(s)",
                     "zh": "{source}：资料有效（{name}，编号 {id}）：{units} 个部门、{roles} 个岗位、{kpis} 个指标，"
                           "{warnings} 条提示"},
    "warning": {"en": "warning: {source}: {text}", "zh": "提示：{source}：{text}"},
    "no_rule": {"en": "no rule '{code}' in {ruleset}; see 'kpi-audit rules list'",
                "zh": "{ruleset} 中没有规则「{code}」；请运行 kpi-audit rules list 查看"},
    "no_group": {"en": "no group '{group}' in the catalogue of {ruleset}; groups: {known}",
                 "zh": "{ruleset} 的指标库中没有分组「{group}」；现有分组：{known}"},
    "no_groups": {"en": "none: this catalogue has no groups", "zh": "无（该指标库没有分组）"},
    "metric_count": {"en": "{count} metrics", "zh": "{count} 个指标"},
    "path_exists": {"en": "{path} exists; pass --force to replace it", "zh": "{path} 已存在；如需覆盖请加 --force"},
    "unknown_output_form": {"en": "{path}: unknown output form; use .yaml, .yml, .json, .xlsx, or a folder name for CSV",
                            "zh": "{path}：无法识别输出格式；请用 .yaml、.yml、.json、.xlsx，或不带后缀的文件夹名（CSV）"},
    "wrote_template": {"en": "wrote {fmt} template {path}; fill it in, then: kpi-audit audit {path}",
                       "zh": "已生成 {fmt} 模板 {path}；填写后运行：kpi-audit audit {path}"},
    "wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
    "cannot_write": {"en": "{path}: cannot write: {detail}", "zh": "{path}：无法写入（{detail}）"},
    # issue 10: writing files (engine/atomic.py, convert, init)
    "out_is_folder": {"en": "it is a folder; give a file name", "zh": "这是一个文件夹；请给出文件名"},
    "out_is_file": {"en": "it is a file, not a folder of CSV files", "zh": "这是一个文件，不是存放 CSV 文件的文件夹"},
    "out_not_regular": {"en": "it is not a regular file (a device, pipe or socket); nothing was written",
                        "zh": "这不是普通文件（而是设备、管道或套接字）；未写入任何内容"},
    "out_not_intake_folder": {"en": "the folder holds '{name}', which is not a .csv or .txt file: only a folder of CSV files "
                                    "is replaced; nothing was written",
                              "zh": "文件夹里有「{name}」，不是 .csv 或 .txt 文件：只会覆盖存放 CSV 文件的文件夹；未写入任何内容"},
    "out_dangling_link": {"en": "it is a symbolic link to {target}, which does not exist; nothing was written",
                          "zh": "这是指向 {target} 的符号链接，但目标不存在；未写入任何内容"},
    "out_link_to": {"en": "it is a symbolic link to {target}: {why}", "zh": "这是指向 {target} 的符号链接：{why}"},
    "out_foreign_link": {"en": "it is a symbolic link owned by another user in a shared folder (like /tmp); not followed, "
                               "nothing was written",
                         "zh": "这是共享文件夹（如系统临时文件夹）中属于其他用户的符号链接；不会跟随，未写入任何内容"},
    "out_parent_file": {"en": "{parent} is a file, not a folder", "zh": "{parent} 是文件，不是文件夹"},
    "out_cell_control": {"en": "the character U+{code:04X} cannot be stored in a workbook; remove it, or convert to "
                               "YAML, JSON or CSV",
                         "zh": "字符 U+{code:04X} 无法写入工作簿；请删除它，或转换为 YAML、JSON 或 CSV"},
    # issue 10: no traceback ever (cli/main.py)
    "internal_error": {"en": "internal error ({kind}); this is a bug in kpi-audit, please report it with the command "
                             "you ran (KPI_AUDIT_DEBUG=1 shows the traceback)",
                       "zh": "内部错误（{kind}）；这是 kpi-audit 的缺陷，请连同所运行的命令一起反馈"
                             "（设置 KPI_AUDIT_DEBUG=1 可显示回溯信息）"},
    "aborted": {"en": "aborted", "zh": "已中止"},
    "too_nested": {"en": "input nested too deeply; refused", "zh": "输入嵌套层数过多，拒绝处理"},
    "out_of_memory": {"en": "input too large to process; refused", "zh": "输入过大，无法处理，拒绝处理"},
    "output_closed": {"en": "standard output was closed before everything was written",
                      "zh": "标准输出在写完之前已被关闭"},
}


class Local(str):
    """Text in both languages; as a `str` it is the English one (what JSON and older callers see)."""

    texts: dict[str, str]

    def __new__(cls, texts: dict[str, str]) -> "Local":
        obj = super().__new__(cls, texts["en"])
        obj.texts = texts
        return obj

    def __reduce__(self):  # pickled or deep-copied as its two texts
        return (Local, (self.texts,))


class Msg(Local):
    """A catalogue message: its code and parameters, rendered once per language."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> "Msg":
        templates = MESSAGES[code]
        obj = super().__new__(cls, {lang: templates[lang].format(**{k: _param(v, lang) for k, v in params.items()})
                                    for lang in LANGS})
        obj.code, obj.params = code, params
        return obj

    def __reduce__(self):
        return (_rebuild_msg, (self.code, self.params))


def _rebuild_msg(code: str, params: dict[str, Any]) -> Msg:
    return Msg(code, **params)


def _param(value: Any, lang: str) -> Any:
    return value.texts[lang] if isinstance(value, Local) else value


def in_lang(text: object, lang: str) -> str:
    """The text in `lang`: a `Local` in that language, anything else as it is."""
    return text.texts[lang] if isinstance(text, Local) else str(text)
