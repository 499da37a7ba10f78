"""Every fixed string the packet prints, in English and Simplified Chinese.

Vocabulary terms (statuses, event types, charges, audiences) come from
`dossier.core.vocab`; this table holds the packet's own words. `text(key, lang)`
raises KeyError for an unknown key so that a typo fails a test, not a print run.
"""

from __future__ import annotations

from datetime import date, timedelta

from dossier.core.dates import format_day
from dossier.core.facts import DayRange, DaysRange

LABELS: dict[str, tuple[str, str]] = {
    "packet": ("Briefing packet", "简报材料"),
    "issued_by": ("Issued by", "发布机构"),
    "date": ("Date", "日期"),
    "as_of": ("Facts as of", "事实截至"),
    "cases_n": ("Cases", "案例数"),
    "document": ("Document", "文件编号"),
    "contents": ("Contents", "目录"),
    "summary": ("Summary of cases", "案例概览"),
    "cases": ("Cases", "案例"),
    "reading_note": (
        "Days are counted up to the “facts as of” day. Where a date is known only "
        "roughly, counts are given as a range (for example “912–942 days”).",
        "天数计算至“事实截至”日期。日期不确切时，以区间表示（例如“912–942天”）。",
    ),
    "col_name": ("Name", "姓名"),
    "col_status": ("Status, since", "现状及起始"),
    "col_days": ("Days in custody", "羁押天数"),
    "col_charges": ("Charges", "罪名"),
    "col_sentence": ("Sentence", "刑期"),
    "col_alerts": ("Alerts", "警示"),
    "profile": ("Profile", "基本情况"),
    "other_names": ("Other names", "其他姓名"),
    "gender": ("Gender", "性别"),
    "born": ("Born", "出生"),
    "occupation": ("Occupation", "职业"),
    "nationality": ("Nationality", "国籍"),
    "relations": ("Related people", "相关人士"),
    "narrative": ("Background", "案情简介"),
    "standing": ("Where the case stands", "案件现状"),
    "status": ("Status", "现状"),
    "since": ("Since", "起始"),
    "in_custody": ("Days in custody", "羁押天数"),
    "custody_since": ("In custody since", "羁押起始"),
    "disappeared": ("Days disappeared", "失踪天数"),
    "house_arrest": ("Days under house arrest", "软禁天数"),
    "expected_release": ("Expected release", "预计释放"),
    "legal_stage": ("Legal stage", "诉讼阶段"),
    "custody": ("Custody", "羁押"),
    "whereabouts": ("Whereabouts", "下落"),
    "days_label": ("Days", "天数"),
    "political_rights": ("Political rights", "剥夺政治权利"),
    "basis": ("Legal basis", "法律依据"),
    "timeline": ("Timeline", "时间线"),
    "key_events": ("Key events", "重要事件"),
    "col_date": ("Date", "日期"),
    "col_event": ("Event", "事件"),
    "col_place": ("Place, authority", "地点、机关"),
    "col_note": ("Details", "详情"),
    "col_sources": ("Sources", "来源"),
    "concerns": ("Legal concerns", "法律问题"),
    "asks": ("Requests", "呼吁"),
    "to": ("To", "致"),
    "sources": ("Sources", "来源"),
    "confidential_source": ("Confidential source", "保密来源"),
    "no_events": ("No events recorded.", "无事件记录。"),
    "none": ("—", "—"),
    "ongoing": ("ongoing", "持续中"),
    "vague": ("date range (vague)", "日期范围（不确切）"),
    "event_mark": ("event", "事件"),
    "page": ("Page {n}", "第 {n} 页，"),
    "of_pages": ("of {n}", "共 {n} 页"),
    "more_chars": ("[… {n} more characters not printed]", "[…… 另有 {n} 个字符未打印]"),
    "photo_unreadable": ("(photo could not be read)", "（照片无法读取）"),
    "charges_label": ("Charges", "罪名"),
    "sentence_label": ("Sentence", "刑期"),
    "confidence": ("confidence", "可信度"),
    "days": ("{n} days", "{n}天"),
    "day": ("{n} day", "{n}天"),
    "days_range": ("{a}–{b} days", "{a}–{b}天"),
    "range": ("{a} – {b}", "{a}至{b}"),
    "before": ("before {d}", "{d}之前"),
    "after": ("after {d}", "{d}之后"),
    "until": ("until {d}", "至{d}"),
    "term": ("term", "刑期"),
    "colon": (": ", "："),
    "untranslated": ("[not translated]", "〔未译〕"),
    "conf_confirmed": ("confirmed", "已证实"),
    "conf_reported": ("reported", "据报道"),
    "conf_disputed": ("disputed", "有争议"),
    "key_asks": ("What we ask", "我们的呼吁"),
    "overview": ("Overview", "概况"),
    "ov_total": ("This packet covers {n} people", "本材料涉及{n}人"),
    "ov_standing": (". As of {d}: {parts}.", "。截至{d}：{parts}。"),
    "ov_disappeared": ("{n} disappeared, whereabouts unknown", "{n}人被迫失踪、下落不明"),
    "ov_rsdl": (
        "{n} held in “residential surveillance at a designated location”",
        "{n}人被指定居所监视居住",
    ),
    "ov_detained": ("{n} detained awaiting trial or verdict", "{n}人被羁押、等待审判或判决"),
    "ov_sentenced": ("{n} serving a sentence", "{n}人正在服刑"),
    "ov_house_arrest": ("{n} under house arrest", "{n}人遭软禁"),
    "ov_longest": (
        " The longest held, {name}, has been in custody for at least {n} days.",
        "羁押时间最长的是{name}，已被羁押至少{n}天。",
    ),
}

CONFIDENCE_WORDS = ("confirmed", "reported", "disputed")

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def is_zh(lang: str) -> bool:
    return lang.startswith("zh")


def text(key: str, lang: str = "en", **fmt: object) -> str:
    """The label `key` in `lang` (en or zh), with `{placeholders}` filled from `fmt`."""
    en, zh = LABELS[key]
    s = zh if is_zh(lang) else en
    return s.format(**fmt) if fmt else s


def days_text(r: DaysRange | None, lang: str = "en") -> str:
    """ "940 days", or "912–942 days" when vague dates leave the count open."""
    if r is None:
        return text("none", lang)
    if r.min == r.max:
        return text("day" if r.min == 1 else "days", lang, n=f"{r.min:,}")
    return text("days_range", lang, a=f"{r.min:,}", b=f"{r.max:,}")


# Days that stand for an open EDTF end ("../2016", "2015/..") are not worth printing.
_OPEN_BEFORE = date(1000, 1, 1)
_OPEN_AFTER = date(9000, 1, 1)


def range_text(r: DayRange | None, lang: str = "en") -> str:
    """A DayRange as short as it can be said: a day, "Oct 2015", "2015", or "a – b"."""
    if r is None:
        return text("none", lang)
    a, b = r.earliest, r.latest
    if a <= _OPEN_BEFORE:
        return (
            text("before", lang, d=format_day(b, lang)) if b < _OPEN_AFTER else text("none", lang)
        )
    if b >= _OPEN_AFTER:
        return text("after", lang, d=format_day(a, lang))
    if a == b:
        return format_day(a, lang)
    if a.day == 1 and (b.month, b.day) == (12, 31) and (a.month == 1) and a.year == b.year:
        return f"{a.year}年" if is_zh(lang) else str(a.year)
    if a.day == 1 and a.year == b.year and a.month == b.month and _last_of_month(b):
        return f"{a.year}年{a.month}月" if is_zh(lang) else f"{_MONTHS[a.month - 1]} {a.year}"
    return text("range", lang, a=format_day(a, lang), b=format_day(b, lang))


def _last_of_month(d: date) -> bool:
    return (d + timedelta(days=1)).month != d.month
