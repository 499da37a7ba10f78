"""The demo store: the five cases of the February 2018 joint letter of fifteen NGOs
asking UN member states to speak out before the 37th session of the Human Rights
Council — with the dates as the letter gives them and, beside them, what other
reports say, each with its source (PRODUCT.md). Public facts only."""

from __future__ import annotations

from dossier.core.model import Ask, Case, Event, Name, Relation, Source

from .dossier import Dossier

LETTER = Source(
    title="Joint NGO letter to UN member states ahead of HRC 37",
    publisher="Human Rights Watch, PEN America, International Campaign for Tibet, World Uyghur Congress and 11 other NGOs",
    date="2018-02",
    reliability="A",
    url="https://www.hrw.org/news/2018/02/05/joint-letter-un-member-states",
)
REPORTS = Source(
    title="Contemporaneous press and NGO reports",
    publisher="various",
    date="2015/2018",
    reliability="B",
)
FAMILY = Source(
    title="Family member (interview)",
    protected=True,
    sensitivity="confidential",
    reliability="B",
    note="Identity withheld to protect the family.",
)

COMMON_ASKS = [
    "Call for the immediate and unconditional release of those arbitrarily detained.",
    "Press for an end to 'residential surveillance at a designated location' (RSDL).",
    "Seek unhindered access for UN Special Rapporteurs; raise the case at the UPR of China (November 2018).",
]


def _ev(type_, date, src, **kw) -> Event:
    return Event(type=type_, date=date, source_ids=[src.id], **kw)


def _cases() -> list[Case]:
    L, R, F = LETTER, REPORTS, FAMILY
    return [
        Case(
            name="Liu Xia", names=[Name("刘霞", "zh-Hans")], tags=["writers", "laureate-family"],
            occupation="poet, artist",
            summary="Poet and artist, widow of Nobel Peace Prize laureate Liu Xiaobo. The letter "
            "describes her as under house arrest since his death in July 2017; other reports "
            "place it from October 2010, when the prize was announced. She left China in July 2018.",
            relations=[Relation(name="Liu Xiaobo (刘晓波)", relation="spouse",
                                note="Nobel Peace Prize 2010; died in custody 13 July 2017")],
            events=[
                _ev("house_arrest", "2010-10", R, place="Beijing", note="Placed under house arrest after the Nobel Peace Prize was announced for Liu Xiaobo (other reports)."),
                _ev("house_arrest", "2017-07", L, place="Beijing", note="The letter: under house arrest since her husband died in July 2017."),
                _ev("health_concern", "2018", F, note="Family reports severe depression.", sensitivity="restricted"),
                _ev("advocacy", "2018-02", L, note="Named in the joint NGO letter before HRC 37."),
                _ev("release", "2018-07-10", R, place="Beijing → Berlin", note="Allowed to leave China for Germany."),
            ],
        ),
        Case(
            name="Wang Quanzhang", names=[Name("王全璋", "zh-Hans")], tags=["lawyers", "709-crackdown"],
            occupation="human rights lawyer",
            summary="Rights lawyer taken in the '709' crackdown on lawyers. The letter says he has "
            "been forcibly disappeared since 9 July 2015; other reports give 10 July. His family "
            "has had no news of his whereabouts.",
            events=[
                _ev("disappearance", "2015-07-09", L, place="Beijing", note="The letter: forcibly disappeared since 9 July 2015."),
                _ev("disappearance", "2015-07-10", R, place="Beijing", note="Other reports give 10 July 2015.", confidence="disputed"),
                _ev("other", "2015-08-03", R, note="Reported formally detained on 3 August 2015; his family was never told where he was held.", confidence="reported"),
                _ev("lawyer_denied", "2016", R, note="Lawyers appointed by his family were repeatedly refused access."),
                _ev("advocacy", "2018-02", L, note="Named in the joint NGO letter before HRC 37."),
            ],
            asks=[Ask(text="Disclose his whereabouts and allow his family and lawyers of his choosing to meet him.", addressee="PRC authorities")],
        ),
        Case(
            name="Gui Minhai", names=[Name("桂民海", "zh-Hans")], tags=["publishers", "foreign-nationals"],
            nationality="Swedish", occupation="publisher, bookseller",
            summary="Swedish citizen and Hong Kong publisher, arbitrarily detained since his "
            "forced disappearance from Thailand in October 2015 (reported 17 October, Pattaya). "
            "Seized again from a train in January 2018 while travelling with Swedish diplomats.",
            events=[
                _ev("disappearance", "2015-10", L, place="Thailand", note="The letter: forced disappearance from Thailand in October 2015."),
                _ev("disappearance", "2015-10-17", R, place="Pattaya, Thailand", note="Reported taken from his flat on 17 October 2015."),
                _ev("release", "2017-10-17", R, place="Ningbo", note="Reported released, but kept under surveillance."),
                _ev("detention", "2018-01-20", R, place="train to Beijing", note="Seized by plain-clothes police in the presence of Swedish diplomats."),
                _ev("advocacy", "2018-02", L, note="Named in the joint NGO letter before HRC 37."),
            ],
            asks=[Ask(text="Allow Swedish consular access and his return to Sweden.", addressee="PRC authorities")],
        ),
        Case(
            name="Tashi Wangchuk",
            names=[Name("བཀྲ་ཤིས་དབང་ཕྱུག", "bo"), Name("扎西文色", "zh-Hans")],
            tags=["tibetans", "education"], occupation="Tibetan language education advocate",
            summary="Tibetan advocate for education in the Tibetan language, detained for two years "
            "at the time of the letter and awaiting sentence on a charge of 'inciting separatism' "
            "after speaking to The New York Times.",
            events=[
                _ev("detention", "2016-01-27", R, place="Yushu (Kyegudo)", note="Taken into custody (other reports)."),
                _ev("detention", "2016-01", L, note="The letter: detained two years, awaiting sentence."),
                _ev("arrest", "2016-03", R, charges=["inciting_separatism"], place="Yushu"),
                _ev("lawyer_denied", "2016-03", R, note="No access to a lawyer for months after arrest."),
                _ev("trial", "2018-01-04", R, place="Yushu Intermediate People's Court", charges=["inciting_separatism"]),
                _ev("advocacy", "2018-02", L, note="Named in the joint NGO letter before HRC 37."),
            ],
        ),
        Case(
            name="Yu Wensheng", names=[Name("余文生", "zh-Hans")], tags=["lawyers"],
            occupation="human rights lawyer",
            summary="Rights lawyer who defended others detained in the 709 crackdown; disbarred, then "
            "arbitrarily detained in January 2018 after calling for constitutional reform.",
            events=[
                _ev("disbarment", "2018-01", L, note="The letter: disbarred, then detained."),
                _ev("detention", "2018-01", L, place="Beijing", note="The letter: arbitrarily detained in January 2018."),
                _ev("detention", "2018-01-19", R, place="Beijing", note="Taken while walking his son to school (other reports).", charges=["obstructing_official_duty"]),
                _ev("rsdl", "2018-01-27", R, place="Xuzhou", note="Placed under RSDL (reported).", charges=["inciting_subversion"]),
                _ev("advocacy", "2018-02", L, note="Named in the joint NGO letter before HRC 37."),
            ],
            asks=[Ask(text="Restore his licence to practise law.", addressee="PRC authorities")],
        ),
    ]


def build_demo(d: Dossier) -> list[str]:
    """Fill an empty store with the demo cases; returns their ids in letter order."""
    for src in (LETTER, REPORTS, FAMILY):
        d.add_source(Source(**{k: getattr(src, k) for k in (
            "id", "title", "publisher", "date", "reliability", "url", "protected", "sensitivity", "note")}))  # fmt: skip
    ids = []
    for case in _cases():
        case.asks = [Ask(text=t, addressee="UN member states") for t in COMMON_ASKS] + case.asks
        for i, e in enumerate(case.events, start=1):
            e.seq = i
        d.add_case(case)
        ids.append(case.id)
    return ids
