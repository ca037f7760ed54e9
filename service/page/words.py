"""Every word of the upload page, in English and Chinese: one table, so a label is written once per language and a
test can check both languages hold the same keys.

Words the reports already define (score, band, findings, dimension names, the comparison's headings) are taken
from reports/i18n.py, history/words.py and history/compare_view.py by the templates, not retyped here; messages
the service already gives (rate limit, busy pool, internal error) come from their own catalogues.
"""
from __future__ import annotations

from engine.messages import LANGS, Local

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "tagline": "KPI system audits for your clients",
        "nav_audit": "New audit", "nav_orgs": "Organisations", "sign_out": "Sign out",
        "account": "Account", "language": "Language", "skip": "Skip to content",
        # signing in
        "signin_title": "Sign in",
        "signin_intro": "Upload a client's filled-in intake and get the scored diagnosis and the 30/60/90-day plan "
                        "in the browser, in English or Chinese.",
        "token_label": "Access token", "token_help": "The token your administrator created for your account.",
        "signin_button": "Sign in",
        "bad_token": "This token is unknown or has been revoked: check it, or ask your administrator for a new one.",
        "signed_out": "You are signed out.",
        # the dashboard
        "audit_title": "New audit",
        "step_template": "Send the client the intake template",
        "template_intro": "A workbook with one sheet per section: dropdowns for fixed values, one example row in "
                          "each sheet and a sheet that explains every field. The example rows are a valid intake, "
                          "so you can try an audit with the template as it is.",
        "template_en": "Template in English (.xlsx)", "template_zh": "Template in Chinese (.xlsx)",
        "step_upload": "Upload the filled-in intake",
        "upload_intro": "A workbook (.xlsx), a YAML or JSON file, or a .zip of the CSV folder; at most {limit} MiB.",
        "file_label": "Intake file", "report_lang": "Report language", "lang_en": "English", "lang_zh": "Chinese",
        "ruleset_label": "Ruleset", "shipped": "shipped", "stored": "this account's",
        "format_label": "Report format", "fmt_html": "Web page (HTML)", "fmt_pdf": "PDF document",
        "save_label": "Save to the organisation's history (needed for the trend and the comparison)",
        "prepared_by_label": "Prepared by (optional, on the report's cover)",
        "audit_button": "Run the audit",
        "choose_file": "Choose an intake file to upload.",
        "invalid_title": "{source}: {count} problem(s) to fix; nothing was audited",
        "where": "Where", "problem": "Problem", "more_problems": "… and {count} more",
        "recent_orgs": "Recent organisations",
        # an audit's page
        "audit_of": "Audit of {org}", "saved_as": "Saved in the history ({date}).",
        "open_html": "Report (HTML)", "open_pdf": "Report (PDF)", "open_json": "Report data (JSON)",
        "org_history": "Organisation history", "report_frame": "The report",
        # organisations
        "orgs_title": "Organisations", "orgs_intro": "The organisations with saved audits in this account.",
        "no_orgs": "No saved audits yet: upload an intake with “Save to the organisation's history” ticked.",
        "org": "Organisation", "org_id": "Id", "audits_count": "Audits", "latest": "Latest audit",
        "reports": "Reports",
        "compare_title": "The last two audits compared",
        "one_audit": "Only one saved audit so far: the comparison appears after the next one.",
        "compare_counts": "{new} new, {resolved} resolved, {persisting} persisting finding(s)",
        "open_compare": "Open the comparison on its own page",
        # errors
        "error_403": "Refused", "error_404": "Not found", "error_413": "File too large", "error_422": "Not accepted",
        "error_429": "Too many requests", "error_500": "Internal error", "error_501": "Not available",
        "error_503": "Busy", "error_504": "Took too long", "error": "Something went wrong",
        "csrf": "The form's security code is missing or out of date (an old tab, or the session ended). "
                "Reload the page and send the form again.",
        "session_ended": "Your session has ended; sign in again.",
        "not_found": "There is no such organisation or audit in this account.",
        "back": "Back to the dashboard",
    },
    "zh": {
        "tagline": "为您的客户诊断KPI体系",
        "nav_audit": "新建诊断", "nav_orgs": "客户组织", "sign_out": "退出登录",
        "account": "账户", "language": "语言", "skip": "跳到正文",
        "signin_title": "登录",
        "signin_intro": "上传客户填好的诊断资料，即可在浏览器中查看评分诊断和30/60/90天整改计划，中英文皆可。",
        "token_label": "访问令牌", "token_help": "管理员为您的账户创建的令牌。",
        "signin_button": "登录",
        "bad_token": "令牌无效或已被吊销：请检查令牌，或向管理员申请新的令牌。",
        "signed_out": "您已退出登录。",
        "audit_title": "新建诊断",
        "step_template": "把诊断资料模板发给客户",
        "template_intro": "工作簿中每部分一张工作表：固定取值有下拉选项，每张表有一行示例，另有一张表说明每个字段。"
                          "示例行本身就是一份有效的资料，可以直接用模板试做一次诊断。",
        "template_en": "英文模板（.xlsx）", "template_zh": "中文模板（.xlsx）",
        "step_upload": "上传填好的诊断资料",
        "upload_intro": "工作簿（.xlsx）、YAML 或 JSON 文件，或 CSV 文件夹的 .zip 压缩包；最大 {limit} MiB。",
        "file_label": "资料文件", "report_lang": "报告语言", "lang_en": "英文", "lang_zh": "中文",
        "ruleset_label": "规则集", "shipped": "内置", "stored": "本账户",
        "format_label": "报告格式", "fmt_html": "网页（HTML）", "fmt_pdf": "PDF 文档",
        "save_label": "保存到该组织的诊断历史（趋势和对比需要）",
        "prepared_by_label": "编制人（可选，显示在报告封面）",
        "audit_button": "开始诊断",
        "choose_file": "请选择要上传的资料文件。",
        "invalid_title": "{source}：有 {count} 个问题需要修改，未进行诊断",
        "where": "位置", "problem": "问题", "more_problems": "……另有 {count} 个",
        "recent_orgs": "最近的客户组织",
        "audit_of": "诊断结果：{org}", "saved_as": "已保存到诊断历史（{date}）。",
        "open_html": "报告（HTML）", "open_pdf": "报告（PDF）", "open_json": "报告数据（JSON）",
        "org_history": "该组织的诊断历史", "report_frame": "诊断报告",
        "orgs_title": "客户组织", "orgs_intro": "本账户中已保存诊断的组织。",
        "no_orgs": "还没有已保存的诊断：上传资料时请勾选「保存到该组织的诊断历史」。",
        "org": "组织", "org_id": "编号", "audits_count": "诊断次数", "latest": "最近一次诊断",
        "reports": "报告",
        "compare_title": "最近两次诊断对比",
        "one_audit": "目前只有一次已保存的诊断：下一次诊断后即可对比。",
        "compare_counts": "新增 {new} 项、已解决 {resolved} 项、仍存在 {persisting} 项",
        "open_compare": "在单独页面打开对比",
        "error_403": "已拒绝", "error_404": "未找到", "error_413": "文件过大", "error_422": "未能接受",
        "error_429": "请求过多", "error_500": "内部错误", "error_501": "暂不可用",
        "error_503": "服务繁忙", "error_504": "处理超时", "error": "出错了",
        "csrf": "表单的安全校验码缺失或已过期（页面过旧或会话已结束）。请刷新页面后重新提交。",
        "session_ended": "会话已结束，请重新登录。",
        "not_found": "本账户中没有这个组织或诊断。",
        "back": "返回首页",
    },
}
# How the language switch names each language: in that language itself, as switches do.
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}


def local(key: str, **params: object) -> Local:
    """A page word or sentence in both languages (for errors raised before the page's language is known)."""
    return Local({lang: WORDS[lang][key].format(**params) for lang in LANGS})
