"""The words that name an event, a charge, a prison term or a verdict's outcome.

Readable tables rather than a model: each row is (event type id, pattern,
confidence). Types are the ids of `core.vocab` plus the issue #11 ids (deportation,
exile, controlled_release, family_visit, …) as plain strings. Where two rows match
overlapping words the longer match wins ("released on bail" is bail, not release;
"formally arrested" is arrest, "house arrest" is house arrest).

Sentences that only *ask* for something ("we call for his release", 呼吁释放) or deny
it ("has not been released", 尚未获释) produce no event: a wrong event is worse than
a missing one. Such words are listed by `blocked_by` so the review can say why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.core.errors import ValidationError
from dossier.core.sentence import normalize_sentence

from .model import Span
from .numerals import EN_WORDS, ZH_CHARS, number


@dataclass(frozen=True)
class Trigger:
    type: str
    span: Span
    confidence: float
    rule: str


_EN_TYPES: list[tuple[str, str, float]] = [
    (
        "disappearance",
        r"(?:was|were|has been|had been|have been)?\s*(?:forcibly\s+)?disappeared|went missing|"
        r"whereabouts (?:remain|remained|are|were|have been) unknown|"
        r"enforced disappearance|has not been (?:seen|heard from) since|lost contact with|"
        r"\bvanished\b|(?:was|were) last seen",
        0.85,
    ),
    (
        "detention",
        r"criminally detained|(?:placed|taken) (?:into|under) criminal detention|"
        r"(?:was|were|been|being)\s+(?:\w+\s+)?detained|(?:have|has|had)\s+detained|detained by (?:the )?police|"
        r"taken away by (?:the )?police|took\s+(?:[\w'’-]+\s+){1,8}?away|"
        r"seized by (?:state security|police)|(?:is|are|was|were|been)\s+taken away|"
        r"took (?:him|her|them) (?:in )?(?:for|into custody)|notice of (?:criminal )?detention|"
        r"(?:has|had|have) been (?:held )?in custody since",
        0.85,
    ),
    ("administrative_detention", r"administrative detention|administratively detained", 0.9),
    (
        "rsdl",
        r"residential surveillance (?:at|in) a designated (?:location|place|residence)|\bRSDL\b",
        0.95,
    ),
    (
        "arrest",
        r"formally arrested|(?:police|officers) arrested|(?:have|has|had) arrested|formal(?:ly)? arrest|approved (?:his|her|their) arrest|"
        r"(?:was|were|been) arrested|arrested on (?:suspicion|charges) of",
        0.85,
    ),
    (
        "indictment",
        r"indicted|(?:was|were) charged with|prosecutors? (?:charged|filed charges)|"
        r"case was (?:sent|transferred) to (?:the )?(?:procuratorate|prosecutors?)",
        0.8,
    ),
    (
        "trial",
        r"stood trial|\btried by\b|\bafter a (?:[\w-]+ )?trial\b|\btrial that lasted\b|(?:was|were|been)\s+(?:\w+\s+)?tried|trial (?:was held|took place|opened|began)|"
        r"(?:went|put) on trial|(?:closed|secret) trial",
        0.85,
    ),
    (
        "verdict",
        r"\bsentenced\b|\bjailed\b|convicted (?:him|her|them)|verdict was (?:handed down|announced|delivered)|"
        r"announced (?:its|the) verdict|\bhanded\b[^.;]{0,30}?\b(?:prison term|jail term|sentence)\b|"
        r"\bconvicted of\b|\bsentencing (?:him|her|them)\b|(?:found|find) (?:him|her|them) guilty|"
        r"(?:was|were) found guilty|"
        r"(?:was|were) convicted|handed (?:him|her|them) a \w+ sentence|received a suspended sentence|"
        r"exempted from criminal punishment|(?:was|were) acquitted",
        0.9,
    ),
    (
        "appeal",
        r"(?:rejected|dismissed|upheld|denied|heard) (?:his|her|their|the) appeal|appeal was "
        r"(?:rejected|dismissed|upheld|heard|denied)|upheld the (?:original )?(?:verdict|sentence)|"
        r"(?:lodged|filed) an appeal|appealed",
        0.85,
    ),
    (
        "release",
        r"(?:was|were|been|being) released|\band (?:later |then )?released\b|freed|released from prison|completed (?:his|her) sentence|"
        r"released (?:him|her|them)",
        0.85,
    ),
    (
        "bail",
        r"released on bail(?: pending trial)?|freed on bail|bail pending trial|granted bail|released on guarantee",
        0.9,
    ),
    ("house_arrest", r"house arrest|confined to (?:his|her|their) home", 0.9),
    (
        "controlled_release",
        r"remains? under (?:close |tight )?(?:surveillance|guard) (?:since|after) (?:his|her) release|"
        r"not allowed to return (?:to )?(?:his|her) home",
        0.75,
    ),
    ("surveillance", r"under (?:constant |close )?surveillance|monitored by (?:the )?police", 0.7),
    (
        "travel_ban",
        r"barred from (?:leaving|travelling|traveling)|(?:confiscated|seized) (?:his|her|their) passports?|(?:not )?(?:been )?(?:permitted|allowed) to leave|travel ban|passport (?:was )?(?:confiscated|seized)|"
        r"stopped at the border",
        0.8,
    ),
    (
        "disbarment",
        r"disbarred|licen[cs]e (?:to practi[cs]e )?(?:was )?(?:revoked|cancelled|suspended)|"
        r"(?:revoked|cancelled) (?:the |his |her )?(?:law |practising |practicing )?licen[cs]e",
        0.9,
    ),
    (
        "torture_allegation",
        r"tortured|torture|sleep deprivation|beaten in custody|forced to sit in a tiger chair",
        0.8,
    ),
    (
        "health_concern",
        r"health (?:has )?(?:deteriorated|worsened)|in poor health|seriously ill|"
        r"denied (?:medical|adequate medical) (?:care|treatment)",
        0.8,
    ),
    (
        "family_harassment",
        r"(?:family|relatives|wife|husband|son|daughter|mother|father|parents)[\s,]+"
        r"(?:[A-Z][\w'-]+[\s,]+){0,3}(?:was|were|have been|has been|had been) (?:repeatedly )?"
        r"(?:harassed|evicted|threatened|summoned|followed|placed under surveillance)",
        0.8,
    ),
    (
        "lawyer_denied",
        r"denied access to (?:a |his |her |their )?lawyers?|"
        r"lawyers?\b[^.;]{0,40}?(?:have|has|had|were|was) been (?:denied|refused|prevented)|"
        r"none of (?:the|them)[^.;]{0,30}?(?:has|have|was|were) (?:been )?allowed to (?:see|meet) "
        r"(?:a |any )?lawyers?|lawyers? (?:was|were|have been|has been) "
        r"(?:denied|refused|prevented)|without access to (?:a |his |her )?lawyers?|"
        r"refused to let (?:a |his |her )?lawyers? (?:meet|see|visit)|"
        r"(?:was|were) refused permission to (?:see|meet|visit) (?:him|her|them)|"
        r"lawyers?\b[^.;]{0,40}?(?:have|has|had|were|was) been turned away",
        0.85,
    ),
    (
        "lawyer_visit",
        r"lawyer (?:was (?:finally )?allowed to |finally )?(?:met|meet|visited|see|saw) (?:him|her|them)|"
        r"met (?:with )?(?:his|her|their) lawyer",
        0.8,
    ),
    (
        "family_visit",
        r"(?:family|relatives|wife|husband|son|daughter|mother|father) "
        r"(?:was|were) (?:finally )?allowed to (?:visit|see) (?:him|her)",
        0.8,
    ),
    (
        "family_visit_denied",
        r"denied (?:family )?visits by (?:his|her|their) family|"
        r"(?:has|have|had) not been (?:permitted|allowed) to (?:see|visit) (?:him|her)|"
        r"(?:family|relatives|wife|husband|son|daughter|mother|father)\s+"
        r"(?:has|have|was|were) (?:been )?(?:denied|refused) (?:visits|a visit|permission to visit|"
        r"any visits?)|no family visits?",
        0.85,
    ),
    (
        "consular_visit_denied",
        r"consular (?:access|visits?) (?:was|were|has been|have been) (?:denied|refused)|"
        r"denied consular (?:access|visits?)",
        0.9,
    ),
    ("consular_visit", r"consular (?:officials|officers) (?:visited|met)", 0.85),
    (
        "televised_confession",
        r"televised confession|confess(?:ed|ion)? (?:on|aired on|broadcast on) (?:state )?"
        r"(?:television|TV|CCTV)",
        0.9,
    ),
    (
        "deportation",
        r"(?:was|were) deported|deported (?:him|her|them)|expelled from (?:China|the country)",
        0.9,
    ),
    (
        "exile",
        r"(?:left|fled) (?:China|the country|for exile)|went into exile|lives? in exile",
        0.8,
    ),
    ("death", r"(?:has |had )?died|passed away|death in custody", 0.85),
]

_ZH_TYPES: list[tuple[str, str, float]] = [
    (
        "disappearance",
        r"被失踪|失踪|下落不明|失联|去向不明|不知道(?:他|她)被关在哪里|关押地点不明",
        0.85,
    ),
    (
        "detention",
        r"刑事拘留|被刑拘|刑拘|被拘留|被警方带走|被(?:国保|警察|公安)带走|带走|拘捕",
        0.85,
    ),
    ("administrative_detention", r"行政拘留", 0.9),
    (
        "lawyer_denied",
        r"(?:要求|申请)会见[^。]{0,30}?(?:被[^。]{0,24}?拒绝|遭拒|未获准)|未(?:被)?(?:允许|获准)会见[^。]{0,12}律师",
        0.85,
    ),
    ("rsdl", r"指定居所监视居住|指居", 0.95),
    ("arrest", r"批准逮捕|正式逮捕|被逮捕|批捕|逮捕", 0.9),
    ("indictment", r"提起公诉|被起诉|起诉|移送审查起诉|被控|被检控", 0.8),
    ("trial", r"开庭审理|开庭|庭审|受审|秘密审判", 0.85),
    ("verdict", r"一审判决|判处|被判|宣判|免予刑事处罚|宣告无罪", 0.9),
    ("appeal", r"驳回上诉|维持原判|提起上诉|上诉", 0.85),
    ("release", r"刑满释放|获释|被释放|释放|出狱", 0.85),
    ("bail", r"取保候审", 0.95),
    ("house_arrest", r"软禁|居家监控|(?:不能|不准|不让|不许)(?:他|她)?出门", 0.85),
    (
        "controlled_release",
        r"不准回家|不得回家|释放后(?:仍|依然|一直)(?:受到|被)(?:监控|看管)",
        0.8,
    ),
    ("surveillance", r"(?<!居所)监控|被监视|国保看守", 0.7),
    (
        "travel_ban",
        r"限制出境|禁止出境|边控|护照(?:于[^，。]{0,12})?被(?:没收|扣押)|没收了?(?:他|她|其)的?护照|"
        r"(?:不得|不准|不许)离开",
        0.85,
    ),
    ("disbarment", r"吊销了?[^，。]{0,12}?(?:律师)?执业证|注销(?:其)?律师执业证|吊照", 0.9),
    (
        "torture_allegation",
        r"酷刑|(?:遭到?|被)殴打|老虎凳|剥夺睡眠|只能睡[^。，]{0,6}小时|不让(?:他|她)?睡觉|连续审讯",
        0.8,
    ),
    (
        "health_concern",
        r"(?:健康|身体)(?:状况)?(?:恶化|堪忧|不佳)|病重|拒绝[^，。]{0,4}(?:就医|治疗)|患(?:上|有)?严重|"
        r"患有[^，。]{1,6}病|"
        r"保外就医[^。，]{0,4}(?:被拒|遭拒)",
        0.8,
    ),
    (
        "family_harassment",
        r"(?:家属|家人|母亲|父亲|妻子|丈夫|儿子|女儿)[^。；]{0,20}?(?:遭到|受到|被)(?:警方)?"
        r"(?:多次|[一二三四五六七八九十\d]+次)?(?:骚扰|威胁|约谈|跟踪|传唤)",
        0.8,
    ),
    (
        "lawyer_denied",
        r"(?:拒绝|不允许|不准|未能)(?:律师)?会见(?:律师)?|律师(?:会见)?(?:被拒|遭拒)",
        0.85,
    ),
    (
        "lawyer_visit",
        r"律师(?:终于|首次)?会见(?:了|到)|会见了律师|(?:第一次|首次|终于)会见了?(?:他|她)?|会见了(?:他|她)",
        0.8,
    ),
    (
        "family_visit_denied",
        r"(?:拒绝|不允许|不准)(?:家属|家人)(?:会见|探视|探望)|(?:家属|家人)(?:会见|探视)(?:被拒|遭拒)|"
        r"(?:家属|家人)被拒绝(?:会见|探视|探望)",
        0.85,
    ),
    ("family_visit", r"(?:家属|家人|妻子|母亲)(?:终于|首次)?(?:会见|探视|探望)(?:了|到)", 0.8),
    ("consular_visit_denied", r"拒绝领事探视|领事探视(?:被拒|遭拒)", 0.9),
    ("consular_visit", r"领事探视", 0.8),
    (
        "televised_confession",
        r"电视认罪|镜头前认罪|央视(?:播出|播放)(?:了)?(?:其|他|她)?(?:的)?认罪",
        0.9,
    ),
    ("deportation", r"驱逐出境|被遣返", 0.9),
    ("exile", r"流亡(?:海外|国外|到|至)|离开中国|出境(?!管理)", 0.75),
    ("death", r"去世|死亡|离世|病逝|死于", 0.85),
]

_EN_RULES = [(t, re.compile(p, re.IGNORECASE), c) for t, p, c in _EN_TYPES]
_ZH_RULES = [(t, re.compile(p), c) for t, p, c in _ZH_TYPES]

# Words that make an event not (yet) a fact: a request, a denial, a fear or a rumour.
_EN_NEG = re.compile(r"\b(?:not|never|no longer|yet to be)\b", re.IGNORECASE)
_EN_MODAL = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:on|for|upon)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|should|must|"
    r"ask(?:s|ed)? .{0,40}to|appeal(?:s|ed)? (?:to|for)|fear(?:s|ed)? (?:that|he|she|they)|could|would|(?-i:may)|might|"
    r"if|unless|risk(?:s)? (?:of|being)|release of)\b",
    re.IGNORECASE,
)
_ZH_NEG = re.compile(r"未|没有|尚未|仍未|不再|撤回了?|撤销了?")
_ZH_MODAL = re.compile(
    r"立即(?:无条件)?$|呼吁|要求(?!会见)|敦促|促请|应当|应该|应立即|担心|可能|如果|如不服|若|可在|可以|立即无条件"
)


def find_triggers(text: str, start: int, end: int, zh: bool) -> list[Trigger]:
    """Event words in text[start:end]; overlapping matches: the longest wins."""
    rules = _ZH_RULES if zh else _EN_RULES
    table = "Chinese" if zh else "English"
    found: list[Trigger] = []
    for t, rx, conf in rules:
        for m in rx.finditer(text, start, end):
            a, b = m.span()
            while a < b and text[a].isspace():
                a += 1
            found.append(Trigger(t, Span(a, b, text[a:b]), conf, f"{table} words for {t}"))
    found.sort(key=lambda tr: (-(tr.span.end - tr.span.start), tr.span.start))
    kept: list[Trigger] = []
    for tr in found:
        if any(tr.span.start < k.span.end and k.span.start < tr.span.end for k in kept):
            continue
        kept.append(tr)
    return sorted(kept, key=lambda tr: tr.span.start)


_EN_OTHER_SUBJECT = re.compile(
    r"\b(?:an?|the|one|two|several|many|other)\s+(?:[a-z-]+\s+){0,2}(?:who|that|which)\s*$"
)


def said_of_someone_else(text: str, trigger: Span, zh: bool) -> bool:
    """ "A classmate who died in custody", "死亡的同学": the event word describes someone
    the statement does not name, so it is no event of the person around it."""
    if zh:
        return text[trigger.end : trigger.end + 1] == "的"
    return bool(_EN_OTHER_SUBJECT.search(text[max(0, trigger.start - 60) : trigger.start]))


def blocked_by(
    text: str,
    sentence_start: int,
    clause_start: int,
    trigger: Span,
    zh: bool,
    names: tuple[Span, ...] = (),
) -> Span | None:
    """The words before an event word that make it a request (anywhere earlier in the
    sentence: "we call on the authorities …, and to release") or a denial (in its clause).
    Words inside a name do not count (若 in 谢若兰 is no "if")."""
    hit = None

    def outside(m: re.Match) -> bool:
        return not any(n.start <= m.start() < n.end for n in names)

    for m in (_ZH_MODAL if zh else _EN_MODAL).finditer(text, sentence_start, trigger.start):
        if outside(m):
            hit = m
    for m in (_ZH_NEG if zh else _EN_NEG).finditer(text, clause_start, trigger.start):
        if outside(m):
            hit = m
    if hit is None and zh:  # 未获释 / 没有释放: the negation sits right before the word
        m = re.search(
            r"(?:未|没有|尚未|仍未)$", text[max(clause_start, trigger.start - 3) : trigger.start]
        )
        if m:
            return Span(trigger.start - len(m.group(0)), trigger.start, m.group(0))
    if hit is None:
        return None
    return Span(hit.start(), hit.end(), hit.group(0))


# -- charges ----------------------------------------------------------------------------
_CHARGES: list[tuple[str, str]] = [
    (
        "inciting_subversion",
        r"inciting subversion(?: of state power)?|incitement to subvert(?: state power)?|"
        r"煽动颠覆国家政权|煽动颠覆",
    ),
    (
        "subversion",
        r"(?<!inciting )(?<!incitement to )subversion(?: of state power)?|(?<!煽动)颠覆国家政权",
    ),
    ("inciting_separatism", r"inciting separatism|incitement to split the country|煽动分裂国家"),
    ("separatism", r"(?<!inciting )separatism|splitting the country|(?<!煽动)分裂国家"),
    ("picking_quarrels", r"picking quarrels(?: and provoking trouble)?|寻衅滋事"),
    (
        "gathering_crowd",
        r"gathering a crowd to disturb (?:social|public) order|聚众扰乱(?:社会|公共场所)?秩序",
    ),
    ("illegal_business", r"illegal business (?:operations|activities)|非法经营"),
    (
        "providing_secrets_abroad",
        r"(?:illegally )?providing state secrets (?:or intelligence )?(?:abroad|to foreign)|"
        r"为境外(?:窃取|刺探|收买|非法提供)[^，。]{0,20}(?:国家秘密|情报)",
    ),
    ("obstructing_official_duty", r"obstructing (?:official|public) duty|妨害公务"),
    ("terrorism", r"terrorism|恐怖活动|宣扬恐怖主义"),
    ("fraud", r"\bfraud\b|诈骗"),
]
_CHARGE_RULES = [(c, re.compile(p, re.IGNORECASE)) for c, p in _CHARGES]


def find_charges(text: str, start: int, end: int) -> list[tuple[str, Span]]:
    out: list[tuple[str, Span]] = []
    for cid, rx in _CHARGE_RULES:
        for m in rx.finditer(text, start, end):
            if any(m.start() < s.end and s.start < m.end() for _, s in out):
                continue
            out.append((cid, Span(m.start(), m.end(), m.group(0))))
    return sorted(out, key=lambda x: x[1].start)


# -- prison terms and outcomes ------------------------------------------------------------
_N = rf"(?:\d+|{EN_WORDS})"
_TERM_EN = re.compile(
    rf"(?P<y>{_N})(?:[- ]and[- ]a[- ]half)?[- ]years?(?:\s+(?:and\s+)?(?P<m>{_N})\s+months?)?|"
    rf"(?P<mo>{_N})\s+months?|(?P<special>life imprisonment|life in prison|a life sentence|"
    r"death with (?:a )?(?:two-year )?reprieve|suspended death sentence|death sentence)",
    re.IGNORECASE,
)
_TERM_ZH = re.compile(
    rf"(?P<zh>有期徒刑[{ZH_CHARS}\d]+年(?:零?[{ZH_CHARS}\d]+个月)?|有期徒刑[{ZH_CHARS}\d]+个月|拘役[{ZH_CHARS}\d]+个月|"
    r"无期徒刑|死刑缓期(?:二年)?执行|死缓)"
)
_PROBATION = re.compile(
    rf"(?:suspended for|probation of|缓刑)\s*(?P<n>{_N}|[{ZH_CHARS}]+)\s*(?:years?|年)",
    re.IGNORECASE,
)
_OUTCOMES: list[tuple[str, re.Pattern]] = [
    ("exempt", re.compile(r"exempted from criminal punishment|免予刑事处罚", re.IGNORECASE)),
    ("acquitted", re.compile(r"acquitted|宣告无罪", re.IGNORECASE)),
    (
        "upheld",
        re.compile(
            r"upheld|rejected (?:his|her|their|the) appeal|dismissed (?:his|her|their|the) appeal|"
            r"appeal was (?:rejected|dismissed)|驳回上诉|维持原判",
            re.IGNORECASE,
        ),
    ),
    ("suspended", re.compile(r"suspended sentence|suspended for|缓刑", re.IGNORECASE)),
]


def find_term(text: str, start: int, end: int) -> tuple[str, Span] | None:
    """The first prison term in text[start:end], in canonical form, with its words."""
    m = _TERM_ZH.search(text, start, end)
    if m:
        try:
            return normalize_sentence(m.group("zh")), Span(m.start(), m.end(), m.group(0))
        except ValidationError:
            return None
    m = _TERM_EN.search(text, start, end)
    if not m:
        return None
    span = Span(m.start(), m.end(), m.group(0))
    if m.group("special"):
        s = m.group("special").lower()
        term = (
            "life"
            if "life" in s
            else "death-suspended"
            if ("reprieve" in s or "suspended" in s)
            else "death"
        )
        return term, span
    y = number(m.group("y") or "") or 0
    mo = number(m.group("m") or m.group("mo") or "") or 0
    if "half" in m.group(0).lower():
        mo += 6
    if not (y or mo):
        return None
    return "P" + (f"{y}Y" if y else "") + (f"{mo}M" if mo else ""), span


def find_probation(text: str, start: int, end: int) -> tuple[str, Span] | None:
    m = _PROBATION.search(text, start, end)
    if not m or number(m.group("n")) is None:
        return None
    return f"P{number(m.group('n'))}Y", Span(m.start(), m.end(), m.group(0))


def find_outcome(text: str, start: int, end: int) -> tuple[str, Span] | None:
    for oid, rx in _OUTCOMES:
        m = rx.search(text, start, end)
        if m:
            return oid, Span(m.start(), m.end(), m.group(0))
    return None
