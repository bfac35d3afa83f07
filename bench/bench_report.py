#!/usr/bin/env python3
"""Summarise bench-dockerfiles.sh measurements as Markdown tables.

Usage: bench_report.py OUT_DIR [NPROC] [CORPUS_TITLE] [SINGLE_TITLE]
Reads OUT_DIR/<section>--*.json (hyperfine --export-json format, also written
by the /usr/bin/time fallback; each result's "command" is its name, set with
hyperfine -n) and OUT_DIR/<section>--<name>.rss (peak RSS in KiB, one number
per line). Sections: corpus, single. The command named "dockward" is the
baseline; every other one gets a "its time / dockward time" ratio.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

LABELS = {
    "dockward": "dockward scan (one process)",
    "hadolint-batch": "hadolint, many files per process (xargs -0, one at a time)",
    "hadolint-parallel": "hadolint, one process per file, xargs -P{nproc}",
    "hadolint-sequential": "hadolint, one process per file, sequential",
    "hadolint": "hadolint",
}
ORDER = ["dockward", "hadolint-batch", "hadolint-parallel", "hadolint-sequential", "hadolint"]


def load(out: Path, section: str) -> dict[str, dict]:
    res = {}
    for p in sorted(out.glob(f"{section}--*.json")):
        for r in json.loads(p.read_text())["results"]:
            name = r["command"]
            times = r.get("times") or [r["mean"]]
            rss_file = out / f"{section}--{name}.rss"
            rss = [int(x) for x in rss_file.read_text().split() if x.isdigit()] if rss_file.exists() else []
            res[name] = {
                "mean": r["mean"],
                "stddev": r.get("stddev") or (statistics.stdev(times) if len(times) > 1 else 0.0),
                "min": r.get("min", min(times)), "max": r.get("max", max(times)), "runs": len(times),
                "rss_kib": max(rss) if rss else None,
            }
    return dict(sorted(res.items(), key=lambda kv: ORDER.index(kv[0]) if kv[0] in ORDER else 99))


def fmt_t(s: float) -> str:
    if s >= 1:
        return f"{s:.2f} s"
    return f"{s * 1000:.1f} ms"


def fmt_rss(k: int | None) -> str:
    return "-" if k is None else f"{k / 1024:.1f} MiB"


def table(res: dict[str, dict], nproc: str, title: str) -> None:
    if not res:
        return
    base = res.get("dockward")
    if base and base["mean"] <= 0:  # below the timer's resolution (/usr/bin/time: 10 ms)
        print(f"\n(dockward time is below the timer's resolution: no ratios for {title})")
        base = None
    print(f"\n### {title}\n")
    print("| command | mean ± σ | min … max | runs | peak RSS | time / dockward |")
    print("|---|---|---|---|---|---|")
    for name, r in res.items():
        ratio = "1.00 (baseline)" if name == "dockward" and base else (f"{r['mean'] / base['mean']:.{1 if r['mean'] >= 10 * base['mean'] else 2}f}×" if base else "-")
        label = LABELS.get(name, name).replace("{nproc}", nproc)
        sd = f" ± {fmt_t(r['stddev'])}" if r["runs"] > 1 else " (1 run)"
        print(f"| {label} | {fmt_t(r['mean'])}{sd} | {fmt_t(r['min'])} … {fmt_t(r['max'])} "
              f"| {r['runs']} | {fmt_rss(r['rss_kib'])} | {ratio} |")
    hl = {k: v for k, v in res.items() if k.startswith("hadolint")}
    if hl:
        fastest = min(hl, key=lambda k: hl[k]["mean"])
        line = f"\nFastest hadolint way: {LABELS.get(fastest, fastest).replace('{nproc}', nproc)}, {fmt_t(hl[fastest]['mean'])}"
        if base:
            ratio = hl[fastest]["mean"] / base["mean"]
            if ratio >= 1:
                line += f"; dockward is {ratio:.1f}× faster (hadolint time / dockward time = {ratio:.2f})"
            else:
                line += f"; hadolint is {1 / ratio:.1f}× faster (hadolint time / dockward time = {ratio:.2f})"
        print(line + ".")
        if base and base["rss_kib"] and hl[fastest]["rss_kib"]:
            print(f"Peak RSS: dockward {fmt_rss(base['rss_kib'])} vs hadolint {fmt_rss(hl[fastest]['rss_kib'])} "
                  f"({hl[fastest]['rss_kib'] / base['rss_kib']:.1f}×).")


def main() -> int:
    out = Path(sys.argv[1])
    nproc = sys.argv[2] if len(sys.argv) > 2 else "N"
    corpus_title = sys.argv[3] if len(sys.argv) > 3 else "Whole corpus"
    single_title = sys.argv[4] if len(sys.argv) > 4 else "Single file"
    table(load(out, "corpus"), nproc, corpus_title)
    table(load(out, "single"), nproc, single_title)
    return 0


if __name__ == "__main__":
    sys.exit(main())
