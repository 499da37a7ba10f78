"""Synthetic cases at Dui Hua scale: plausible names in several scripts, ten events each."""

from __future__ import annotations

import random

from dossier.core.model import Case, Event, Name

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华全璋民海生玉兰志国建东"
PINYIN = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"]
FLOW = [
    "disappearance",
    "rsdl",
    "detention",
    "arrest",
    "indictment",
    "trial",
    "verdict",
    "imprisonment",
    "lawyer_denied",
    "advocacy",
]


def make_cases(n: int, events_per_case: int = 10, seed: int = 7) -> list[Case]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        zh = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        latin = f"{rng.choice(PINYIN)} {rng.choice(PINYIN)}{i}"
        year = rng.randint(2000, 2023)
        events = []
        for k in range(events_per_case):
            month = min(12, 1 + k)
            day = rng.randint(1, 28)
            date = f"{year}-{month:02d}" if k % 3 == 0 else f"{year}-{month:02d}-{day:02d}"
            t = FLOW[k % len(FLOW)]
            events.append(
                Event(
                    type=t,
                    date=date,
                    seq=k + 1,
                    place=rng.choice(["Beijing", "Urumqi", "Lhasa", "Shanghai"]),
                    note=f"note {i}-{k} {zh}",
                    sentence="P4Y6M" if t == "verdict" else None,
                    charges=["inciting_subversion"] if t == "arrest" else [],
                )
            )
        out.append(
            Case(
                name=latin,
                names=[Name(zh, "zh-Hans")],
                tags=[rng.choice(["lawyers", "tibetans", "uyghurs", "writers"])],
                events=events,
            )
        )
    return out
