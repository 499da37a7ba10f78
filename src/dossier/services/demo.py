"""The demo store: the five cases of the February 2018 joint letter of fifteen NGOs
asking UN member states to speak out before the 37th session of the Human Rights
Council — with the dates as the letter gives them and, beside them, what other
reports say, each with its source (PRODUCT.md). Public facts only.

The cases are brought up to what is publicly known today (issue #11 item 9): every
event after the letter cites a public report (`demo_sources`), carries the day it
became known where that differs (`reported`), and a vague date where the report
gives no day. The store opens as of the letter's day, 5 February 2018, so the story
starts where the letter stood; *Today* in the window shows how it went on."""

from __future__ import annotations

from datetime import date

from dossier.core.model import Ask, Case, Event, Name, Relation, Source

from . import demo_sources as S
from .dossier import Dossier

LETTER_DAY = date(2018, 2, 5)  # the letter's date: the demo opens as of this day
LETTER, REPORTS, FAMILY = S.LETTER, S.REPORTS, S.FAMILY

COMMON_ASKS = [
    "Call for the immediate and unconditional release of those arbitrarily detained.",
    "Press for an end to 'residential surveillance at a designated location' (RSDL).",
    "Seek unhindered access for UN Special Rapporteurs; raise the case at the UPR of China (November 2018).",
]


def _ev(type_, date, src, **kw) -> Event:
    return Event(type=type_, date=date, source_ids=[src.id], **kw)


def _liu_xia() -> Case:
    L, R, F = LETTER, REPORTS, FAMILY
    return Case(
        name="Liu Xia",
        names=[Name("刘霞", "zh-Hans")],
        tags=["writers", "laureate-family"],
        occupation="poet, artist",
        summary="Poet and artist, widow of Nobel Peace Prize laureate Liu Xiaobo. The letter "
        "describes her as under house arrest since his death in July 2017; other reports "
        "place it from October 2010, when the prize was announced. She left China for "
        "Germany on 10 July 2018, never having been charged.",
        relations=[
            Relation(
                name="Liu Xiaobo (刘晓波)",
                relation="spouse",
                note="Nobel Peace Prize 2010; died in custody 13 July 2017",
            )
        ],
        events=[
            _ev(
                "house_arrest",
                "2010-10",
                R,
                place="Beijing",
                note="Placed under house arrest after the Nobel Peace Prize was announced for Liu Xiaobo (other reports).",
            ),
            _ev(
                "house_arrest",
                "2017-07",
                L,
                place="Beijing",
                note="The letter: under house arrest since her husband died in July 2017.",
            ),
            _ev(
                "health_concern",
                "2018",
                F,
                note="Family reports severe depression.",
                sensitivity="restricted",
            ),
            _ev("advocacy", "2018-02", L, note="Named in the joint NGO letter before HRC 37."),
            _ev(
                "exile",
                "2018-07-10",
                S.LX_EXILE,
                place="Beijing → Helsinki → Berlin",
                whereabouts="known",
                note="Left Beijing on a Finnair flight for Germany, via Helsinki, for medical treatment; "
                "she had never been charged.",
            ),
        ],
    )


def _wang_quanzhang() -> Case:
    L, R = LETTER, REPORTS
    return Case(
        name="Wang Quanzhang",
        names=[Name("王全璋", "zh-Hans")],
        tags=["lawyers", "709-crackdown"],
        occupation="human rights lawyer",
        summary="Rights lawyer taken in the '709' crackdown on lawyers. The letter says he has "
        "been forcibly disappeared since 9 July 2015; other reports give 10 July. His family "
        "had no news of his whereabouts until after his closed trial in December 2018. Sentenced "
        "in January 2019 to 4½ years for subversion; released in April 2020 into a guarded "
        "'quarantine' in Jinan, away from his wife and son in Beijing.",
        # The same summary in Chinese (a translation of the sentences above, nothing more):
        # the Chinese window and a Chinese packet show it instead of the English.
        translations={
            "summary": {
                "zh": (
                    "在针对律师的“709大抓捕”中被带走的维权律师。联名信称他自2015年7月9日起遭强迫失踪；"
                    "另有报道称是7月10日。直到2018年12月不公开庭审之后，家属才得知他的下落。2019年1月"
                    "以颠覆国家政权罪被判处有期徒刑四年六个月；2020年4月获释后被置于济南一处有人看守的"
                    "“隔离”场所，不能与在北京的妻儿团聚。"
                )
            }
        },
        relations=[
            Relation(
                name="Li Wenzu (李文足)",
                relation="spouse",
                note="Marched from Beijing to Tianjin in April 2018 to ask where he was held.",
            ),
            Relation(
                name="Lawyers retained by his family",
                relation="lawyer",
                role="family_appointed",
                note="Never allowed to meet him before his trial (Human Rights in China, 9 April 2018); "
                "the source does not name them here.",
            ),
        ],
        events=[
            _ev(
                "disappearance",
                "2015-07-09",
                L,
                place="Beijing",
                note="The letter: forcibly disappeared since 9 July 2015.",
            ),
            _ev(
                "disappearance",
                "2015-07-10",
                R,
                place="Beijing",
                note="Other reports give 10 July 2015.",
                confidence="disputed",
            ),
            _ev(
                "other",
                "2015-08-03",
                R,
                note="Reported formally detained on 3 August 2015; his family was never told where he was held.",
                confidence="reported",
            ),
            _ev(
                "arrest",
                "2016-01-08",
                S.WQZ_MARCH,
                charges=["subversion"],
                whereabouts="unknown",
                authority="Tianjin Public Security Bureau",
                note="Arrested by the Tianjin police; his family and the lawyers they retained were still not allowed to see him.",
            ),
            _ev(
                "lawyer_denied",
                "2016",
                R,
                note="Lawyers appointed by his family were repeatedly refused access.",
            ),
            _ev(
                "indictment",
                "2017-02",
                S.WQZ_MARCH,
                charges=["subversion"],
                whereabouts="unknown",
                note="Indicted for subversion of state power (month only in the source).",
            ),
            _ev("advocacy", "2018-02", L, note="Named in the joint NGO letter before HRC 37."),
            _ev(
                "trial",
                "2018-12-26",
                S.WQZ_TRIAL,
                charges=["subversion"],
                whereabouts="unknown",
                court="Tianjin No. 2 Intermediate People's Court",
                note="One-day trial closed to observers; his wife was kept from leaving home to attend.",
            ),
            _ev(
                "verdict",
                "2019-01-28",
                S.WQZ_VERDICT,
                charges=["subversion"],
                sentence="P4Y6M",
                outcome="custodial",
                political_rights="P5Y",
                court="Tianjin No. 2 Intermediate People's Court",
                note="Four years and six months in prison and five years' deprivation of political rights.",
            ),
            _ev(
                "imprisonment",
                "2019-04-29",
                S.WQZ_PRISON,
                facility="Linyi Prison, Shandong",
                reported="2019-05-02",
                whereabouts="known",
                note="Moved to Linyi Prison; his sister learnt it by letter three days later, and visits were at first refused.",
            ),
            _ev(
                "family_visit",
                "2019-06-28",
                S.WQZ_VISIT,
                facility="Linyi Prison, Shandong",
                whereabouts="known",
                note="His wife, son and sister saw him for the first time since 2015, for about half an hour, guards present.",
            ),
            _ev(
                "controlled_release",
                "2020-04-05",
                S.WQZ_RELEASE,
                place="Jinan, Shandong",
                facility="Linyi Prison, Shandong",
                whereabouts="known",
                note="Released at the end of his sentence, then sent to Jinan for a 14-day 'quarantine' under police "
                "guard, kept from returning to his wife and son in Beijing; his calls were limited.",
            ),
        ],
        asks=[
            Ask(
                text="Disclose his whereabouts and allow his family and lawyers of his choosing to meet him.",
                addressee="PRC authorities",
            )
        ],
    )


def _gui_minhai() -> Case:
    L, R = LETTER, REPORTS
    return Case(
        name="Gui Minhai",
        names=[Name("桂民海", "zh-Hans")],
        tags=["publishers", "foreign-nationals"],
        nationality="Swedish",
        occupation="publisher, bookseller",
        summary="Swedish citizen and Hong Kong publisher, arbitrarily detained since his "
        "forced disappearance from Thailand in October 2015 (reported 17 October, Pattaya). "
        "Seized again from a train in January 2018 while travelling with Swedish diplomats; "
        "sentenced in February 2020 to ten years, without Swedish consular access.",
        events=[
            _ev(
                "disappearance",
                "2015-10",
                L,
                place="Thailand",
                note="The letter: forced disappearance from Thailand in October 2015.",
            ),
            _ev(
                "disappearance",
                "2015-10-17",
                R,
                place="Pattaya, Thailand",
                note="Reported taken from his flat on 17 October 2015.",
            ),
            _ev(
                "televised_confession",
                "2016-01-17",
                S.GM_CONFESSION,
                whereabouts="unknown",
                note="Shown on CCTV saying he had returned of his own will over a 2003 traffic death, and asking Sweden not to intervene.",
            ),
            _ev(
                "controlled_release",
                "2017-10-17",
                R,
                place="Ningbo",
                note="Reported released, but kept under surveillance.",
            ),
            _ev(
                "detention",
                "2018-01-20",
                R,
                place="train to Beijing",
                note="Seized by plain-clothes police in the presence of Swedish diplomats.",
            ),
            _ev("advocacy", "2018-02", L, note="Named in the joint NGO letter before HRC 37."),
            _ev(
                "verdict",
                "2020-02-24",
                S.GM_VERDICT,
                charges=["providing_secrets_abroad"],
                sentence="P10Y",
                outcome="custodial",
                political_rights="P5Y",
                court="Ningbo Intermediate People's Court",
                reported="2020-02-25",
                note="Ten years for 'illegally providing intelligence abroad' and five years' deprivation of political "
                "rights; handed down on the Monday, made public the next day. The court said he had regained Chinese "
                "citizenship in 2018 and would not appeal.",
            ),
            _ev(
                "consular_visit_denied",
                "2020-02",
                S.GM_AMNESTY,
                note="Sentenced without access to his family, a lawyer of his choice or Swedish consular officials (month only).",
            ),
        ],
        asks=[
            Ask(
                text="Allow Swedish consular access and his return to Sweden.",
                addressee="PRC authorities",
            )
        ],
    )


def _tashi_wangchuk() -> Case:
    L, R = LETTER, REPORTS
    return Case(
        name="Tashi Wangchuk",
        names=[Name("བཀྲ་ཤིས་དབང་ཕྱུག", "bo"), Name("扎西文色", "zh-Hans")],
        tags=["tibetans", "education"],
        occupation="Tibetan language education advocate",
        summary="Tibetan advocate for education in the Tibetan language, detained for two years "
        "at the time of the letter and awaiting sentence on a charge of 'inciting separatism' "
        "after speaking to The New York Times. Sentenced to five years in May 2018; released "
        "on 28 January 2021, his political rights withheld for five more years.",
        relations=[
            Relation(
                name="Liang Xiaojun",
                relation="lawyer",
                note="Defence lawyer at the trial and the verdict (The Tibet Post, 22 May 2018).",
            ),
            Relation(
                name="Lin Qilei",
                relation="lawyer",
                note="Defence lawyer at the verdict (The Tibet Post, 22 May 2018).",
            ),
        ],
        events=[
            _ev(
                "detention",
                "2016-01-27",
                R,
                place="Yushu (Kyegudo)",
                note="Taken into custody (other reports).",
            ),
            _ev(
                "detention", "2016-01", L, note="The letter: detained two years, awaiting sentence."
            ),
            _ev("arrest", "2016-03", R, charges=["inciting_separatism"], place="Yushu"),
            _ev(
                "lawyer_denied", "2016-03", R, note="No access to a lawyer for months after arrest."
            ),
            _ev(
                "trial",
                "2018-01-04",
                R,
                place="Yushu Intermediate People's Court",
                charges=["inciting_separatism"],
            ),
            _ev("advocacy", "2018-02", L, note="Named in the joint NGO letter before HRC 37."),
            _ev(
                "verdict",
                "2018-05-22",
                S.TW_VERDICT,
                charges=["inciting_separatism"],
                sentence="P5Y",
                outcome="custodial",
                political_rights="P5Y",
                court="Yushu Tibetan Autonomous Prefecture Intermediate People's Court",
                note="Five years for 'inciting separatism', time in detention counted; five years' deprivation of "
                "political rights (USCIRF). His lawyers could not attend.",
            ),
            _ev(
                "appeal",
                "2018-08-13",
                S.TW_USCIRF,
                outcome="upheld",
                court="Qinghai High People's Court",
                note="Appeal rejected.",
            ),
            _ev(
                "release",
                "2021-01-28",
                S.TW_RELEASE,
                place="Trindu (Chenduo), Yushu",
                whereabouts="known",
                note="Released at the end of his sentence and brought to his family in Trindu; his lawyer, unable to "
                "reach the family, was not sure how free he is.",
            ),
        ],
    )


def _yu_wensheng() -> Case:
    L, R = LETTER, REPORTS
    return Case(
        name="Yu Wensheng",
        names=[Name("余文生", "zh-Hans")],
        tags=["lawyers"],
        occupation="human rights lawyer",
        summary="Rights lawyer who defended others detained in the 709 crackdown; disbarred, then "
        "arbitrarily detained in January 2018 after calling for constitutional reform. Sentenced "
        "in June 2020 to four years, released on 1 March 2022; detained again with his wife Xu Yan "
        "on 13 April 2023 on their way to the EU Delegation, and sentenced in October 2024 to three years.",
        relations=[
            Relation(
                name="Xu Yan (许艳)",
                relation="spouse",
                note="Detained with him on 13 April 2023; sentenced on 29 October 2024 to one year and nine months.",
            ),
            Relation(
                name="Lin Qilei",
                relation="lawyer",
                note="Defended him in his first case (Radio Free Asia via CHRD, March 2022).",
            ),
        ],
        events=[
            _ev("disbarment", "2018-01", L, note="The letter: disbarred, then detained."),
            _ev(
                "detention",
                "2018-01",
                L,
                place="Beijing",
                note="The letter: arbitrarily detained in January 2018.",
            ),
            _ev(
                "detention",
                "2018-01-19",
                R,
                place="Beijing",
                note="Taken while walking his son to school (other reports).",
                charges=["obstructing_official_duty"],
            ),
            _ev(
                "rsdl",
                "2018-01-27",
                R,
                place="Xuzhou",
                note="Placed under RSDL (reported).",
                charges=["inciting_subversion"],
            ),
            _ev("advocacy", "2018-02", L, note="Named in the joint NGO letter before HRC 37."),
            _ev(
                "arrest",
                "2018-04-19",
                S.YW_JUDGMENT,
                charges=["inciting_subversion", "obstructing_official_duty"],
                authority="Xuzhou People's Procuratorate",
                note="Arrest approved by the Xuzhou procuratorate (court judgment).",
            ),
            _ev(
                "trial",
                "2019-05-09",
                S.YW_CHRD,
                charges=["inciting_subversion"],
                court="Xuzhou Intermediate People's Court",
                note="Secret trial.",
            ),
            _ev(
                "verdict",
                "2020-06-17",
                S.YW_JUDGMENT,
                charges=["inciting_subversion"],
                sentence="P4Y",
                outcome="custodial",
                political_rights="P3Y",
                court="Xuzhou Intermediate People's Court",
                reported="2020-06",
                note="Four years and three years' deprivation of political rights; his wife was told only in June 2020 "
                "(Lawyers' Rights Watch Canada; month only).",
            ),
            _ev(
                "appeal",
                "2020-12-13",
                S.YW_JUDGMENT,
                outcome="upheld",
                court="Jiangsu High People's Court",
                reported="2020-12-26",
                note="Appeal rejected; a defence lawyer received the ruling on 26 December (Front Line Defenders).",
            ),
            _ev(
                "family_visit",
                "2021-01-14",
                S.YW_FLD,
                facility="Xuzhou Detention Centre",
                whereabouts="known",
                note="His wife spoke to him by video, the first contact in three years.",
            ),
            _ev(
                "imprisonment",
                "2021-01-26",
                S.YW_FLD,
                facility="Nanjing Prison",
                reported="2021-02-03",
                note="Moved to Nanjing Prison; his wife had it confirmed on 3 February after many calls.",
            ),
            _ev(
                "release",
                "2022-03-01",
                S.YW_FLD,
                place="Nanjing → Beijing",
                facility="Nanjing Prison",
                whereabouts="known",
                note="Released at the end of his sentence; went back to Beijing and his wife. Three years' deprivation of political rights follow.",
            ),
            _ev(
                "detention",
                "2023-04-13",
                S.YW_EEAS,
                place="Beijing",
                note="Taken with his wife Xu Yan on their way to a meeting at the EU Delegation in Beijing.",
            ),
            _ev(
                "arrest",
                "2023-05-22",
                S.YW_CHRD,
                charges=["picking_quarrels"],
                note="Formally arrested for 'picking quarrels and provoking trouble' (CHRD profile).",
            ),
            _ev(
                "indictment",
                "2023-10",
                S.YW_INDICTED,
                charges=["picking_quarrels", "inciting_subversion"],
                note="Indicted with his wife (month only); moved from Beijing to a detention centre in Jiangsu in January 2024.",
            ),
            _ev(
                "trial",
                "2024-08-28",
                S.YW_2024,
                court="Suzhou Intermediate People's Court",
                charges=["inciting_subversion"],
                note="Tried with his wife; diplomats of more than ten countries came to the court (reports differ on "
                "whether they were let in).",
            ),
            _ev(
                "verdict",
                "2024-10-29",
                S.YW_2024,
                charges=["inciting_subversion"],
                sentence="P3Y",
                outcome="custodial",
                court="Suzhou Intermediate People's Court",
                note="Three years for 'inciting subversion'; his wife Xu Yan one year and nine months. Any deprivation "
                "of political rights, and whether he has been released, are not in the sources read.",
            ),
        ],
        asks=[Ask(text="Restore his licence to practise law.", addressee="PRC authorities")],
    )


def _cases() -> list[Case]:
    cases = [_liu_xia(), _wang_quanzhang(), _gui_minhai(), _tashi_wangchuk(), _yu_wensheng()]
    wang, yu = cases[1], cases[4]
    # Yu Wensheng represented Wang Quanzhang (Fei Chang Dao, summarising Yu's judgment):
    # the two cases link to each other.
    wang.relations.append(
        Relation(
            name="Yu Wensheng (余文生)",
            relation="lawyer",
            other_case_id=yu.id,
            note="Represented him (Fei Chang Dao's summary of Yu's 2020 judgment).",
        )
    )
    yu.relations.append(
        Relation(
            name="Wang Quanzhang (王全璋)",
            relation="client",
            other_case_id=wang.id,
            note="He represented Wang Quanzhang (Fei Chang Dao's summary of his 2020 judgment).",
        )
    )
    return cases


def build_demo(d: Dossier) -> list[str]:
    """Fill an empty store with the demo cases; returns their ids in letter order.

    The store is marked to open as of the letter's day (`Dossier.set_opens_as_of`).
    """
    for src in S.ALL:
        d.add_source(
            Source(
                **{
                    k: getattr(src, k)
                    for k in (
                        "id",
                        "title",
                        "publisher",
                        "date",
                        "reliability",
                        "url",
                        "protected",
                        "sensitivity",
                        "note",
                    )
                }
            )
        )
    ids = []
    for case in _cases():
        case.asks = [Ask(text=t, addressee="UN member states") for t in COMMON_ASKS] + case.asks
        for i, e in enumerate(case.events, start=1):
            e.seq = i
        d.add_case(case)
        ids.append(case.id)
    d.set_opens_as_of(LETTER_DAY)
    return ids
