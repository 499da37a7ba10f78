"""Sample cases for the briefing tests: the February 2018 joint NGO letter's cases
(plus Ilham Tohti for Uyghur script), with marker strings at each sensitivity level.

Marker strings let the tests check what each audience sees: RESTRICTED-MARKER and
CONFIDENTIAL-MARKER must appear exactly where the audience allows them.
"""

from __future__ import annotations

import io

from dossier.core.model import Ask, Attachment, Case, Event, Name, Relation, Source

RESTRICTED = "RESTRICTED-MARKER-7Q"
CONFIDENTIAL = "CONFIDENTIAL-MARKER-9Z"
PROTECTED = "PROTECTED-SOURCE-MARKER-4K"
PHOTO_ID = "att-photo-liu-xia"


def photo_bytes(size: tuple[int, int] = (240, 300)) -> bytes:
    """A small generated portrait placeholder (PNG), with a text chunk as metadata."""
    from PIL import Image, ImageDraw
    from PIL.PngImagePlugin import PngInfo

    im = Image.new("RGB", size, (214, 220, 228))
    d = ImageDraw.Draw(im)
    w, h = size
    d.ellipse((w * 0.3, h * 0.15, w * 0.7, h * 0.5), fill=(120, 130, 145))
    d.ellipse((w * 0.15, h * 0.55, w * 0.85, h * 1.2), fill=(120, 130, 145))
    info = PngInfo()
    info.add_text("Comment", "EXIF-SECRET-GPS-42.1N")
    buf = io.BytesIO()
    im.save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def sources() -> dict[str, Source]:
    out = [
        Source(
            id="src-letter",
            title="Joint letter to UN member states ahead of HRC37",
            publisher="Human Rights Watch et al.",
            date="2018-02-02",
            url="https://www.hrw.org/news/2018/02/02/joint-letter-hrc37",
            attachments=[
                Attachment(
                    id=PHOTO_ID,
                    source_id="src-letter",
                    filename="liu-xia.png",
                    media_type="image/png",
                )
            ],
        ),
        Source(
            id="src-pen", title="PEN America case file", publisher="PEN America", date="2017-12"
        ),
        Source(
            id="src-restricted",
            title=f"Embassy note {RESTRICTED}",
            sensitivity="restricted",
            date="2017-11",
        ),
        Source(
            id="src-confidential",
            title=f"Family contact {CONFIDENTIAL}",
            sensitivity="confidential",
        ),
        Source(
            id="src-protected",
            title=f"Lawyer in Beijing {PROTECTED}",
            protected=True,
            publisher=f"Private channel {PROTECTED}",
        ),
    ]
    return {s.id: s for s in out}


def _ev(case_id: str, seq: int, type_: str, date: str, **kw) -> Event:
    return Event(id=f"{case_id}-e{seq}", case_id=case_id, type=type_, date=date, seq=seq, **kw)


def cases() -> list[Case]:
    liu = Case(
        id="c-liu-xia",
        name="Liu Xia",
        names=[Name("刘霞", "zh-Hans")],
        occupation="Poet, artist",
        nationality="Chinese",
        birth_year="1961",
        photo_attachment_id=PHOTO_ID,
        summary="Poet and artist, wife of Nobel Peace Prize laureate Liu Xiaobo. Held under "
        "house arrest without charge since October 2010, when the prize was "
        "announced; her isolation continued after Liu Xiaobo died in custody in "
        "July 2017.\n\n刘霞自2010年10月起被非法软禁，从未被指控任何罪名。",
        relations=[Relation(name="Liu Xiaobo 刘晓波", relation="spouse (died 13 July 2017)")],
        events=[
            _ev(
                "c-liu-xia",
                1,
                "house_arrest",
                "2010-10~",
                place="Beijing",
                note="Placed under house arrest after the Nobel announcement.",
                source_ids=["src-letter", "src-pen"],
            ),
            _ev(
                "c-liu-xia",
                2,
                "un_action",
                "2011-08",
                note="WGAD opinion No. 16/2011.",
                source_ids=["src-pen"],
            ),
            _ev(
                "c-liu-xia",
                3,
                "health_concern",
                "2017-12",
                note="Reported depression.",
                source_ids=["src-protected"],
            ),
            _ev(
                "c-liu-xia",
                4,
                "advocacy",
                "2018-02-02",
                note="Named in the joint letter.",
                source_ids=["src-letter"],
            ),
        ],
        asks=[
            Ask(
                text="Allow Liu Xia to travel abroad, as she has asked.",
                addressee="PRC authorities",
            )
        ],
    )
    wang = Case(
        id="c-wang-quanzhang",
        name="Wang Quanzhang",
        names=[Name("王全璋", "zh-Hans")],
        occupation="Human rights lawyer",
        tags=["lawyers"],
        summary="Rights lawyer detained in the July 2015 crackdown on lawyers (the “709 "
        "crackdown”). Held incommunicado; no lawyer of his choice has seen him.",
        events=[
            _ev(
                "c-wang-quanzhang",
                1,
                "disappearance",
                "2015-07-09",
                place="Beijing",
                note="Taken by police; other reports say 10 July.",
                source_ids=["src-letter"],
                confidence="reported",
            ),
            _ev(
                "c-wang-quanzhang",
                2,
                "rsdl",
                "2015-08",
                end="2016-01-08",
                authority="Tianjin Public Security Bureau",
                source_ids=["src-pen"],
            ),
            _ev(
                "c-wang-quanzhang",
                3,
                "arrest",
                "2016-01-08",
                charges=["subversion"],
                source_ids=["src-pen"],
            ),
            _ev(
                "c-wang-quanzhang",
                4,
                "lawyer_denied",
                "2016-07",
                note=f"Family-appointed lawyers refused. {RESTRICTED}",
                sensitivity="restricted",
                source_ids=["src-restricted"],
            ),
            _ev(
                "c-wang-quanzhang",
                5,
                "indictment",
                "2017-02-14",
                charges=["subversion"],
                source_ids=["src-protected"],
            ),
            _ev(
                "c-wang-quanzhang",
                6,
                "family_harassment",
                "2017-11",
                note=f"Wife followed. {CONFIDENTIAL}",
                sensitivity="confidential",
                source_ids=["src-confidential"],
            ),
        ],
        asks=[
            Ask(text="Release Wang Quanzhang immediately and unconditionally."),
            Ask(
                text=f"Raise his case in the bilateral dialogue. {RESTRICTED}",
                addressee="EU delegation",
                sensitivity="restricted",
            ),
        ],
    )
    gui = Case(
        id="c-gui-minhai",
        name="Gui Minhai",
        names=[Name("桂民海", "zh-Hans")],
        nationality="Swedish",
        occupation="Publisher, bookseller",
        summary="Swedish citizen and Hong Kong publisher, forcibly disappeared from "
        "Pattaya, Thailand, in October 2015; released in October 2017 and seized "
        "again from a train in January 2018 while travelling with Swedish diplomats.",
        events=[
            _ev(
                "c-gui-minhai",
                1,
                "disappearance",
                "2015-10",
                place="Pattaya, Thailand",
                source_ids=["src-letter"],
            ),
            _ev("c-gui-minhai", 2, "detention", "2016-01~", place="Ningbo"),
            _ev("c-gui-minhai", 3, "release", "2017-10-17", note="Kept under surveillance."),
            _ev(
                "c-gui-minhai",
                4,
                "disappearance",
                "2018-01-20",
                note="Seized from a train to Beijing.",
                source_ids=["src-letter"],
            ),
        ],
    )
    tashi = Case(
        id="c-tashi-wangchuk",
        name="Tashi Wangchuk",
        names=[Name("བཀྲ་ཤིས་དབང་ཕྱུག", "bo"), Name("扎西文色", "zh-Hans")],
        occupation="Tibetan language advocate",
        summary="Tibetan education advocate, detained after speaking to the New York Times "
        "about Tibetan-language schooling; tried in January 2018 for inciting "
        "separatism and awaiting a verdict.\n\nབཀྲ་ཤིས་དབང་ཕྱུག་ནི་བོད་ཡིག་སློབ་གསོའི་"
        "རྩོད་པ་བྱེད་མཁན་ཞིག་རེད།",
        events=[
            _ev(
                "c-tashi-wangchuk",
                1,
                "detention",
                "2016-01-27",
                place="Yushu (ཡུལ་ཤུལ་)",
                source_ids=["src-letter"],
            ),
            _ev("c-tashi-wangchuk", 2, "arrest", "2016-03", charges=["inciting_separatism"]),
            _ev(
                "c-tashi-wangchuk",
                3,
                "trial",
                "2018-01-04",
                place="Yushu Intermediate Court",
                source_ids=["src-letter"],
            ),
        ],
        asks=[Ask(text="Release Tashi Wangchuk; drop the separatism charge.")],
    )
    yu = Case(
        id="c-yu-wensheng",
        name="Yu Wensheng",
        names=[Name("余文生", "zh-Hans")],
        occupation="Human rights lawyer",
        summary="Rights lawyer whose licence was revoked; detained on 19 January 2018, a "
        "day after publishing an open letter calling for constitutional reform.",
        events=[
            _ev("c-yu-wensheng", 1, "disbarment", "2017-10~"),
            _ev(
                "c-yu-wensheng",
                2,
                "detention",
                "2018-01-19",
                charges=["obstructing_official_duty"],
                place="Beijing",
                source_ids=["src-letter"],
            ),
            _ev(
                "c-yu-wensheng",
                3,
                "rsdl",
                "2018-01-27",
                charges=["inciting_subversion"],
                place="Xuzhou",
            ),
        ],
    )
    ilham = Case(
        id="c-ilham-tohti",
        name="Ilham Tohti",
        names=[Name("ئىلھام توختى", "ug"), Name("伊力哈木·土赫提", "zh-Hans")],
        occupation="Uyghur economist",
        birth_year="1969-10-25",
        summary="Uyghur economist sentenced to life imprisonment for “separatism” in "
        "September 2014.\n\nئىلھام توختى ئۇيغۇر ئىقتىسادشۇناس، 2014-يىلى مۇددەتسىز "
        "قاماق جازاسىغا ھۆكۈم قىلىنغان. ئۇ مەركىزىي مىللەتلەر ئۇنىۋېرسىتېتىنىڭ "
        "ئوقۇتقۇچىسى بولۇپ، ئۇيغۇرلار بىلەن خەنزۇلار ئوتتۇرىسىدىكى چۈشىنىشنى "
        "ئىلگىرى سۈرۈش ئۈچۈن «ئۇيغۇر بىز» تور بېتىنى قۇرغان (2006).",
        events=[
            _ev("c-ilham-tohti", 1, "detention", "2014-01-15", place="Beijing"),
            _ev(
                "c-ilham-tohti",
                2,
                "arrest",
                "2014-02-20",
                charges=["separatism"],
                place="Ürümqi (ئۈرۈمچی)",
            ),
            _ev(
                "c-ilham-tohti", 3, "trial", "2014-09-17", note="سوت ئىككى كۈن داۋاملاشتى (Ürümqi)."
            ),
            _ev(
                "c-ilham-tohti", 4, "verdict", "2014-09-23", sentence="life", charges=["separatism"]
            ),
            _ev("c-ilham-tohti", 5, "imprisonment", "2014-12", place="Xinjiang No. 1 Prison"),
        ],
    )
    secret = Case(
        id="c-secret",
        name=f"Withheld Person {CONFIDENTIAL}",
        sensitivity="confidential",
        events=[_ev("c-secret", 1, "detention", "2017-06-01")],
    )
    return [liu, wang, gui, tashi, yu, ilham, secret]
