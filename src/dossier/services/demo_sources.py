"""The sources of the demo store: the February 2018 NGO letter, and one public report
for each fact learnt after it (title, publisher, date, address), so that every later
event of the demo cites where it comes from. Public pages only; each was read when
the demo was brought up to date (issue #11 item 9). A date is left vague (year or
month) where the page did not say more."""

from __future__ import annotations

from dossier.core.model import Source


def _src(
    title: str,
    publisher: str,
    date: str | None,
    url: str,
    reliability: str = "B",
    note: str | None = None,
) -> Source:
    return Source(
        title=title, publisher=publisher, date=date, url=url, reliability=reliability, note=note
    )


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

# -- Liu Xia -------------------------------------------------------------------------
LX_EXILE = _src(
    "Liu Xia, wife of late China dissident, left for Berlin: Report",
    "Al Jazeera",
    "2018-07-10",
    "https://www.aljazeera.com/news/2018/07/liu-xia-wife-late-china-dissident-left-berlin-report-180710052434027.html",
)

# -- Wang Quanzhang ------------------------------------------------------------------
WQZ_MARCH = _src(
    "Li Wenzu \u201cDisappeared\u201d on 6th Day of \u201cMarch for Her Husband\u201d",
    "Human Rights in China",
    "2018-04-09",
    "https://www.hrichina.org/en/citizens-square/li-wenzu-disappeared-6th-day-march-her-husband",
)
WQZ_VERDICT = _src(
    "China jails rights lawyer Wang Quanzhang for \u2018subversion\u2019",
    "Al Jazeera",
    "2019-01-28",
    "https://www.aljazeera.com/news/2019/1/28/china-jails-rights-lawyer-wang-quanzhang-for-subversion",
)
WQZ_TRIAL = _src(
    "Wang Quanzhang sentenced to jail",
    "Voice of America",
    "2019-01",
    "https://www.voanews.com/a/quanzhang-sentenced-to-jail/4761517.html",
)
WQZ_PRISON = _src(
    "No visitors allowed at prison holding Chinese rights lawyer Wang Quanzhang, wife says",
    "Hong Kong Free Press",
    "2019-05-03",
    "https://hongkongfp.com/2019/05/03/no-visitors-allowed-prison-holding-chinese-rights-lawyer-wang-quanzhang-wife-says/",
)
WQZ_VISIT = _src(
    "Wife of Jailed Chinese Rights Lawyer Fears For His Mental Health After Visit",
    "Radio Free Asia",
    "2019-06-28",
    "https://www.rfa.org/english/women/lawyer-wife-06282019130155.html",
)
WQZ_RELEASE = _src(
    "Rights lawyer\u2019s freedom restricted",
    "ChinaAid",
    "2020-04-13",
    "https://chinaaid.org/rights-lawyers-freedom-restricted/",
)

# -- Gui Minhai ----------------------------------------------------------------------
GM_CONFESSION = _src(
    "Missing bookseller makes tearful 'confession' on China state TV",
    "The Bookseller",
    "2016-01",
    "https://www.thebookseller.com/news/missing-bookseller-makes-tearful-confession-china-state-tv-320372",
)
GM_VERDICT = _src(
    "China sentences Swedish bookseller Gui Minhai to 10 years in prison",
    "The Washington Post",
    "2020-02-25",
    "https://www.washingtonpost.com/world/asia_pacific/china-sentences-swedish-bookseller-gui-minhai-to-10-years-in-prison/2020/02/24/2d6ebc4e-577a-11ea-8efd-0f904bdd8057_story.html",
)
GM_AMNESTY = _src(
    "China: Further information: Bookseller sentenced to 10 years in prison: Gui Minhai",
    "Amnesty International",
    "2020-02",
    "https://www.amnesty.org/en/documents/asa17/1884/2020/en/",
    "A",
)

# -- Tashi Wangchuk ------------------------------------------------------------------
TW_VERDICT = _src(
    "Activist jailed five years over speaking out for linguistic rights in occupied Tibet",
    "The Tibet Post",
    "2018-05-22",
    "https://thetibetpost.com/en/news/132-tibet/6184-activist-jailed-five-years-over-speaking-out-for-linguistic-rights-in-occupied-tibet",
)
TW_USCIRF = _src(
    "Tashi Wangchuk (victims list)",
    "U.S. Commission on International Religious Freedom",
    None,
    "https://www.uscirf.gov/forb-victim/tashi-wangchuk",
    "A",
    note="Undated profile page: sentence, political rights, appeal and release dates.",
)
TW_RELEASE = _src(
    "Tibetan activist Tashi Wangchuk released after five years in prison",
    "Tibet Sun",
    "2021-01-29",
    "https://www.tibetsun.com/news/2021/01/29/tibetan-activist-tashi-wangchuk-released-after-five-years-in-prison",
)

# -- Yu Wensheng ---------------------------------------------------------------------
YW_CHRD = _src(
    "Yu Wensheng \u4f59\u6587\u751f (prisoner profile)",
    "Chinese Human Rights Defenders",
    "2018-09",
    "https://www.nchrd.org/2018/09/yu-wensheng/",
    "A",
    note="Profile kept up to date after its first publication; trial and sentencing dates.",
)
YW_JUDGMENT = _src(
    "Yu Wensheng's Writings Deemed to Have Incited Subversion",
    "Fei Chang Dao (blog)",
    "2022-02",
    "https://blog.feichangdao.com/2022/02/yu-wenshengs-writings-deemed-to-have.html",
    note="Summarises and translates the Xuzhou court judgment and the appeal ruling.",
)
YW_FLD = _src(
    "Yu Wensheng released after completing sentence",
    "Front Line Defenders",
    "2022-03",
    "https://www.frontlinedefenders.org/en/case/yu-wensheng-released-after-completing-sentence",
    "A",
)
YW_EEAS = _src(
    "Statement by the Spokesperson on one year of detention of Yu Wensheng and Xu Yan",
    "European External Action Service",
    "2024-04-13",
    "https://www.eeas.europa.eu/delegations/china/statement-spokesperson-one-year-detention-yu-wensheng-and-xu-yan_en",
    "A",
)
YW_INDICTED = _src(
    "China: Activists approaching one year in detention: Yu Wensheng and Xu Yan",
    "Amnesty International",
    "2024",
    "https://www.amnesty.org/ar/documents/asa17/7861/2024/en/",
    "A",
)
YW_2024 = _src(
    "China imprisons human rights lawyer couple for trying to meet EU officials",
    "Lokmat Times (ANI, citing Radio Free Asia)",
    "2024-10-30",
    "https://www.lokmattimes.com/international/china-imprisons-human-rights-lawyer-couple-for-trying-to-meet-eu-officials/",
)

LATER = [
    LX_EXILE,
    WQZ_MARCH,
    WQZ_VERDICT,
    WQZ_TRIAL,
    WQZ_PRISON,
    WQZ_VISIT,
    WQZ_RELEASE,
    GM_CONFESSION,
    GM_VERDICT,
    GM_AMNESTY,
    TW_VERDICT,
    TW_USCIRF,
    TW_RELEASE,
    YW_CHRD,
    YW_JUDGMENT,
    YW_FLD,
    YW_EEAS,
    YW_INDICTED,
    YW_2024,
]
ALL = [LETTER, REPORTS, FAMILY, *LATER]
