"""Every message a portfolio batch gives a person, keyed by code, in English and Chinese.

One catalogue for the batch (discovery, progress, the run's outcome) so a message is written once per language;
the engine's own messages (an intake's problems) come from engine.messages.
"""
from __future__ import annotations

from engine.errors import some_of
from engine.findings import LIST_SEPARATOR

SHARED_SHOWN = 10  # clients named when several share an organisation id

MESSAGES: dict[str, dict[str, str]] = {
    # discovering the clients (usage errors, exit 2)
    "no_input": {"en": "no such folder or manifest", "zh": "文件夹或清单文件不存在"},
    "intake_not_portfolio": {"en": "this is one client's intake, not a portfolio: give a folder of intakes or a "
                                   "manifest listing them (kpi-audit audit audits one client)",
                             "zh": "这是单个客户的资料，不是客户组合：请给出装有多份资料的文件夹，或列出资料路径的清单文件"
                                   "（单个客户请用 kpi-audit audit）"},
    "no_clients": {"en": "no client intakes found (YAML, JSON, .xlsx files or CSV sub-folders)",
                   "zh": "没有找到客户资料（YAML、JSON、.xlsx 文件或装有 CSV 的子文件夹）"},
    "stem_clash": {"en": "{first} and {second} would both write reports named {stem}.*; rename one",
                   "zh": "{first} 与 {second} 的报告都会命名为 {stem}.*；请重命名其中一个"},
    "reserved_stem": {"en": "{source}: a client may not be named {stem} (the portfolio summary's file name); "
                            "rename it",
                      "zh": "{source}：客户文件不能命名为 {stem}（这是客户组合汇总的文件名）；请重命名"},
    "manifest_unreadable": {"en": "cannot read the manifest: {detail}", "zh": "无法读取清单文件（{detail}）"},
    "bad_formats": {"en": "--format {value}: unknown format {bad}; choose from {known}, separated by commas",
                    "zh": "--format {value}：无法识别的格式 {bad}；可选 {known}，用逗号分隔"},
    "scheduler_needs_dask": {"en": "--scheduler is for --executor dask", "zh": "--scheduler 只用于 --executor dask"},
    "dask_missing": {"en": "--executor dask needs Dask: pip install \"kpi-audit[dask]\"",
                     "zh": "--executor dask 需要 Dask：pip install \"kpi-audit[dask]\""},
    "scheduler_unreachable": {"en": "--scheduler {address}: cannot reach the Dask scheduler: {detail}",
                              "zh": "--scheduler {address}：无法连接 Dask 调度器（{detail}）"},
    "out_not_folder": {"en": "--out {out}: not a folder", "zh": "--out {out}：不是文件夹"},
    "out_is_input": {"en": "--out {out} is the input folder: reports would be read as clients next time; choose "
                           "another folder", "zh": "--out {out} 就是输入文件夹：下次运行时报告会被当作客户资料读取；请另选文件夹"},
    "cannot_write": {"en": "{path}: cannot write: {detail}", "zh": "{path}：无法写入（{detail}）"},
    # one client failing (ClientResult.error)
    "crashed": {"en": "{source}: the audit failed unexpectedly ({detail})",
                "zh": "{source}：诊断意外失败（{detail}）"},
    "worker_died": {"en": "{source}: the worker process auditing it stopped abruptly (killed or out of memory)",
                    "zh": "{source}：诊断它的工作进程意外终止（被结束或内存不足）"},
    # progress and outcome
    "skipped": {"en": "{count} client(s) unchanged since the last run, reports kept (--force redoes them)",
                "zh": "{count} 个客户自上次运行以来没有变化，沿用已有报告（--force 可全部重做）"},
    "line_audited": {"en": "[{done}/{total}] {client}: score {score} ({seconds:.2f} s)",
                     "zh": "[{done}/{total}] {client}：得分 {score}（{seconds:.2f} 秒）"},
    "line_failed": {"en": "[{done}/{total}] {client}: FAILED: {error}", "zh": "[{done}/{total}] {client}：失败：{error}"},
    "bar": {"en": "{done}/{total} done · {failed} failed · {rate:.1f} clients/s · ETA {eta}",
            "zh": "已完成 {done}/{total} · 失败 {failed} · 每秒 {rate:.1f} 个 · 预计剩余 {eta}"},
    "below": {"en": "{client}: score {score} is below --fail-under {fail_under:g}",
              "zh": "{client}：得分 {score} 低于 --fail-under {fail_under:g}"},
    "shared_organization": {"en": "{clients} all describe organization {org}: their reports stay apart, but saved "
                                  "audits (--save), history and compare treat them as one organization; give each "
                                  "client its own organization.id",
                            "zh": "{clients} 描述的是同一个组织 {org}：报告各自独立，但保存的诊断（--save）、history 和 compare "
                                  "会把它们当作同一个组织；请给每个客户不同的 organization.id"},
    # the same, on the portfolio page (no command-line words: a service user reads it too)
    "shared_organization_page": {"en": "{clients} all describe organisation {org}: their reports stay apart, but "
                                       "saved audits and their history treat them as one organisation; give each "
                                       "client its own organisation id.",
                                 "zh": "{clients} 描述的是同一个组织 {org}：报告各自独立，但已保存的诊断及其历史会把它们当作同一个组织；"
                                       "请给每个客户不同的组织编号。"},
    "outcome": {"en": "{total} client(s): {audited} audited, {skipped} unchanged, {failed} failed; reports and the "
                      "portfolio summary in {out}",
                "zh": "共 {total} 个客户：诊断 {audited} 个，未变化 {skipped} 个，失败 {failed} 个；报告和客户组合汇总在 {out}"},
    "interrupted": {"en": "interrupted: finished clients are kept; run the same command again to go on",
                    "zh": "已中断：已完成的客户会保留；再次运行同一命令即可继续"},
}


def text(lang: str, code: str, **params: object) -> str:
    """The message `code` in `lang` with its parameters filled in."""
    return MESSAGES[code][lang].format(**params)


def shared_organization_line(shared: dict, lang: str, code: str = "shared_organization") -> str:
    """The warning for one entry of the portfolio's `shared_organizations` (`code`: the batch's stderr line, or
    shared_organization_page for the summary page): the first few clients and a count, as 5,000 copies of one
    intake make one short line."""
    return text(lang, code, org=shared["organization"],
                clients=some_of(shared["clients"], LIST_SEPARATOR[lang], limit=SHARED_SHOWN))
