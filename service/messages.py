"""Every message the service gives a person (API errors, the token command), keyed by code, in English and Chinese.

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
    # parameters
    "bad_lang": {"en": "lang must be one of {known}", "zh": "lang 只能是 {known} 之一"},
    "bad_ruleset": {"en": "ruleset '{name}': not a shipped ruleset ({shipped}) nor one of this account's stored "
                          "rulesets", "zh": "规则集「{name}」：既不是内置规则集（{shipped}），也不是本账户保存的规则集"},
    "no_rule": {"en": "no rule {code} in {ruleset}", "zh": "{ruleset} 中没有规则 {code}"},
    "no_name": {"en": "give a KPI name: ?name=…", "zh": "请给出 KPI 名称：?name=…"},
    # the token command
    "token_created": {"en": "token {token_id} for tenant '{tenant}' (shown once; only its hash is kept):",
                      "zh": "租户「{tenant}」的令牌 {token_id}（只显示这一次；服务器只保存其哈希值）："},
    "token_revoked": {"en": "token {token_id} revoked", "zh": "令牌 {token_id} 已吊销"},
    "no_such_token": {"en": "no token {token_id}", "zh": "没有编号为 {token_id} 的令牌"},
    "bad_tenant": {"en": "--tenant: give a name of 1 to {limit} characters", "zh": "--tenant：名称应为 1 到 {limit} 个字符"},
}


def message(code: str, **params: object) -> Local:
    """A catalogue message in both languages (a `Local`: str() is the English one)."""
    return Local({lang: MESSAGES[code][lang].format(**params) for lang in LANGS})
