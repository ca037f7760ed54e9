"""The --lang zh intake template reads in Chinese, and the loader accepts every Chinese value it offers."""
from __future__ import annotations

import openpyxl
import pytest
from pydantic import ValidationError

from engine.enum_words import aliases_of, display_values, enum_values
from engine.loaders import load_intake
from engine.loaders.template import example, write_template
from engine.model import SECTIONS
from tests.conftest import EXAMPLES
from tests.zh_check import english_words

ENUM_FIELDS = [(section, field) for section, model in SECTIONS.items() for field in model.model_fields
               if enum_values(section, field)]


def _example_ids() -> set[str]:
    """The example rows' ids and references, and the ids the README's example of a links cell names
    (`us-gmv:60; us-cm:40`): client text, not words to translate."""
    ids: set[str] = {"us-cm"}
    for rows in example("zh").values():
        for row in rows if isinstance(rows, list) else [rows]:
            for field, value in row.items():
                if field in ("id", "owner", "unit", "role", "parent", "champion", "metric", "scope", "kpi"):
                    ids.add(str(value))
                elif isinstance(value, list):
                    ids.update(str(v["kpi"] if isinstance(v, dict) else v) for v in value)
    return ids


def _workbook_text(path) -> str:
    book = openpyxl.load_workbook(path)
    text = []
    for sheet in book.worksheets:
        text.append(sheet.title)
        text += [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
        text += [rule.formula1 for rule in sheet.data_validations.dataValidation]
    return "\n".join(text)


def _parse(section: str, field: str, value: str):
    """What the model makes of `value` typed into one enum field."""
    model = SECTIONS[section]
    annotation = model.model_fields[field]
    from pydantic import TypeAdapter

    return TypeAdapter(annotation.annotation).validate_python(
        annotation.metadata[0].func(value) if annotation.metadata else value)


@pytest.mark.parametrize(("section", "field"), ENUM_FIELDS)
def test_every_chinese_dropdown_value_and_alias_is_accepted(section, field):
    values = enum_values(section, field)
    for value, shown in zip(values, display_values(section, field, "zh")):
        assert _parse(section, field, shown) == value, (shown, value)
        for alias in aliases_of(value, values):
            assert _parse(section, field, alias) == value, (alias, value)


@pytest.mark.parametrize(("section", "field", "written", "value"), [
    ("kpis", "frequency", "月度", "monthly"), ("kpis", "frequency", "季度", "quarterly"),
    ("kpis", "frequency", "每週", "weekly"), ("kpis", "kind", "业绩", "result"), ("kpis", "kind", "結果類", "result"),
    ("kpis", "kind", "过程类", "process"), ("kpis", "direction", "正向", "higher"),
    ("kpis", "direction", "越少越好", "lower"), ("kpis", "direction", "反向", "lower"),
])
def test_how_chinese_scorecards_write_frequency_kind_and_direction_is_read(section, field, written, value):
    """Words a 考核表 writes (月度, 业绩, 正向, Traditional 每週) were refused with exit 2."""
    assert _parse(section, field, written) == value


def test_a_word_no_scorecard_uses_is_still_refused():
    """Near miss: an unknown word is not guessed into a value (每两年: there is no two-yearly frequency)."""
    with pytest.raises(ValidationError):
        _parse("kpis", "frequency", "每两年")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_zh_template_examples_load_as_the_english_ones(tmp_path, fmt):
    zh_path, en_path = tmp_path / f"zh.{fmt}", tmp_path / f"en.{fmt}"
    write_template(zh_path, fmt, "zh")
    write_template(en_path, fmt, "en")
    zh, en = load_intake(zh_path), load_intake(en_path)
    assert [w.code for w in zh.warnings] == [w.code for w in en.warnings] == ["template_example"]
    assert zh.intake.organization.name == "示例跨境公司"
    for section in SECTIONS:  # the same intake apart from the text written in each language
        def shape(intake):
            records = getattr(intake, section)
            return [r.model_dump(exclude={"name", "responsibilities", "formula", "system"})
                    for r in (records if isinstance(records, list) else [records])]
        assert shape(zh.intake) == shape(en.intake), section


def test_zh_workbook_has_chinese_dropdowns_examples_and_readme(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path, "xlsx", "zh")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "说明"
    kpis = book["指标"]
    header = [c.value for c in kpis[1]]
    example_row = dict(zip(header, [c.value for c in kpis[2]]))
    assert example_row["指标类型"] == "结果" and example_row["统计频率"] == "每月" and example_row["侧重"] == "增长"
    formulas = {rule.formula1 for rule in kpis.data_validations.dataValidation}
    assert '"结果,过程,投入,行为"' in formulas and '"越高越好,越低越好"' in formulas
    assert english_words(_workbook_text(path), _example_ids() | {"kpi-audit audit"}) == []


def test_zh_csv_readme_is_chinese(tmp_path):
    folder = tmp_path / "t"
    write_template(folder, "csv", "zh")
    readme = (folder / "README.txt").read_text(encoding="utf-8-sig")
    assert "发展阶段［可选值：初创期、成长期、成熟期］" in readme
    assert english_words(readme, _example_ids() | {"kpi-audit audit"}) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_both_forms_say_how_a_missing_section_differs_from_an_empty_one(tmp_path, lang):
    """Intake 1.1's "not collected vs none" is told where the client fills the form in: the workbook's README sheet
    and the CSV folder's README.txt, in the template's language."""
    from engine.loaders.field_docs import how_to_fill

    write_template(tmp_path / "t.xlsx", "xlsx", lang)
    write_template(tmp_path / "t", "csv", lang)
    first_sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]
    told = ("删掉整张工作表", "只保留表头行", "组织、部门、岗位、指标为必填") if lang == "zh" else (
        "delete its sheet", "keep the header row only", "organization, units, roles and kpis are required")
    assert first_sheet["A1"].value == how_to_fill(lang)
    assert how_to_fill(lang) in (tmp_path / "t" / "README.txt").read_text(encoding="utf-8-sig")
    assert all(words in how_to_fill(lang) for words in told)


def test_en_template_keeps_the_models_spelling(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path, "xlsx", "en")
    formulas = {rule.formula1 for rule in openpyxl.load_workbook(path)["kpis"].data_validations.dataValidation}
    assert '"result,process,input,behaviour"' in formulas


def test_workbook_problems_in_chinese_name_sheet_cell_and_column(tmp_path):
    from engine.errors import IntakeError

    path = tmp_path / "t.xlsx"
    write_template(path, "xlsx", "zh")
    book = openpyxl.load_workbook(path)
    sheet = book["指标"]
    header = [cell.value for cell in sheet[1]]
    for column, value in (("权重", "fifty"), ("负责岗位", "ghost"), ("统计频率", "每两年")):
        sheet.cell(2, header.index(column) + 1, value)
    book.save(path)
    with pytest.raises(IntakeError) as caught:
        load_intake(path)
    text = caught.value.render("zh")
    assert "3 个问题" in text and "指标!F2（权重）：'fifty' 不是数字" in text and "指标!C2（负责岗位）：岗位「ghost」不存在" in text
    assert "指标!L2（统计频率）：'每两年' 不是可选值；可填：每日、每天、日、按日、日度（daily）" in text
    assert english_words(text, {str(path), "fifty", "ghost", *enum_values("kpis", "frequency")}) == []


@pytest.mark.parametrize(("lang", "told"), [("zh", "组织仍是模板示例（「示例跨境公司」）"),
                                            ("en", "the organisation is still the template's example ('Acme")])
def test_an_untouched_template_is_told_in_the_report_and_on_stderr(tmp_path, lang, told):
    """`init` writes a valid intake so it audits at once; audited untouched it would pass for a client's
    diagnosis, so the loader says so, and the report lists it under the intake warnings in its own language."""
    from click.testing import CliRunner

    from cli.main import cli

    path = tmp_path / "t.xlsx"
    write_template(path, "xlsx", lang)
    result = CliRunner().invoke(cli, ["audit", str(path), "--lang", lang, "--format", "md"])
    assert result.exit_code == 0 and told in result.stderr and told in result.stdout


def test_a_template_with_the_clients_name_is_not_told(tmp_path):
    """Near miss: the example rows may stay as a starting point once the organisation is the client's."""
    path = tmp_path / "t.xlsx"
    write_template(path, "xlsx", "zh")
    book = openpyxl.load_workbook(path)
    row = next(r for r in book["组织"].iter_rows() if r[1].value == "示例跨境公司")
    row[1].value = "深圳星河跨境"
    book.save(path)
    assert load_intake(path).warnings == []


def test_intake_warnings_read_in_the_reports_language(tmp_path):
    """An unknown field's warning in a Chinese report is Chinese (it was English, the warning's `str`)."""
    import json

    from click.testing import CliRunner

    from cli.main import cli

    path = tmp_path / "t.yaml"
    path.write_text((EXAMPLES / "healthy.yaml").read_text(encoding="utf-8").replace(
        "  name: Acme Outdoor", "  nickname: x\n  name: Acme Outdoor", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", str(path), "--lang", "zh", "--format", "json"])
    warnings = json.loads(result.stdout)["intake_warnings"]
    assert warnings == ["organization.nickname：未知字段，已忽略"]


@pytest.mark.parametrize(("fmt", "lang", "heading", "first_cause"),
                         [("html", "en", "Intake warnings", "What costs most"), ("md", "zh", "资料提示", "影响最大的问题")])
def test_an_untouched_template_is_flagged_in_the_summary_before_any_finding(tmp_path, fmt, lang, heading,
                                                                           first_cause):
    """Auditing the template's own example rows reports on a company that does not exist: the report says so in
    its executive summary, above the top causes, where a reader of page one sees it (it was in the appendix)."""
    from click.testing import CliRunner

    from cli.main import cli

    path = tmp_path / "t.xlsx"
    write_template(path, "xlsx", lang)
    text = CliRunner().invoke(cli, ["audit", str(path), "--lang", lang, "--format", fmt]).stdout
    warning = text.index(heading)
    assert text.count(heading) == 1
    assert ("example" if lang == "en" else "示例") in text[warning:warning + 400]
    section = text.rfind("<h2" if fmt == "html" else "\n## ", 0, warning)   # the section the warning sits in
    assert ("Executive summary" if lang == "en" else "执行摘要") in text[section:section + 60]
    assert warning < text.index(first_cause)
