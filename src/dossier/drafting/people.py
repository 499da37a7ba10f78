"""Finding the people a statement speaks of.

Two kinds of finding, each with the rule that made it:

* *Existing cases*, in any script or romanisation. Every case name is turned into the
  duplicate matcher's keys (`share.dedupe`: OpenCC to simplified, pypinyin, accents
  and hyphens dropped, family name first or last). Candidate stretches of the text —
  runs of two or three capitalised words, and runs of two to four Han characters —
  are keyed the same way; an equal key is a match (score 100), a key at least
  `dedupe.THRESHOLD` alike a likely one. A Han run matched only through pinyin to a
  Latin-only case is less sure (homophones), so its confidence is lower.
* *New names*, only where words around them say it is a person: a role before or
  after ("lawyer Wang Ming", "the Tibetan activist Tashi Dorje", 王明律师, 维权人士王明),
  a name in another script in brackets ("Wang Ming (王明)"), a title (Mr., Ms.), or
  a name as the subject of an event ("Wang Ming was detained", 王明于…被刑拘).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.share import dedupe

from .model import PersonMention, Span

_HAN = "\u3400-\u9fff"
_CAP = r"[A-Z][a-zA-Z'’\-]+"
_HAN_RX = re.compile("[\u3400-\u9fff]")
_LATIN_NAME = rf"(?P<name>{_CAP}(?:\s+{_CAP}){{1,2}})"
_ROLES_EN = (
    r"lawyer|attorney|activist|journalist|citizen journalist|blogger|pastor|dissident|writer|scholar|professor|"
    r"economist|petitioner|human rights defender|defender|rights defender|poet|artist|student|teacher|monk|nun|"
    r"academic|singer|musician|official|union leader|leader|unionist|organi[sz]er|founder|businessman|defendant|editor|lecturer|publisher|bookseller|labour activist|labor activist|feminist|entrepreneur|businessman|businesswoman|"
    r"wife|husband|son|daughter|mother|father|brother|sister|cousin|colleagues?|client|Mr\.?|Ms\.?|Mrs\.?|Dr\.?"
)
_PEOPLES = r"Tibetan|Uyghur|Uighur|Mongolian|Kazakh|Hui|Chinese|Hong Kong|Christian|Catholic|Falun Gong|Swedish|Canadian|Australian|British|American"
_ROLE_WORDS = {w.lower().rstrip("\\.?") for w in _ROLES_EN.split("|")}
_ROLE_BEFORE_EN = re.compile(
    rf"\b(?:(?P<det>(?i:the|a|an|his|her|their|our|my))\s+)?(?:(?:{_PEOPLES}|prominent|well-known|detained|missing|jailed|imprisoned|"
    rf"veteran|young|younger|elder|older|little|big|human rights|rights|labour|labor|land rights|environmental)\s+)*(?P<role>(?i:{_ROLES_EN}))\s*,?\s+{_LATIN_NAME}"
)
_ROLE_AFTER_EN = re.compile(
    rf"{_LATIN_NAME},\s+(?:an?|the|his|her)\s+(?:[\w-]+\s+){{0,4}}?(?P<role>{_ROLES_EN})\b"
)
_BRACKET = re.compile(rf"{_LATIN_NAME}\s*[(（]\s*(?P<native>[{_HAN}·]{{2,8}})\s*[)）]")
_BRACKET_ZH_FIRST = re.compile(
    rf"(?P<native>[{_HAN}·]{{2,4}})\s*[(（]\s*(?P<name>{_CAP}(?:\s+{_CAP}){{1,2}})\s*[)）]"
)
_SUBJECT_EN = re.compile(
    rf"(?:^|(?<=[,;:]\s)|(?<=\band\s)){_LATIN_NAME}(?=\s+(?:was|were|has|had|is|remains|went|died|stood|"
    rf"appeared|disappeared|left|vanished)\b|,\s*(?:\d{{1,3}}|an?|the|his|her)\b[^.;]{{0,60}}?,\s+(?:was|were|has|had|is)\b)"
)
_SURNAME_WORDS = {"He", "Du", "Mao", "An", "Bai", "Shi"}  # family names that are also English words
_NOT_NAMES = {
    "the",
    "police",
    "court",
    "state",
    "china",
    "chinese",
    "beijing",
    "shanghai",
    "tianjin",
    "people",
    "public",
    "security",
    "bureau",
    "intermediate",
    "higher",
    "supreme",
    "procuratorate",
    "ministry",
    "united",
    "nations",
    "human",
    "rights",
    "watch",
    "amnesty",
    "international",
    "we",
    "on",
    "in",
    "since",
    "after",
    "his",
    "her",
    "their",
    "this",
    "that",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "xinjiang",
    "tibet",
    "hong",
    "kong",
    "party",
    "communist",
    "national",
    "city",
    "province",
    "provincial",
    "municipal",
    "county",
    "district",
    "detention",
    "centre",
    "center",
    "prison",
    "signed",
    "signatories",
    "dear",
    "mr",
    "ms",
    "mrs",
    "dr",
    "a",
    "an",
    "it",
    "he",
    "she",
    "they",
    "family",
    "lawyers",
    "both",
    "two",
    "three",
    "all",
    "also",
    "later",
    "then",
    "authorities",
}

# Common family names (single and double), for Han names whose end is not marked.
SURNAMES_1 = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝浦"
)
SURNAMES_2 = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
}
_ZH_STOP = set("于在被已曾遭因以自从为是及向将与和等的了也都仍又称说日年月今去同其该律先女牧教记")
_ZH_ROLE_AFTER = r"律师|先生|女士|牧师|教授|记者|医生|博士|老师"
_ZH_ROLE_BEFORE = (
    r"维权律师|人权律师|律师|维权人士|人权捍卫者|活动人士|异见人士|公民记者|记者|牧师|作家|学者|教授|诗人|"
    r"(?:藏族|维吾尔族|蒙古族|哈萨克族)?(?:歌手|僧人|牧民|学者|作家|教师|商人)|工会领袖|领袖|藏人|藏族|维吾尔族|维吾尔人|蒙古族|被告人|上诉人|社运人士|上访者|访民|博主|网民|编辑|出版人|教师|学生|工人|僧人|喇嘛|"
    r"妻子|丈夫|儿子|女儿|母亲|父亲|哥哥|弟弟|姐姐|妹妹|当事人"
)
_ZH_FAMILY_ROLES = {"妻子", "丈夫", "儿子", "女儿", "母亲", "父亲", "哥哥", "弟弟", "姐姐", "妹妹"}
_ZH_NAME_BEFORE_ROLE = re.compile(rf"(?P<name>[{_HAN}]{{2,4}})(?P<role>{_ZH_ROLE_AFTER})")
_ZH_ROLE_THEN_NAME = re.compile(
    rf"(?P<det>我的|我|其|他的|她的)?(?P<role>{_ZH_ROLE_BEFORE})(?P<name>[{_HAN}·]{{2,12}})"
)
# "荣伟明的辩护律师", "莫佳丽的丈夫": whoever has a lawyer or a family is a person
_ZH_OF_RELATION = re.compile(
    rf"(?P<name>[{_HAN}]{{2,4}})的(?:辩护律师|代理律师|律师|妻子|丈夫|母亲|父亲|女儿|儿子|家人|家属)"
)
# Where a name without a Chinese family name (次仁旺堆, 伊力哈木·土赫提) ends: before these.
_ZH_NAME_END = re.compile(r"于|在|被|已|曾|遭|因|自|从|的|有期|无期|和|与|、|等|说|表示|称|至今|$")
_ZH_PROFESSIONS = (
    "歌手",
    "僧人",
    "牧民",
    "喇嘛",
    "活佛",
    "学者",
    "作家",
    "诗人",
    "教师",
    "活动人士",
    "维权人士",
    "商人",
)
_ZH_NOT_NAME = re.compile(r"团体|组织|消息|人士|机构|政府|法院|当局|公安|警方|家属|律师|我们")
# "我是巴图额尔敦的女儿": the writer's relative, whatever the form of the name
_ZH_WRITER_OF = re.compile(
    rf"(?:我是|我叫[{_HAN}]{{2,4}}，是)(?P<name>[{_HAN}·]{{2,8}}?)的(?P<rel>女儿|儿子|妻子|丈夫|母亲|父亲)"
)
_WRITER_ALIAS = {
    "女儿": "父亲",
    "儿子": "父亲",
    "妻子": "丈夫",
    "丈夫": "妻子",
    "母亲": "孩子",
    "父亲": "孩子",
}
_ZH_AND_NAME = re.compile(rf"(?P<join>和|与|、|及)(?P<name>[{_HAN}]{{2,4}})")
_ZH_SUBJECT = re.compile(
    rf"(?:^|(?<=[，。；：、\s]))(?P<name>[{_HAN}]{{2,4}})(?=于|在|被|已|曾|遭|因|自|从|至今|是一名|是一位)"
)


@dataclass(frozen=True)
class Known:
    """An existing case, reduced to what matching needs."""

    id: str
    name: str
    names: tuple[str, ...] = ()


def _han_name(run: str, from_end: bool) -> str | None:
    """A plausible Han personal name at the start (or end) of `run`: surname + 1–2."""
    if from_end:
        for n in (3, 2, 4):
            cand = run[-n:]
            if len(cand) == n and _surname_ok(cand):
                return cand
        return None
    for sur in (run[:2], run[:1]):
        if sur in SURNAMES_2 or (len(sur) == 1 and sur in SURNAMES_1):
            rest = run[len(sur) :]
            given = rest[:2]
            if len(given) == 2 and given[1] in _ZH_STOP:
                given = given[:1]
            if given and given[0] not in _ZH_STOP:
                return sur + given
    return None


_TITLE_END = ("律师", "医生", "先生", "女士", "老师", "教授", "牧师", "记者")


def _surname_ok(cand: str) -> bool:
    if cand.endswith(_TITLE_END):
        return False  # 沈医生 is "Dr Shen", not a name
    if cand[:2] in SURNAMES_2:
        return len(cand) in (3, 4)
    return (
        cand[0] in SURNAMES_1 and len(cand) in (2, 3) and not any(c in _ZH_STOP for c in cand[1:])
    )


def _trim(start: int, name: str) -> tuple[int, str]:
    """ "Lawyer Zhou Lanfeng" → "Zhou Lanfeng": leading role and common words are no name."""
    words = name.split()
    while len(words) > 2 and words[0].lower().rstrip(".") in _NOT_NAMES | _ROLE_WORDS:
        cut = name.index(words[1], len(words[0]))
        start, name, words = start + cut, name[cut:], words[1:]
    return start, name


def _latin_ok(name: str, role: bool = False) -> bool:
    """Not a run of ordinary capitalised words; after a role word, "He Zhiyuan" is a name."""
    words = name.split()
    ok = [
        w.lower().strip("'’-.") not in _NOT_NAMES | _ROLE_WORDS
        or (role and i == 0 and w in _SURNAME_WORDS)
        for i, w in enumerate(words)
    ]
    return all(ok) and len(words) >= 2


def _overlapping(rx: re.Pattern, text: str, start: int, end: int):
    """Matches of rx that may overlap: the next search starts one character after the
    role word, so "上访者徐婉清和博主何志远" yields both names."""
    pos = start
    while True:
        m = rx.search(text, pos, end)
        if m is None:
            return
        yield m
        pos = m.end("role")


class PeopleFinder:
    """Finds person mentions in sentences, matching them against existing cases."""

    def __init__(self, known: list[Known]) -> None:
        self.known = known
        self._by_key: dict[str, Known] = {}
        for k in known:
            for key in dedupe.case_keys(dedupe.CaseNames(k.id, k.name, tuple(k.names))):
                self._by_key.setdefault(key, k)
        self._keys = list(self._by_key)
        # Han forms (simplified) of known names, so that most runs of the text need no pinyin
        self._han: dict[str, Known] = {}
        self._latin_only = False
        for k in known:
            forms = [f for f in (k.name, *k.names) if re.search(f"[{_HAN}]", f)]
            for f in forms:
                self._han.setdefault(dedupe._t2s().convert(f), k)
            self._latin_only = self._latin_only or not forms

    def match(self, form: str) -> tuple[Known, int] | None:
        """The existing case a written name belongs to, with the match score."""
        keys = dedupe.keys_of(form)
        for key in keys:
            if key in self._by_key:
                return self._by_key[key], 100
        if not self._keys:
            return None
        from rapidfuzz import fuzz, process

        best = None
        for key in keys:
            if len(key) < 4:
                continue
            got = process.extractOne(
                key, self._keys, scorer=fuzz.ratio, score_cutoff=dedupe.THRESHOLD
            )
            if got and (best is None or got[1] > best[1]):
                best = (self._by_key[got[0]], int(got[1]))
        return best

    def find(self, text: str, start: int, end: int, zh: bool) -> list[PersonMention]:
        out: list[PersonMention] = []

        def add(
            a: int,
            b: int,
            name: str,
            rule: str,
            conf: float,
            role: str | None = None,
            native: str | None = None,
            span: tuple[int, int] | None = None,
        ) -> None:
            s = Span(a, b, text[a:b])
            for old in out:
                if a < old.span.end and old.span.start < b:
                    old.role = old.role or role  # a role said of a name already found
                    return
            hit = self.match(name) or (self.match(native) if native else None)
            m = PersonMention(s, name, native, role, rule=rule, confidence=conf)
            if hit:
                m.case_id, m.case_name, m.score = hit[0].id, hit[0].name, hit[1]
                if hit[1] < 100:
                    m.confidence = min(m.confidence, 0.7)
            out.append(m)

        for m in _BRACKET.finditer(text, start, end):
            a, name = _trim(m.start("name"), m.group("name"))
            if len(name.split()) >= 2 or not name:
                add(a, m.end(), name, "name (中文名)", 0.95, native=m.group("native"))
        for m in _BRACKET_ZH_FIRST.finditer(text, start, end):
            add(
                m.start(), m.end(), m.group("name"), "中文名 (name)", 0.95, native=m.group("native")
            )
        self._existing(text, start, end, add)
        for m in _ROLE_BEFORE_EN.finditer(text, start, end):
            if _latin_ok(m.group("name"), role=True):
                role = m.group("role").lower().rstrip(".")
                if (m.group("det") or "").lower() in ("my", "our"):
                    role = f"{m.group('det').lower()} {role}"  # the writer's own: the account's subject
                add(
                    m.start("name"),
                    m.end("name"),
                    m.group("name"),
                    f"role before: {role}",
                    0.9,
                    role,
                )
        for m in _ROLE_AFTER_EN.finditer(text, start, end):
            if _latin_ok(m.group("name"), role=True):
                role = m.group("role").lower()
                add(
                    m.start("name"),
                    m.end("name"),
                    m.group("name"),
                    f"role after: {role}",
                    0.85,
                    role,
                )
        sub = text[start:end]
        for m in _SUBJECT_EN.finditer(sub):
            a, name = _trim(start + m.start("name"), m.group("name"))
            if _latin_ok(name):
                add(a, start + m.end("name"), name, "subject of an event", 0.7)
        if zh or re.search(f"[{_HAN}]", text[start:end]):
            self._zh(text, start, end, add, out)
        return sorted(out, key=lambda p: p.span.start)

    def _existing(self, text: str, start: int, end: int, add) -> None:
        """Names of existing cases as written in the text: Latin runs and Han runs."""
        for m in re.finditer(rf"{_CAP}(?:[\s-]+{_CAP}){{1,2}}", text[start:end]):
            a, b = start + m.start(), start + m.end()
            words = m.group(0).split()
            # try the longest run first, then its two-word pieces
            pieces = [(a, b, m.group(0))]
            if len(words) == 3:
                i = m.group(0).index(words[1])
                pieces += [
                    (a, a + i + len(words[1]), " ".join(words[:2])),
                    (a + i, b, " ".join(words[1:])),
                ]
            for pa, pb, form in pieces:
                if self.match(form):
                    add(pa, pb, form, "existing case", 0.95)
                    break
        for m in re.finditer(f"[{_HAN}]{{2,}}", text[start:end]):
            run, base = m.group(0), start + m.start()
            i = 0
            while i < len(run) - 1:
                for n in (4, 3, 2):
                    cand = run[i : i + n]
                    if len(cand) < n:
                        continue
                    hit = self._han_hit(cand)
                    if hit:
                        add(base + i, base + i + n, cand, "existing case", hit)
                        i += n - 1
                        break
                i += 1

    def _han_hit(self, cand: str) -> float | None:
        """Confidence that a Han run is an existing case's name (None: it is not)."""
        simplified = dedupe._t2s().convert(cand)
        if simplified in self._han:
            return 0.95
        if not self._latin_only or not (
            simplified[:2] in SURNAMES_2 or simplified[0] in SURNAMES_1
        ):
            return None
        keys = dedupe.keys_of(cand)
        k = self._by_key.get(keys[0]) if keys else None
        if k is None or any(re.search(f"[{_HAN}]", f) for f in (k.name, *k.names)):
            return None  # no such name, or the case has a Han name and it is another one
        return 0.6  # same pinyin as a Latin-only case: homophones are possible

    def _zh(self, text: str, start: int, end: int, add, out_ref: list[PersonMention]) -> None:
        for m in _ZH_NAME_BEFORE_ROLE.finditer(text, start, end):
            name = _han_name(m.group("name"), from_end=True)
            if name:
                b = m.start("role")
                add(b - len(name), b, name, f"name before {m.group('role')}", 0.85, m.group("role"))
        for m in _overlapping(_ZH_ROLE_THEN_NAME, text, start, end):
            name = _han_name(m.group("name"), from_end=False)
            if name:
                a = m.start("name")
                role = m.group("role")
                if m.group("det") in ("我的", "我"):
                    role = "我的" + role
                add(a, a + len(name), name, f"{role} + name", 0.85, role)
            elif m.group("role").endswith(_ZH_PROFESSIONS):
                run = m.group("name")
                cut = _ZH_NAME_END.search(run, 2)
                name = run[: cut.start()] if cut else run
                if (
                    2 <= len(name.replace("·", "")) <= 11
                    and not _ZH_NOT_NAME.search(name)
                    and name[0] not in _ZH_STOP
                ):
                    a = m.start("name")
                    add(a, a + len(name), name, f"{m.group('role')} + name", 0.8, m.group("role"))
        for m in _ZH_OF_RELATION.finditer(text, start, end):
            name = _han_name(m.group("name"), from_end=True)
            if name:
                b = m.end("name")
                add(b - len(name), b, name, "…的律师 / …的家人", 0.75)
        for m in _ZH_WRITER_OF.finditer(text, start, end):
            a = m.start("name")
            add(
                a,
                a + len(m.group("name")),
                m.group("name"),
                f"我是…的{m.group('rel')}",
                0.85,
                "我的" + _WRITER_ALIAS[m.group("rel")],
            )
        for m in _ZH_AND_NAME.finditer(text, start, end):
            if not any(o.span.end == m.start() and _HAN_RX.match(o.name) for o in out_ref):
                continue
            name = _han_name(m.group("name"), from_end=False)
            if name:
                a = m.start("name")
                add(a, a + len(name), name, "named with another person", 0.8)
        for m in _ZH_SUBJECT.finditer(text[start:end]):
            name = _han_name(m.group("name"), from_end=True)
            if name and m.group("name").endswith(name):
                b = start + m.end("name")
                add(b - len(name), b, name, "subject of an event", 0.7)


FAMILY_ROLES = {
    "wife",
    "husband",
    "son",
    "daughter",
    "mother",
    "father",
    "brother",
    "sister",
} | _ZH_FAMILY_ROLES
LAWYER_ROLES = {"lawyer", "attorney", "律师", "维权律师", "人权律师"}
