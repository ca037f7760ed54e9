"""Every message the service gives a person (API errors, the audit pool's refusals, the token command), keyed by
code, in English and Chinese.

One catalogue for the service so a message is written once per language; an intake's own problems come from
engine.messages, so the API says exactly what the CLI says.
"""
from __future__ import annotations

from engine.messages import LANGS, Local

MESSAGES: dict[str, dict[str, str]] = {
    # authentication and limits
    "no_token": {"en": "this call needs a token: send the header 'Authorization: Bearer <token>' "
                       "(create one with `kpi-audit token create --tenant NAME`)",
                 "zh": "此调用需要令牌：请发送请求头「Authorization: Bearer <令牌>」"
                       "（用 `kpi-audit token create --tenant 名称` 创建）"},
    "bad_token": {"en": "the token is unknown or revoked", "zh": "令牌无效或已被吊销"},
    "rate_limited": {"en": "too many requests with this token: at most {limit} a minute; retry in {seconds} s",
                     "zh": "此令牌的请求过多：每分钟最多 {limit} 次；请 {seconds} 秒后重试"},
    "too_large": {"en": "the upload is larger than {limit} MiB; refused before reading it",
                  "zh": "上传内容超过 {limit} MiB，未读取即拒绝"},
    "not_found": {"en": "not found", "zh": "未找到"},
    "method_not_allowed": {"en": "method not allowed", "zh": "不支持此请求方法"},
    "bad_request": {"en": "invalid request: {detail}", "zh": "请求无效（{detail}）"},
    "internal": {"en": "internal error (incident {incident}); it is logged on the server, please report it",
                 "zh": "内部错误（事件编号 {incident}）；服务器已记录，请报告此问题"},
    # the audit pool (service.pool)
    "busy": {"en": "every audit worker is busy and {queue} request(s) are already waiting; retry in {seconds} s",
             "zh": "所有诊断进程都在忙，已有 {queue} 个请求在排队；请 {seconds} 秒后重试"},
    "timed_out": {"en": "the audit took longer than {seconds:g} s and was stopped (a very large or hostile file?)",
                  "zh": "诊断超过 {seconds:g} 秒，已被终止（文件过大或内容异常？）"},
    "worker_lost": {"en": "the audit worker stopped before answering; retry, and report it if it happens again",
                    "zh": "诊断进程在给出结果前意外停止；请重试，若再次发生请报告此问题"},
    "over_memory": {"en": "the audit needed more than the {limit} MiB of memory a request may use "
                          "(a very large or hostile file?)",
                    "zh": "诊断所需内存超过单个请求的上限 {limit} MiB（文件过大或内容异常？）"},
    "closed": {"en": "the service is shutting down; retry in a moment", "zh": "服务正在关闭；请稍后重试"},
    # parameters
    "bad_lang": {"en": "lang must be one of {known}", "zh": "lang 只能是 {known} 之一"},
    "bad_ruleset": {"en": "ruleset '{name}': not a shipped ruleset ({shipped}) nor one of this account's stored "
                          "rulesets", "zh": "规则集「{name}」：既不是内置规则集（{shipped}），也不是本账户保存的规则集"},
    "no_rule": {"en": "no rule {code} in {ruleset}", "zh": "{ruleset} 中没有规则 {code}"},
    "no_name": {"en": "give a KPI name: ?name=…", "zh": "请给出 KPI 名称：?name=…"},
    "bad_format": {"en": "format must be one of {known}", "zh": "format 只能是 {known} 之一"},
    "bad_date": {"en": "as_of: {value!r} is not a date (YYYY-MM-DD)", "zh": "as_of：{value!r} 不是日期（YYYY-MM-DD）"},
    "no_prepared_by": {"en": "prepared_by: give the name to print on the report cover, or leave the field out",
                       "zh": "prepared_by：请给出要印在报告封面上的名字，或不填此字段"},
    # the token command
    "token_created": {"en": "token {token_id} for tenant '{tenant}' (shown once; only its hash is kept):",
                      "zh": "租户「{tenant}」的令牌 {token_id}（只显示这一次；服务器只保存其哈希值）："},
    "token_columns": {"en": "id\ttenant\tlabel\tcreated\trevoked", "zh": "编号\t租户\t用途\t创建时间\t吊销时间"},
    "token_revoked": {"en": "token {token_id} revoked", "zh": "令牌 {token_id} 已吊销"},
    "no_such_token": {"en": "no token {token_id}", "zh": "没有编号为 {token_id} 的令牌"},
    "bad_tenant": {"en": "--tenant: give a name of 1 to {limit} characters", "zh": "--tenant：名称应为 1 到 {limit} 个字符"},
    # a client's .zip, member by member (service.zip_safety's callers: service.uploads, service.batch_upload)
    "zip_unreadable": {"en": "not a readable .zip archive, or a file in it could not be unpacked",
                       "zh": "不是可读取的 .zip 压缩包，或其中有文件无法解压"},
    "zip_link": {"en": "a link, not a file; refused", "zh": "这是链接而不是文件，拒绝读取"},
    "zip_encrypted": {"en": "encrypted; zip the files without a password", "zh": "已加密；请不加密码重新压缩"},
    "zip_duplicate": {"en": "in the .zip twice", "zh": "在压缩包中出现了两次"},
    # a zipped CSV folder uploaded as one intake (service.uploads)
    "zip_not_csv": {"en": "only .csv files may be in a zipped CSV folder (a workbook is uploaded as the .xlsx "
                          "itself)",
                    "zh": "压缩的 CSV 文件夹中只能有 .csv 文件（工作簿请直接上传 .xlsx 文件）"},
    "zip_bad_name": {"en": "not a plain file name: absolute paths, '..', names over {limit} characters and folders "
                           "within folders are refused",
                     "zh": "不是普通的文件名：拒绝绝对路径、「..」、超过 {limit} 个字符的名称和多层文件夹"},
    "zip_folders": {"en": "the .csv files are in more than one folder; zip one folder, or the files themselves",
                    "zh": ".csv 文件分散在多个文件夹中；请只压缩一个文件夹，或直接压缩这些文件"},
    "zip_too_many": {"en": "more than {limit} files in the .zip; an intake has at most {limit} (one per section)",
                     "zh": "压缩包中超过 {limit} 个文件；一份资料最多 {limit} 个（每部分一个）"},
    # portfolio batches (service.batch_upload, service.api.batches)
    "batch_bad_name": {"en": "not a plain file name: absolute paths, '..' and names over {limit} characters are "
                             "refused", "zh": "不是普通的文件名：拒绝绝对路径、「..」和超过 {limit} 个字符的名称"},
    "batch_not_intake": {"en": "not a client intake: a portfolio .zip holds YAML, JSON and .xlsx intakes and folders "
                               "of .csv files, nothing else (no manifest)",
                         "zh": "不是客户资料：客户组合压缩包只能包含 YAML、JSON、.xlsx 资料和装有 .csv 文件的文件夹"
                               "（不接受清单文件或其他文件）"},
    "batch_too_deep": {"en": "folders within folders: each CSV intake is one folder of .csv files at the top of the .zip",
                       "zh": "文件夹嵌套过深：每份 CSV 资料应是压缩包顶层的一个装有 .csv 文件的文件夹"},
    "batch_too_many": {"en": "more than {limit} entries in the .zip; split the portfolio",
                       "zh": "压缩包中超过 {limit} 个条目；请拆分客户组合"},
    "batch_member_too_big": {"en": "unpacks to more than {limit} MiB; refused", "zh": "解压后超过 {limit} MiB，拒绝读取"},
    "batch_too_big": {"en": "the .zip unpacks to more than {limit} MiB in all; refused",
                      "zh": "压缩包解压后总计超过 {limit} MiB，拒绝读取"},
    "batch_queue_full": {"en": "{queued} portfolio batches are already waiting; try again in {seconds} s",
                         "zh": "已有 {queued} 个客户组合批次在排队；请 {seconds} 秒后重试"},
    "batch_tenant_queue_full": {"en": "this account already has {queued} portfolio batches waiting; try again in "
                                      "{seconds} s, once one of them has started",
                                "zh": "本账户已有 {queued} 个客户组合批次在排队；请在其中一个开始运行后（约 {seconds} 秒）"
                                      "重试"},
    "batch_too_many_clients": {"en": "{count} clients in the .zip, more than the {limit} one batch may hold; split "
                                     "the portfolio",
                               "zh": "压缩包中有 {count} 个客户，超过单个批次上限 {limit} 个；请拆分客户组合"},
    "batch_not_ready": {"en": "the batch has not finished yet; its summary and reports are served once it has",
                        "zh": "该批次尚未完成；完成后才能获取汇总和报告"},
    "batch_no_report": {"en": "{client} has no report: its audit failed", "zh": "{client} 没有报告：其诊断失败"},
    "batch_format_not_made": {"en": "this batch wrote {made} reports, not {format}",
                              "zh": "该批次只生成了 {made} 格式的报告，没有 {format}"},
    "batch_died": {"en": "the batch stopped abruptly (killed or out of memory); post it again",
                   "zh": "批次意外终止（被结束或内存不足）；请重新提交"},
    "batch_timeout": {"en": "the batch ran past its time limit of {seconds:.0f} s and was stopped",
                      "zh": "批次超过 {seconds:.0f} 秒的时间限制，已被终止"},
    # history, waivers and stored rulesets
    "no_previous_audit": {"en": "organisation '{org}' has one saved audit: there is no earlier one to compare it with",
                          "zh": "组织「{org}」只有一次已保存的诊断，没有更早的诊断可供对比"},
    "bad_ruleset_name": {"en": "'{name}' cannot name a stored ruleset: use 1 to 64 lowercase letters, digits, '-' "
                               "and '_', starting with a letter or digit",
                         "zh": "「{name}」不能用作保存的规则集名称：请使用 1 到 64 个小写字母、数字、「-」或「_」，"
                               "并以字母或数字开头"},
    "shipped_ruleset_name": {"en": "'{name}' is the name of a shipped ruleset; store yours under another name",
                             "zh": "「{name}」是内置规则集的名称；请为您的规则集另取一个名称"},
    "extends_not_shipped": {"en": "{value!r} is not a shipped ruleset: a stored ruleset may extend only NAME or "
                                  "NAME@VERSION of a shipped one ({shipped}), never a file",
                            "zh": "{value!r} 不是内置规则集：保存的规则集只能基于内置规则集（{shipped}），写作 名称 或 "
                                  "名称@版本，不能指向文件"},
    "bad_org_id": {"en": "{org!r} cannot be an organisation's id (organization.id of an intake: up to 200 letters, "
                         "digits, '_', '.' and '-'), so no audit would ever use its waivers",
                   "zh": "{org!r} 不能作为组织编号（资料中的 organization.id：最多 200 个字母、数字、「_」「.」或「-」），"
                         "其豁免不会被任何诊断使用"},
}


def message(code: str, /, **params: object) -> Local:
    """A catalogue message in both languages (a `Local`: str() is the English one)."""
    return Local({lang: MESSAGES[code][lang].format(**params) for lang in LANGS})
