"""The law the alerts cite: which article of which revision sets each limit.

Every alert carries its legal basis (issue #11), so a researcher can put the article
in front of a diplomat and a reader can check the rule. The limits below are those of
the PRC Criminal Procedure Law as revised on 26 October 2018 (in force that day);
article numbers follow that revision (the 2012 numbers differ by up to three). Checked
against the 2018 text (China Law Translate, "Criminal Procedure Law (2018)",
https://www.chinalawtranslate.com/en/criminal-procedure-law-2018/) and Chinese legal
commentary quoting arts. 85 and 91 of the 2018 text (64365.com, "刑事拘留通知家属",
https://m.64365.com/ask/14091544.aspx).

The limits and what they mean are written out in docs/cli.md "Timeline model".
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ALERT_BASIS",
    "Basis",
    "LAWS",
    "Limit",
    "LIMITS",
    "basis_text",
]

CPL_REVISION = 2018


@dataclass(frozen=True)
class Basis:
    """The legal basis an alert cites: a law, its revision year and article numbers.

    `law` is an id of core.law.LAWS ("CPL": the PRC Criminal Procedure Law); the
    sentences in both languages come from core.law.basis_text().
    """

    law: str
    revision: int
    articles: tuple[int, ...]

    def to_json(self) -> dict:
        return {"law": self.law, "revision": self.revision, "articles": list(self.articles)}


@dataclass(frozen=True)
class Law:
    id: str
    en: str
    zh: str


LAWS: dict[str, Law] = {
    "CPL": Law("CPL", "Criminal Procedure Law", "刑事诉讼法"),
    "CL": Law("CL", "Criminal Law", "刑法"),
}


@dataclass(frozen=True)
class Limit:
    """A time limit: `months` calendar months plus `days` days after the measure began."""

    months: int = 0
    days: int = 0

    @property
    def iso(self) -> str:
        y, m = divmod(self.months, 12)
        return (
            "P"
            + (f"{y}Y" if y else "")
            + (f"{m}M" if m else "")
            + (f"{self.days}D" if self.days else "")
        )


# Rule → (possible, certain): a measure longer than the first limit *may* breach the
# law (the dates cannot show whether the approvals or steps that stretch it happened);
# longer than the second it breaches it whatever was approved, short of the exceptional
# measures named in the basis text.
LIMITS: dict[str, tuple[Limit, Limit]] = {
    # art. 79: RSDL at most six months.
    "rsdl_over_limit": (Limit(months=6), Limit(months=6)),
    # art. 91: 3 days (+1 to 4, or up to 30 for roving, repeated or gang crimes) to ask
    # for approval of arrest, and 7 days for the procuratorate to decide: 30 + 7 = 37.
    "detention_over_limit": (Limit(days=37), Limit(days=37)),
    # arts. 85, 93 (and 75 for RSDL): family told within 24 hours.
    "disappeared_over_limit": (Limit(days=1), Limit(days=1)),
    # Arrest to indictment. Investigation: 2 months (art. 156), +1 (art. 156), +2
    # (art. 158), +2 (art. 159) = 7 months: past that the case may already be under
    # review for prosecution. Review: 1 month + 15 days (art. 172), and up to two returns
    # for supplementary investigation of 1 month each, each followed by a new review
    # (art. 175): 7 + 1½ + 2 × 2½ = 13½ months at the very most.
    "investigation_over_limit": (Limit(months=7), Limit(months=13, days=15)),
    # Indictment to verdict: 2 months, at the latest 3 (art. 208); a higher court may
    # extend by 3 months (art. 208, cases of art. 158): 6 months at the most without
    # the Supreme People's Court.
    "trial_over_limit": (Limit(months=3), Limit(months=6)),
}

ALERT_BASIS: dict[str, Basis] = {
    "rsdl_over_limit": Basis("CPL", CPL_REVISION, (79,)),
    "detention_over_limit": Basis("CPL", CPL_REVISION, (91,)),
    "disappeared_over_limit": Basis("CPL", CPL_REVISION, (75, 85, 93)),
    "investigation_over_limit": Basis("CPL", CPL_REVISION, (156, 158, 159, 172, 175)),
    "trial_over_limit": Basis("CPL", CPL_REVISION, (208,)),
    "no_lawyer_access": Basis("CPL", CPL_REVISION, (34, 39)),
    "release_due": Basis("CL", 1997, (47,)),
}

# What each basis says, in one sentence per language.
_BASIS_EN = {
    "rsdl_over_limit": "RSDL may last at most six months",
    "detention_over_limit": "criminal detention before arrest may last at most 37 days "
    "(3 days, extendable to 30, to request arrest, and 7 days to approve it)",
    "disappeared_over_limit": "the family must be told within 24 hours of detention, arrest "
    "or RSDL (exceptions for state security and terrorism cases, which end when they no "
    "longer hinder the investigation)",
    "investigation_over_limit": "custody for investigation after arrest: 2 months, "
    "extendable by 1 month (art. 156), 2 more (art. 158) and 2 more (art. 159): at most 7 "
    "months; then review for prosecution, 1 month + 15 days (art. 172), with at most two "
    "returns for 1 month of supplementary investigation and a new review each (art. 175): "
    "at most 13½ months from arrest to indictment, unless a newly found crime restarts "
    "the count (art. 160) or the NPC Standing Committee postpones the case (art. 157)",
    "trial_over_limit": "a first-instance verdict within 2 months of the court accepting a "
    "public prosecution, at the latest 3; a higher court may extend by 3 months in the "
    "cases of art. 158 (6 months in all); only the Supreme People's Court may allow more",
    "no_lawyer_access": "the right to defence counsel from the first interrogation or the "
    "first day of a compulsory measure (art. 34) and to meet counsel (art. 39)",
    "release_due": "pre-trial custody is credited against a fixed term, one day for one "
    "(Criminal Law art. 47)",
}
_BASIS_ZH = {
    "rsdl_over_limit": "指定居所监视居住最长不得超过六个月",
    "detention_over_limit": "拘留后提请批准逮捕最长三十日（通常三日，可延长一至四日），检察院七日内决定：最长三十七日",
    "disappeared_over_limit": "拘留、逮捕或指定居所监视居住后二十四小时以内通知家属（危害国家安全、恐怖活动案件的例外情形消失后应当立即通知）",
    "investigation_over_limit": "逮捕后侦查羁押期限二个月，可延长一个月（第156条）、再延长二个月（第158条）、再延长二个月（第159条）：最长七个月；审查起诉一个月，可延长半个月（第172条），退回补充侦查以二次为限、每次一个月并重新计算审查起诉期限（第175条）：逮捕至起诉最长十三个半月；另有重要罪行的重新计算（第160条），全国人大常委会批准延期审理的除外（第157条）",
    "trial_over_limit": "公诉案件受理后二个月以内宣判，至迟不得超过三个月；第158条情形经上一级法院批准可延长三个月（共六个月）；再延长须报最高人民法院批准",
    "no_lawyer_access": "自第一次讯问或采取强制措施之日起有权委托辩护人（第34条），并有权会见（第39条）",
    "release_due": "判决执行以前先行羁押的，羁押一日折抵刑期一日（刑法第47条）",
}


def _articles(b: Basis, zh: bool) -> str:
    arts = list(b.articles)
    law = LAWS[b.law]
    if zh:
        nums = "、".join(f"第{a}条" for a in arts)
        return f"《{law.zh}》（{b.revision}年修正）{nums}"
    word = "art." if len(arts) == 1 else "arts."
    return f"{law.en} ({b.revision} revision), {word} {', '.join(str(a) for a in arts)}"


def basis_citation(b: Basis, lang: str = "en") -> str:
    """ "Criminal Procedure Law (2018 revision), art. 79" / "《刑事诉讼法》（2018年修正）第79条"."""
    return _articles(b, lang.startswith("zh"))


def basis_text(b: Basis, lang: str = "en", rule: str | None = None) -> str:
    """The citation, and with `rule` what the article says: for `show` and the briefing."""
    zh = lang.startswith("zh")
    cite = _articles(b, zh)
    if rule is None:
        rule = next((r for r, x in ALERT_BASIS.items() if x == b), None)
    what = (_BASIS_ZH if zh else _BASIS_EN).get(rule or "")
    if not what:
        return cite
    return f"{cite}：{what}" if zh else f"{cite}: {what}"
