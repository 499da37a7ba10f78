"""Benchmark: briefing packets of 100 and 1,000 synthetic cases, against bare reportlab.

Each case has ~10 events (vague dates included, timelines drawn) and names in Chinese;
every tenth is Tibetan and every tenth Uyghur, so shaping is exercised. Each packet and
each baseline is a fresh child process, so its peak memory (ru_maxrss, from wait4) is
its own. Goals: 100 cases under
10 s, and time(1000) / time(100) <= 11 (linear work per case).

    python -m benchmarks.bench_briefing            # 100 and 1000 cases
    python -m benchmarks.bench_briefing --sizes 50  # quick run
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from .harness import emit, run_child

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "全璋民海文生霞志明晓波建国丽华伟强秀英"
TIBETAN = ["བཀྲ་ཤིས་དབང་ཕྱུག", "ཚེ་རིང་རྡོ་རྗེ", "བསོད་ནམས་རྒྱལ་མཚན"]
UYGHUR = ["ئىلھام توختى", "راھىلە داۋۇت", "گۈلشەن ئابباس"]
CHAINS = [
    ["disappearance", "rsdl", "arrest", "indictment", "trial", "verdict", "imprisonment"],
    ["detention", "arrest", "lawyer_denied", "indictment", "trial", "verdict"],
    ["house_arrest", "surveillance", "travel_ban", "health_concern"],
    ["detention", "bail", "detention", "arrest", "trial"],
]


def synthetic_cases(n: int, seed: int = 7):
    """n cases with ~10 events each; deterministic for a seed."""
    from dossier.core.model import Ask, Case, Event, Name, Source

    rnd = random.Random(seed)
    sources = {
        f"s{i}": Source(
            id=f"s{i}", title=f"Report {i}", publisher="NGO", date=f"20{10 + i % 8}-0{1 + i % 9}"
        )
        for i in range(50)
    }
    cases = []
    for i in range(n):
        cid = f"case-{i}"
        native = (
            TIBETAN[i % 3]
            if i % 10 == 3
            else UYGHUR[i % 3]
            if i % 10 == 7
            else rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)
        )
        lang = "bo" if i % 10 == 3 else "ug" if i % 10 == 7 else "zh-Hans"
        year = rnd.randint(2008, 2016)
        events = []
        chain = CHAINS[i % len(CHAINS)]
        extras = ["advocacy", "un_action", "family_harassment", "lawyer_visit", "other"]
        types = chain + [rnd.choice(extras) for _ in range(max(0, 10 - len(chain)))]
        for seq, t in enumerate(types[:10], 1):
            year += rnd.choice((0, 0, 1))
            month = rnd.randint(1, 12)
            date_text = (
                f"{year}-{month:02d}"
                if seq % 3 == 0
                else f"{year}-{month:02d}-{rnd.randint(1, 28):02d}"
            )
            events.append(
                Event(
                    id=f"{cid}-e{seq}",
                    case_id=cid,
                    type=t,
                    date=date_text,
                    seq=seq,
                    charges=["inciting_subversion"] if t in ("arrest", "indictment") else [],
                    sentence="P4Y6M" if t == "verdict" else None,
                    place="Beijing",
                    note=f"Event {seq} of case {i}: reported by relatives.",
                    source_ids=[f"s{rnd.randrange(50)}"],
                )
            )
        cases.append(
            Case(
                id=cid,
                name=f"Person {i}",
                names=[Name(native, lang)],
                summary="A researcher's short narrative of the case. " * 6,
                occupation="Lawyer",
                events=events,
                asks=[Ask(id=f"{cid}-a", case_id=cid, text="Release immediately.")],
            )
        )
    return cases, sources


def run_packet(n: int) -> dict:
    from dossier.briefing import BriefingOptions, build_packet

    cases, sources = synthetic_cases(n)
    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), time.process_time()
        res = build_packet(
            cases,
            sources,
            BriefingOptions(
                title="Benchmark",
                as_of=date(2020, 1, 1),
                created=datetime(2020, 1, 2, tzinfo=UTC),
            ),
            Path(tmp) / "p.pdf",
        )
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        size = (Path(tmp) / "p.pdf").stat().st_size
    return {
        "seconds": seconds,
        "cpu": cpu,
        "pages": res.page_count,
        "bytes": size,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_baseline(pages: int) -> dict:
    """Bare reportlab: the same number of pages of plain Helvetica paragraphs."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    text = "Plain paragraph text for the baseline, about one line long, repeated. " * 5
    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), time.process_time()
        story = []
        for _ in range(pages):
            story += [Paragraph(text, style) for _ in range(8)] + [PageBreak()]
        doc = SimpleDocTemplate(str(Path(tmp) / "b.pdf"), invariant=1)
        doc.build(story[:-1])
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "seconds": seconds,
        "cpu": cpu,
        "pages": doc.page,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child(kind: str, n: int) -> dict:
    return run_child("bench_briefing", "--child", kind, str(n))


def run(sizes: list[int] | tuple[int, ...] = (100, 1000)) -> dict:
    """Each size's packet and its bare-reportlab baseline (same page count), each in a
    child process; the figures as a dict (`small` and `large` are the extreme sizes)."""
    results: dict[int, dict] = {}
    for n in sizes:
        r = _child("packet", n)
        b = _child("baseline", r["pages"])
        r.update(
            {
                "cases": n,
                "seconds": round(r["seconds"], 2),
                "cpu": round(r["cpu"], 2),
                "baseline_seconds": round(b["seconds"], 2),
                "baseline_cpu": round(b["cpu"], 2),
                "baseline_pages": b["pages"],
                "baseline_peak_rss_mib": b["peak_rss_mib"],
            }
        )
        results[n] = r
        print(
            f"briefing {n:>5} cases: {r['seconds']:7.2f} s (cpu {r['cpu']:.2f} s)  "
            f"{r['pages']:>6} pages  "
            f"{r['bytes'] / 1e6:6.1f} MB  peak RSS {r['peak_rss_mib']:6.0f} MiB  "
            f"({r['seconds'] / n * 1000:.0f} ms/case)"
        )
        print(
            f"baseline {r['pages']:>5} pages: {b['seconds']:7.2f} s (cpu {b['cpu']:.2f} s)  "
            f"peak RSS {b['peak_rss_mib']:6.0f} MiB  "
            f"(briefing/baseline = {r['seconds'] / b['seconds']:.1f}x)",
            flush=True,
        )
    out: dict = {"packets": {str(n): r for n, r in results.items()}}
    lo, hi = min(sizes), max(sizes)
    out["small"], out["large"] = results[lo], results[hi]
    if hi != lo:
        out["scaling_wall"] = round(results[hi]["seconds"] / results[lo]["seconds"], 2)
        out["scaling_cpu"] = round(results[hi]["cpu"] / results[lo]["cpu"], 2)
        print(
            f"ratio time({hi})/time({lo}) = {out['scaling_wall']:.2f}, cpu {out['scaling_cpu']:.2f} "
            f"(goal <= {hi / lo * 1.1:.0f})",
            flush=True,
        )
    if 100 in results:
        ok = results[100]["seconds"] < 10
        print(f"100 cases under 10 s: {'yes' if ok else 'NO'}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--child", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        kind, n = args.child[0], int(args.child[1])
        emit(run_packet(n) if kind == "packet" else run_baseline(n))
        return 0
    run(args.sizes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
