"""The worked examples of docs/cli.md "Timeline model (since schema 3)", from real,
publicly documented cases (issue #11). Each event cites its source; each expectation
is the table's row, computed by hand from the rules and checked here.

Sources (publisher, title, date, URL):
- [NL]  The News Lens, "China's Disappearing People Problem: The Story of Wang
        Quanzhang", 2016, https://international.thenewslens.com/article/49023
- [SCMP] South China Morning Post, "Human rights lawyer swept up in '709 crackdown' to
        face court in Tianjin for subversion", 16 Feb 2017,
        http://www.scmp.com/news/china/policies-politics/article/2071188/709-lawyer-face-court-tianjin-subversion
- [JS]  Joint Statement Concerning the Personal Freedom of Wang Quanzhang After His
        Release, 3 Apr 2020, https://docslib.org/doc/8273724/joint-statement-concerning-the-personal-freedom-of-wang-quanzhang-after-his-release-3-april-2020
- [I11] Issue #11 of this project ("formally arrested in January 2016"), from the NGO
        letter's sources; the month is not independently confirmed by a source found here.
- [GT]  Global Times, "Lawyer Xie Yang freed from criminal punishment despite guilty
        verdict for subversion", 26 Dec 2017, http://www.globaltimes.cn/content/1082165.shtml
- [CC]  China Change (translation), "Bill of Indictment Against Human Rights Lawyer Xie
        Yang", 11 Jan 2017, https://minzhuzhongguo.org/default.php?id=70018
- [HKFP1] Hong Kong Free Press, "China human rights lawyer Li Heping handed 3-year
        suspended prison sentence", 28 Apr 2017,
        https://hongkongfp.com/2017/04/28/china-human-rights-lawyer-li-heping-handed-3-year-suspended-prison-sentence/
- [HKFP2] Hong Kong Free Press, "Chinese rights lawyer Li Heping remains in detention
        after receiving suspended sentence", 2 May 2017,
        https://hongkongfp.com/2017/05/02/chinese-rights-lawyer-li-heping-remains-detention-receiving-suspended-sentence/
- [CSW] Christian Solidarity Worldwide, "Li Heping gets suspended sentence but not
        released", 3 May 2017, http://www.csw.org.uk/2017/05/03/news/3548/article.htm
- [ST]  The Straits Times (Reuters), "Prominent Chinese rights lawyer returns home after
        near two-years' detention", 10 May 2017,
        https://www.straitstimes.com/asia/east-asia/prominent-chinese-rights-lawyer-returns-home-after-near-two-years-detention
- [RFI] RFI (AFP), "China 'deported' Swedish NGO worker", 26 Jan 2016,
        https://www.rfi.fr/en/china-deported-swedish-ngo-worker
- [QZ]  Quartz, "Human rights activist Peter Dahlin has been expelled from China, and is
        headed home to Sweden", 26 Jan 2016, https://qz.com/602768/
- [UPI] UPI, "China deports Swedish human rights activist Peter Dahlin", 26 Jan 2016,
        http://www.upi.com/Top_News/World-News/2016/01/26/China-deports-Swedish-human-rights-activist-Peter-Dahlin/1871453810622/
- [RFA] RFA via China Strategy, "Life sentence for Uyghur scholar Rahile Dawut confirmed
        by US group", 21 Sep 2023,
        https://www.chinastrategy.org/2023/09/21/life-sentence-for-uyghur-scholar-rahile-dawut-confirmed-by-us-group/
"""

from __future__ import annotations

from datetime import date

from dossier.core.model import Event
from dossier.core.timeline import derive, known_events
from dossier.core.validate import validate_event

D = date.fromisoformat


def ev(type_: str, when: str, seq: int, **kw) -> Event:
    return validate_event(Event(id=f"{type_}-{seq}", type=type_, date=when, seq=seq, **kw))


def alerts(f) -> list[tuple]:
    return [
        (
            a.rule,
            a.since.isoformat(),
            a.until.isoformat() if a.until else None,
            a.certainty,
            (a.days.min, a.days.max) if a.days else None,
        )
        for a in f.alerts
    ]


# --- Wang Quanzhang: arrested, whereabouts unknown ------------------------------------------

WANG = [
    ev("disappearance", "2015-07-09", 0),  # [NL]
    ev("rsdl", "2015-07-10/2015-08-03", 1),  # [SCMP] taken 10 July, then RSDL; [JS] detained 3 Aug
    ev("arrest", "2016-01", 2),  # [I11]
]


def test_wang_quanzhang_as_of_the_letter() -> None:
    f = derive(WANG, D("2018-02-05"))
    assert (f.stage, f.in_custody, f.custody_kind, f.whereabouts) == (
        "arrested",
        True,
        "detention_centre",
        "unknown",
    )
    assert f.status == "disappeared"  # the old word, as before the arrest
    assert (f.days_disappeared.min, f.days_disappeared.max) == (942, 942)  # 9 Jul 2015 → 5 Feb 2018
    assert alerts(f) == [
        ("disappeared_over_limit", "2015-07-10", None, "certain", (942, 942)),
        # the vague-end RSDL: 6 months from 10 Jul is 10 Jan; the January arrest may fall
        # before or after it, and the RSDL may have begun as late as 3 Aug
        ("rsdl_over_limit", "2016-01-10", "2016-01-30", "possible", (150, 204)),
        # no indictment recorded: held after arrest beyond even 13½ months
        ("investigation_over_limit", "2016-08-01", None, "certain", (736, 766)),
    ]
    assert all(a.basis is not None and a.basis.revision == 2018 for a in f.alerts)
    assert f.alerts[1].basis.articles == (79,)


def test_wang_quanzhang_with_the_indictment() -> None:
    """[SCMP]: indicted on Tuesday 14 Feb 2017. The investigation alert closes and is only
    possible (review for prosecution and two returns for supplementary investigation,
    which SCMP reports, may explain up to 13½ months); the trial alert is certain."""
    f = derive(WANG + [ev("indictment", "2017-02-14", 3)], D("2018-02-05"))
    assert (f.stage, f.whereabouts, f.status) == ("indicted", "unknown", "disappeared")
    assert alerts(f)[2:] == [
        ("investigation_over_limit", "2016-08-01", "2017-02-13", "possible", (379, 409)),
        ("trial_over_limit", "2017-05-14", None, "certain", (356, 356)),
    ]


# --- Xie Yang: convicted, exempt from punishment ----------------------------------------------

XIE = [
    ev("rsdl", "2015-07-11", 0),  # [GT]; [CC] says 12 July
    ev("arrest", "2016-01-09", 1),  # [GT], [CC]
    ev(
        "indictment", "2016-11-17/2017-01-11", 2
    ),  # [CC]: after the second return (17 Nov), published 11 Jan
    ev("trial", "2017-05-08", 3),  # [GT]
    ev("bail", "2017-05", 4),  # [GT] "released on bail after the trial"
    ev(
        "verdict", "2017-12-26", 5, sentence="免予刑事处罚", charges=["inciting_subversion"]
    ),  # [GT]
]


def test_xie_yang_exempt_goes_home() -> None:
    f = derive(XIE, D("2018-02-05"))
    assert (f.stage, f.in_custody, f.status, f.outcome) == (
        "convicted_at_liberty",
        False,
        "released",
        "exempt",
    )
    assert f.sentence is None and f.expected_release is None and f.days_in_custody is None
    assert f.charges == ["inciting_subversion"]
    assert [a.rule for a in f.alerts] == ["investigation_over_limit", "trial_over_limit"]
    assert {a.certainty for a in f.alerts} == {"possible"}
    assert not any(a.rule == "rsdl_over_limit" for a in f.alerts)  # 11 Jul → 8 Jan: under 6 months


# --- Li Heping: suspended sentence ---------------------------------------------------------------

LI = [
    ev("disappearance", "2015-07-10", 0),  # [HKFP1] detained 10 July 2015; [CSW] held incommunicado
    ev("trial", "2017-04-25", 1, whereabouts="unknown"),  # [CSW] secret trial; family not told
    ev("verdict", "2017-04-28", 2, sentence="有期徒刑三年缓刑四年，剥夺政治权利四年"),  # [HKFP1]
    ev(
        "unofficial_detention", "2017-04-28", 3, whereabouts="unknown", reported="2017-05-02"
    ),  # [HKFP2]
    ev("release", "2017-05-09", 4, reported="2017-05-10"),  # [ST]
]


def test_li_heping_suspended() -> None:
    f = derive(LI, D("2017-12-31"))
    assert (f.stage, f.in_custody, f.status) == ("probation", False, "released")
    assert (f.sentence, f.outcome) == ("P3Y", "suspended")
    assert f.days_in_custody is None and f.expected_release is None
    assert "release_due" not in {a.rule for a in f.alerts}
    assert f.probation.until.earliest == D("2021-04-28")
    assert f.political_rights.term == "P4Y" and f.political_rights.until.earliest == D("2021-04-28")


def test_li_heping_held_after_the_suspended_sentence() -> None:
    known_then = derive(LI, D("2017-05-01"), known_on=D("2017-05-01"))
    assert (known_then.stage, known_then.in_custody) == ("probation", False)
    f = derive(LI, D("2017-05-03"))
    assert (f.stage, f.custody_kind, f.whereabouts, f.status) == (
        "unofficial_detention",
        "unofficial",
        "unknown",
        "disappeared",
    )
    assert (f.days_disappeared.min, f.days_disappeared.max) == (5, 5)


# --- Peter Dahlin: deported --------------------------------------------------------------------

DAHLIN = [
    ev("disappearance", "2016-01-03/2016-01-04", 0),  # [RFI] 4 Jan; Xinhua via others: 3 Jan
    ev("televised_confession", "2016-01-18/2016-01-24", 1),  # [UPI] "last week" (article of 26 Jan)
    ev("deportation", "2016-01-25", 2),  # [QZ], [RFI]
]


def test_peter_dahlin_deported() -> None:
    f = derive(DAHLIN, D("2016-02-01"))
    assert (f.stage, f.in_custody, f.whereabouts, f.status) == (
        "deported",
        False,
        "known",
        "released",
    )
    assert alerts(f) == [
        ("disappeared_over_limit", "2016-01-04", "2016-01-24", "certain", (20, 21))
    ]


# --- Rahile Dawut: a verdict reported years later ------------------------------------------------

RAHILE = [
    ev("disappearance", "2017-12", 0),  # [RFA]
    ev("verdict", "2018-12", 1, sentence="life", reported="2023-09-21"),  # [RFA]
    ev("appeal", "2018-12/2023-09-21", 2, outcome="upheld", reported="2023-09-21"),  # [RFA]
]


def test_rahile_dawut_as_known_then_and_now() -> None:
    then = derive(RAHILE, D("2019-12-31"), known_on=D("2019-12-31"))
    assert (then.stage, then.status, then.sentence) == ("disappeared", "disappeared", None)
    assert (then.days_disappeared.min, then.days_disappeared.max) == (730, 760)
    assert [e.type for e in known_events(RAHILE, D("2019-12-31"))] == ["disappearance"]
    now = derive(RAHILE, D("2019-12-31"))
    assert (now.stage, now.custody_kind, now.whereabouts, now.sentence) == (
        "sentenced",
        "prison",
        "unknown",
        "life",
    )
    assert now.status == "disappeared" and now.expected_release is None
