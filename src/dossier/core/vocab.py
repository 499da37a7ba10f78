"""The controlled vocabularies of spec/cli.md, with English and Chinese labels.

The core speaks in ids (`rsdl`, `inciting_subversion`); front ends pick the label in
the reader's language from here, so both languages live in one table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Term:
    id: str
    en: str
    zh: str
    status: str | None = None  # for event types: the status it sets, if any

    def label(self, lang: str = "en") -> str:
        return self.zh if lang.startswith("zh") else self.en


class Status(StrEnum):
    UNKNOWN = "unknown"
    DISAPPEARED = "disappeared"
    DETAINED = "detained"
    RSDL = "rsdl"
    SENTENCED = "sentenced"
    HOUSE_ARREST = "house_arrest"
    RELEASED = "released"
    DECEASED = "deceased"


CUSTODY_STATUSES = frozenset({Status.DISAPPEARED, Status.DETAINED, Status.RSDL, Status.SENTENCED})

STATUS_TERMS: dict[str, Term] = {
    t.id: t
    for t in [
        Term("unknown", "Unknown", "不详"),
        Term("disappeared", "Disappeared", "被迫失踪"),
        Term("detained", "Detained", "羁押中"),
        Term("rsdl", "RSDL", "指定居所监视居住"),
        Term("sentenced", "Sentenced", "服刑中"),
        Term("house_arrest", "House arrest", "软禁"),
        Term("released", "Released", "已释放"),
        Term("deceased", "Deceased", "已死亡"),
    ]
}

EVENT_TYPES: dict[str, Term] = {
    t.id: t
    for t in [
        Term("disappearance", "Enforced disappearance", "被迫失踪", "disappeared"),
        Term("detention", "Criminal detention", "刑事拘留", "detained"),
        Term("administrative_detention", "Administrative detention", "行政拘留", "detained"),
        Term(
            "rsdl", "Residential surveillance at a designated location", "指定居所监视居住", "rsdl"
        ),
        Term("arrest", "Formal arrest", "逮捕", "detained"),
        Term("indictment", "Indictment", "起诉", "detained"),
        Term("trial", "Trial", "庭审", "detained"),
        Term("verdict", "Verdict", "判决", "sentenced"),
        Term("appeal", "Appeal", "上诉"),
        Term("imprisonment", "Imprisonment", "服刑", "sentenced"),
        Term("release", "Release", "释放", "released"),
        Term("bail", "Bail (release on guarantee)", "取保候审", "released"),
        Term("house_arrest", "House arrest", "软禁", "house_arrest"),
        Term("surveillance", "Surveillance", "监控"),
        Term("travel_ban", "Travel ban", "限制出境"),
        Term("disbarment", "Disbarment", "吊销执照"),
        Term("torture_allegation", "Torture allegation", "酷刑指控"),
        Term("health_concern", "Health concern", "健康状况"),
        Term("family_harassment", "Harassment of family", "家属受骚扰"),
        Term("lawyer_denied", "Lawyer access denied", "拒绝会见律师"),
        Term("lawyer_visit", "Lawyer visit", "律师会见"),
        Term("un_action", "UN action", "联合国行动"),
        Term("advocacy", "Advocacy", "倡导"),
        Term("death", "Death", "死亡", "deceased"),
        # Since schema 3 (issue #11): see docs/cli.md "Timeline model".
        Term("deportation", "Deportation", "驱逐出境", "released"),
        Term("exile", "Left the country (exile)", "出境/流亡", "released"),
        Term(
            "controlled_release", "Released under continued control", "释放后仍受管控", "released"
        ),
        Term(
            "unofficial_detention",
            "Unofficial detention (black jail)",
            "非正式羁押/黑监狱",
            "detained",
        ),
        Term("family_visit", "Family visit", "家属会见"),
        Term("family_visit_denied", "Family visit denied", "拒绝家属会见"),
        Term("consular_visit", "Consular visit", "领事探视"),
        Term("consular_visit_denied", "Consular visit denied", "拒绝领事探视"),
        Term("televised_confession", "Televised confession", "电视认罪"),
        Term("other", "Other", "其他"),
    ]
}

CHARGES: dict[str, Term] = {
    t.id: t
    for t in [
        Term("subversion", "Subversion of state power", "颠覆国家政权罪"),
        Term("inciting_subversion", "Inciting subversion of state power", "煽动颠覆国家政权罪"),
        Term("separatism", "Separatism", "分裂国家罪"),
        Term("inciting_separatism", "Inciting separatism", "煽动分裂国家罪"),
        Term("picking_quarrels", "Picking quarrels and provoking trouble", "寻衅滋事罪"),
        Term("gathering_crowd", "Gathering a crowd to disturb social order", "聚众扰乱社会秩序罪"),
        Term("illegal_business", "Illegal business operations", "非法经营罪"),
        Term(
            "providing_secrets_abroad",
            "Illegally providing state secrets or intelligence abroad",
            "为境外窃取、刺探、收买、非法提供国家秘密、情报罪",
        ),
        Term("obstructing_official_duty", "Obstructing official duty", "妨害公务罪"),
        Term("terrorism", "Terrorism offences", "恐怖活动犯罪"),
        Term("fraud", "Fraud", "诈骗罪"),
    ]
}

SENSITIVITIES: dict[str, Term] = {
    t.id: t
    for t in [
        Term("public", "Public", "公开"),
        Term("restricted", "Restricted", "限制"),
        Term("confidential", "Confidential", "机密"),
    ]
}
SENSITIVITY_RANK = {"public": 0, "restricted": 1, "confidential": 2}

AUDIENCES: dict[str, Term] = {
    t.id: t
    for t in [
        Term("public", "Public", "公开"),
        Term("diplomatic", "Restricted — for diplomatic use", "限制级——仅供外交使用"),
        Term("internal", "Internal — confidential", "内部——机密"),
    ]
}
# The highest sensitivity each audience may see.
AUDIENCE_CEILING = {"public": 0, "diplomatic": 1, "internal": 2}

NAME_KINDS: dict[str, Term] = {
    t.id: t
    for t in [
        Term("legal", "Legal name", "本名"),
        Term("alias", "Alias", "别名"),
        Term("transliteration", "Transliteration", "音译"),
    ]
}

# A lawyer's standing on a case (Relation.role, schema 4): who chose them, and what
# became of them. Researchers track state-imposed lawyers who displace the family's.
LAWYER_ROLES: dict[str, Term] = {
    t.id: t
    for t in [
        Term("family_appointed", "Appointed by the family", "家属委托"),
        Term("state_imposed", "Imposed by the state", "官方指派"),
        Term("dismissed", "Dismissed", "被解除委托"),
        Term("disbarred", "Disbarred", "被吊销执照"),
    ]
}

# Sentences that are not a fixed term.
SPECIAL_SENTENCES: dict[str, Term] = {
    t.id: t
    for t in [
        Term("life", "Life imprisonment", "无期徒刑"),
        Term("death", "Death", "死刑"),
        Term("death-suspended", "Death, suspended", "死刑缓期执行"),
    ]
}


# --- the timeline model since schema 3 (issue #11; docs/cli.md "Timeline model") -----

# Legal stage as of a day: one id per stage, in the order a case usually runs.
STAGES: dict[str, Term] = {
    t.id: t
    for t in [
        Term("none", "No measure recorded", "无记录措施"),
        Term("disappeared", "Disappeared (unacknowledged)", "被迫失踪（未获承认）"),
        Term("unofficial_detention", "Unofficial detention", "非正式羁押"),
        Term("criminal_detention", "Criminal detention", "刑事拘留"),
        Term("administrative_detention", "Administrative detention", "行政拘留"),
        Term("rsdl", "RSDL", "指定居所监视居住"),
        Term("arrested", "Formally arrested", "已逮捕"),
        Term("indicted", "Indicted", "已起诉"),
        Term("on_trial", "Tried, awaiting verdict", "已开庭，待判决"),
        Term("sentenced", "Sentenced (serving)", "服刑中"),
        Term("on_appeal", "On appeal", "上诉中"),
        Term("probation", "Suspended sentence (probation)", "缓刑考验期"),
        Term("convicted_at_liberty", "Convicted, not imprisoned", "定罪未收监"),
        Term("acquitted", "Acquitted", "宣告无罪"),
        Term("bail", "On bail", "取保候审"),
        Term("released", "Released", "已释放"),
        Term("released_under_control", "Released under control", "释放后仍受管控"),
        Term("house_arrest", "House arrest", "软禁"),
        Term("deported", "Deported", "已驱逐出境"),
        Term("exiled", "Left the country", "已出境/流亡"),
        Term("deceased", "Deceased", "已死亡"),
    ]
}

CUSTODY_KINDS: dict[str, Term] = {
    t.id: t
    for t in [
        Term("detention_centre", "Detention centre", "看守所"),
        Term("rsdl", "RSDL facility", "指定居所"),
        Term("prison", "Prison", "监狱"),
        Term("house_arrest", "House arrest", "软禁"),
        Term("unofficial", "Unofficial (black jail)", "非正式羁押（黑监狱）"),
        Term("unknown", "Unknown", "不详"),
    ]
}

WHEREABOUTS: dict[str, Term] = {
    t.id: t
    for t in [
        Term("known", "Known", "下落已知"),
        Term("unknown", "Unknown", "下落不明"),
    ]
}

# Verdict outcomes (event type `verdict`).
OUTCOMES: dict[str, Term] = {
    t.id: t
    for t in [
        Term("custodial", "Custodial sentence", "实刑"),
        Term("suspended", "Suspended sentence", "缓刑"),
        Term("exempt", "Exempt from criminal punishment", "免予刑事处罚"),
        Term("acquitted", "Acquitted", "无罪"),
        Term("fine", "Fine only", "单处罚金"),
        Term("public_surveillance", "Public surveillance", "管制"),
    ]
}
# Appeal outcomes (event type `appeal`); an appeal without one is still pending.
APPEAL_OUTCOMES: dict[str, Term] = {
    t.id: t
    for t in [
        Term("upheld", "Appeal rejected, verdict upheld", "驳回上诉，维持原判"),
        Term("changed", "Verdict changed on appeal", "二审改判"),
        Term("retrial", "Sent back for retrial", "发回重审"),
    ]
}
ALL_OUTCOMES: dict[str, Term] = OUTCOMES | APPEAL_OUTCOMES


@dataclass(frozen=True)
class AlertTerm:
    """An alert rule and every name it goes by, in English and Chinese: `en`/`zh` where
    alerts are listed (the window's alert filter), `short_*` in a table cell, and
    `what_*`, the start of the sentence core.alerts writes ("… since 10 Jan 2016")."""

    id: str
    en: str
    zh: str
    short_en: str
    short_zh: str
    what_en: str
    what_zh: str

    def label(self, lang: str = "en") -> str:
        return self.zh if lang.startswith("zh") else self.en

    def short(self, lang: str = "en") -> str:
        return self.short_zh if lang.startswith("zh") else self.short_en

    def what(self, lang: str = "en") -> str:
        return self.what_zh if lang.startswith("zh") else self.what_en


# The alert rules (core.alerts, core.timeline; docs/cli.md "Timeline model"), in the order
# alerts on the same day are listed: the one table every front end and the packet use.
ALERT_TERMS: dict[str, AlertTerm] = {
    t.id: t
    for t in [
        AlertTerm(
            "rsdl_over_limit",
            "RSDL over the 6-month limit",
            "指定居所监视居住超过六个月",
            "RSDL over limit",
            "指居超期",
            "RSDL beyond the 6-month legal limit",
            "指定居所监视居住超过六个月法定期限",
        ),
        AlertTerm(
            "detention_over_limit",
            "Detention over the 37-day limit",
            "拘留超过37日上限",
            "Detention over limit",
            "拘留超期",
            "Criminal detention beyond the 37-day limit before formal arrest",
            "刑事拘留超过提请逮捕前37日的法定上限",
        ),
        AlertTerm(
            "disappeared_over_limit",
            "Held incommunicado",
            "与外界隔绝关押",
            "Incommunicado",
            "隔绝关押",
            "Held incommunicado beyond 24 hours without notice to family",
            "被迫失踪超过24小时且未通知家属",
        ),
        AlertTerm(
            "investigation_over_limit",
            "No indictment within the 7-month limit",
            "超过七个月仍未起诉",
            "Investigation over limit",
            "侦查超期",
            "Held after arrest without indictment beyond the 7-month investigation limit",
            "逮捕后超过七个月侦查羁押期限仍未起诉",
        ),
        AlertTerm(
            "trial_over_limit",
            "No verdict within the 3-month limit",
            "超过三个月仍未一审宣判",
            "Trial over limit",
            "审理超期",
            "No first-instance verdict within the 3-month limit after indictment",
            "起诉后超过三个月审理期限仍未一审宣判",
        ),
        AlertTerm(
            "no_lawyer_access",
            "No access to a lawyer",
            "无法会见律师",
            "No lawyer",
            "无律师",
            "No access to a lawyer",
            "无法会见律师",
        ),
        # Its sentence is a whole one of its own ("Release due on …"), made in core.alerts.
        AlertTerm(
            "release_due",
            "Release due",
            "应予释放",
            "Release due",
            "应予释放",
            "Release due",
            "应予释放",
        ),
    ]
}
ALERT_RULES: tuple[str, ...] = tuple(ALERT_TERMS)

# Alert certainty: a breach the dates prove, or one they allow but do not prove.
CERTAINTIES: dict[str, Term] = {
    t.id: t
    for t in [
        Term("certain", "Certain", "确定"),
        Term("possible", "Possible", "可能"),
    ]
}


def term_label(table: dict[str, Term], id_: str | None, lang: str = "en") -> str:
    """The label of `id_` in `table` in the reader's language; the id itself if unknown."""
    if id_ is None:
        return ""
    t = table.get(id_)
    return t.label(lang) if t else id_


# The family's consent to submissions in the person's name (a UN mechanism, for one).
CONSENT: dict[str, Term] = {
    t.id: t
    for t in [
        Term("given", "Given", "已同意"),
        Term("refused", "Refused", "不同意"),
        Term("not_asked", "Not asked yet", "尚未询问"),
    ]
}


def visible_to(sensitivity: str, audience: str) -> bool:
    """True when a record of `sensitivity` may reach `audience`."""
    return SENSITIVITY_RANK[sensitivity] <= AUDIENCE_CEILING[audience]


def _by_label(table: dict[str, Term]) -> dict[str, str]:
    out: dict[str, str] = {}
    for t in table.values():
        out[t.id.lower()] = t.id
        out[t.zh] = t.id
        out[t.en.lower()] = t.id
    return out


_EVENT_LOOKUP = _by_label(EVENT_TYPES)
_CHARGE_LOOKUP = _by_label(CHARGES)


def event_type_id(text: str) -> str | None:
    """An event type id from its id, English label or Chinese term; None if unknown."""
    return _EVENT_LOOKUP.get(text.strip().lower()) or _EVENT_LOOKUP.get(text.strip())


def charge_id(text: str) -> str | None:
    """A charge id from its id, English label or Chinese term; None if it is free text."""
    return _CHARGE_LOOKUP.get(text.strip().lower()) or _CHARGE_LOOKUP.get(text.strip())
