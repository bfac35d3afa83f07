#!/usr/bin/env python3
"""Compare hadolint and dockward findings over a corpus of Dockerfiles.

Normally started through bench/compare-hadolint.sh, which prepares PATH and
the corpus location. Only the Python standard library is used.

What it does
  1. Lists every regular file under the corpus directory (sorted, C order).
  2. Runs hadolint (defaults only: explicit empty-rules config, HADOLINT_*
     environment variables removed, --no-fail) over all files, many files per
     process (a batch gives the same findings as one process per file, and is
     the fastest way to run hadolint, see bench/README.md). A batch that fails
     as a whole is retried one file per process.
  3. Runs `dockward scan --format json FILE...` once, in ONE process, on the
     same file list (or on the directory with --dockward-dir).
  4. For each compared hadolint rule, matches dockward findings whose
     `equivalents` contain the DL code (never by DW code), and counts unique
     (file, line) pairs: both, only hadolint, only dockward.

Outputs (in --out, default bench/out)
  hadolint.json            hadolint's JSON findings, all files merged, sorted
  hadolint-meta.json       version, timing, file count, failed files
  hadolint-dl1000.txt      files hadolint could not parse (DL1000)
  dockward.json            dockward's JSON report, as printed
  dockward-dw001.txt       files dockward could not parse (DW001 findings)
  dockward-errors.txt      dockward's `errors` array (input errors)
  diff-<DL>.txt            per rule: every (file, line) where the tools differ
  compare-summary.txt/json the table printed on stdout
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from benchlib import clip, list_files, log, one_line, tool_version  # noqa: E402

# hadolint rule -> what dockward is expected to report (for the table only;
# matching always goes through the finding's `equivalents` array).
COMPARED = [
    ("DL3002", "DW501", "last USER is root"),
    ("DL3004", "DW506", "sudo"),
    ("DL3006", "DW201", "untagged image"),
    ("DL3007", "DW202", "latest tag"),
    ("DL3008", "DW707", "apt-get install unpinned"),
    ("DL3020", "DW706", "ADD instead of COPY"),
    ("DL3025", "DW0xx", "JSON form CMD/ENTRYPOINT"),
    ("DL4006", "DW0xx", "pipefail"),
]
DOCKWARD_OK_EXIT = {0, 1, 2}  # 0 clean, 1 findings, 2 input errors


def norm_path(p: str, corpus: Path) -> str:
    """Normalise a reported path to a corpus-relative POSIX path."""
    if os.path.isabs(p):
        try:
            p = os.path.relpath(p, corpus)
        except ValueError:
            return p
    p = os.path.normpath(p)
    return Path(p).as_posix()


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("HADOLINT")}
    env["NO_COLOR"] = "1"
    return env


# --------------------------------------------------------------------- hadolint
def hadolint_batch(hadolint: str, config: str, files: list[str], cwd: Path, env) -> tuple[list, list[str]]:
    """Run one hadolint process on `files`. Returns (findings, failed_files)."""
    cmd = [hadolint, "--no-fail", "--no-color", "--config", config, "-f", "json", "--", *files]
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
    if r.returncode == 0:
        try:
            data = json.loads(r.stdout or b"[]")
            if isinstance(data, list):
                return data, []
        except json.JSONDecodeError:
            pass
    if len(files) == 1:
        err = r.stderr.decode("utf-8", "replace").strip().splitlines()
        log(f"hadolint failed on {files[0]!r} (exit {r.returncode}): {err[0] if err else ''}")
        return [], files
    log(f"hadolint batch of {len(files)} failed (exit {r.returncode}); retrying one file per process")
    found, failed = [], []
    for f in files:
        a, b = hadolint_batch(hadolint, config, [f], cwd, env)
        found += a
        failed += b
    return found, failed


def run_hadolint(args, files: list[str]) -> tuple[list[dict], dict]:
    env = clean_env()
    chunks = [files[i : i + args.chunk] for i in range(0, len(files), args.chunk)]
    log(f"hadolint: {len(files)} files, {len(chunks)} process(es) of up to {args.chunk} files, {args.jobs} at a time")
    t0 = time.monotonic()
    results: list[tuple[list, list[str]]] = [None] * len(chunks)  # type: ignore[list-item]
    if args.jobs <= 1:
        for i, c in enumerate(chunks):
            results[i] = hadolint_batch(args.hadolint, args.hadolint_config, c, args.corpus, env)
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(args.jobs) as ex:
            futs = [ex.submit(hadolint_batch, args.hadolint, args.hadolint_config, c, args.corpus, env) for c in chunks]
            for i, fu in enumerate(futs):
                results[i] = fu.result()
    elapsed = time.monotonic() - t0
    findings, failed = [], []
    for a, b in results:
        findings += a
        failed += b
    for f in findings:
        f["file"] = norm_path(f["file"], args.corpus)
    findings.sort(key=lambda d: (d["file"], d.get("line", 0), d.get("column", 0), d.get("code", ""), d.get("message", "")))
    meta = {
        "hadolint": args.hadolint,
        "version": tool_version([args.hadolint, "--version"]),
        "config": args.hadolint_config,
        "corpus": str(args.corpus),
        "files": len(files),
        "processes": len(chunks),
        "jobs": args.jobs,
        "elapsed_seconds": round(elapsed, 3),
        "findings": len(findings),
        "failed_files": sorted(failed),
    }
    log(f"hadolint: {meta['version']}: {len(findings)} findings in {elapsed:.1f} s wall")
    return findings, meta


def load_hadolint(args, files: list[str]):
    hj, mj = args.out / "hadolint.json", args.out / "hadolint-meta.json"
    if args.reuse_hadolint and hj.exists() and mj.exists():
        meta = json.loads(mj.read_text())
        same = (meta.get("files") == len(files) and meta.get("corpus") == str(args.corpus)
                and meta.get("version") == tool_version([args.hadolint, "--version"]))
        if same:
            log(f"hadolint: reusing {hj} ({meta.get('version')}, {meta.get('findings')} findings)")
            meta["reused"] = True
            return json.loads(hj.read_text()), meta
        log("hadolint: saved results are for another corpus, file count or hadolint version; re-running")
    findings, meta = run_hadolint(args, files)
    hj.write_text(json.dumps(findings, indent=1, sort_keys=True) + "\n")
    mj.write_text(json.dumps(meta, indent=2) + "\n")
    return findings, meta


# --------------------------------------------------------------------- dockward
def run_dockward(args, files: list[str]) -> tuple[dict | None, dict]:
    dw = args.dockward
    if not dw or not (os.path.isfile(dw) and os.access(dw, os.X_OK)) and not shutil.which(dw or ""):
        if dw:
            log(f"dockward: binary not found ({dw}): hadolint side only. Build it with `cargo build --release`.")
        return None, {}
    arg_bytes = sum(len(f.encode()) + 1 for f in files)
    if args.dockward_dir or arg_bytes > 1_500_000:
        if not args.dockward_dir:
            log(f"dockward: file list is {arg_bytes} bytes, too long for one command line; scanning the directory")
        targets = ["."]
    else:
        targets = files
    cmd = [dw, "scan", "--format", "json", *args.dockward_arg, "--", *targets]
    log(f"dockward: {dw} scan --format json {' '.join(args.dockward_arg)} -- <{len(targets)} path(s)> (one process)")
    t0 = time.monotonic()
    r = subprocess.run(cmd, cwd=args.corpus, capture_output=True)
    elapsed = time.monotonic() - t0
    (args.out / "dockward.json").write_bytes(r.stdout)
    if r.stderr:
        (args.out / "dockward.stderr.txt").write_bytes(r.stderr)
    meta = {
        "version": tool_version([dw, "--version"]),
        "exit_code": r.returncode,
        "elapsed_seconds": round(elapsed, 3),
        "targets": "directory" if targets == ["."] else f"{len(targets)} files",
    }
    if r.returncode not in DOCKWARD_OK_EXIT:
        log(f"dockward: unexpected exit code {r.returncode} (0/1/2 are normal); stderr:")
        log(r.stderr.decode("utf-8", "replace")[-2000:])
    try:
        report = json.loads(r.stdout)
    except json.JSONDecodeError as e:
        log(f"dockward: output is not JSON ({e}); see {args.out / 'dockward.json'}")
        sys.exit(3)
    log(f"dockward: {meta['version']}: exit {r.returncode}, {len(report.get('findings', []))} findings in {elapsed:.2f} s wall")
    return report, meta


# --------------------------------------------------------- instruction spans
HEREDOC_RE = re.compile(r"<<-?\s*([\"']?)([A-Za-z_][A-Za-z0-9_]*)\1")


def instruction_starts(path: Path) -> dict[int, int]:
    """Map each 1-based line to the first line of the instruction it belongs to.

    Approximate (continuations with the escape character, comments and blank
    lines inside them, heredocs); used only to tell "same instruction, other
    line" apart from real disagreements.
    """
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    escape = "\\"
    for ln in lines:  # parser directives come first
        m = re.match(r"^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$", ln)
        if not m:
            break
        if m.group(1).lower() == "escape" and m.group(2) in ("`", "\\"):
            escape = m.group(2)
    starts: dict[int, int] = {}
    i, n = 0, len(lines)
    while i < n:
        s = i
        line = lines[i].rstrip()
        starts[i + 1] = s + 1
        if not line.strip() or line.lstrip().startswith("#"):
            i += 1
            continue
        heredocs = [m.group(2) for m in HEREDOC_RE.finditer(line)]
        cont = line.endswith(escape)
        i += 1
        while cont and i < n:
            nxt = lines[i].rstrip()
            starts[i + 1] = s + 1
            i += 1
            if not nxt.strip() or nxt.lstrip().startswith("#"):
                continue
            heredocs += [m.group(2) for m in HEREDOC_RE.finditer(nxt)]
            cont = nxt.endswith(escape)
        for word in heredocs:
            while i < n:
                starts[i + 1] = s + 1
                i += 1
                if lines[i - 1].strip() == word:
                    break
    return starts


class SourceCache:
    def __init__(self, corpus: Path):
        self.corpus = corpus
        self._lines: dict[str, list[str]] = {}
        self._starts: dict[str, dict[int, int]] = {}

    def line(self, f: str, n: int) -> str:
        if f not in self._lines:
            try:
                self._lines[f] = (self.corpus / f).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                self._lines[f] = []
        ls = self._lines[f]
        return ls[n - 1].strip() if 0 < n <= len(ls) else ""

    def start(self, f: str, n: int) -> int:
        if f not in self._starts:
            self._starts[f] = instruction_starts(self.corpus / f)
        return self._starts[f].get(n, n)


# ------------------------------------------------------------------- compare
def fmt_table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    def fmt(r):
        return " | ".join(str(c).rjust(w) if j else str(c).ljust(w) for j, (c, w) in enumerate(zip(r, widths)))
    sep = "-+-".join("-" * w for w in widths)
    return "\n".join([fmt(header), sep, *map(fmt, rows)])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="directory of Dockerfiles")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--hadolint", default="hadolint")
    ap.add_argument("--hadolint-config", required=True, help="explicit config (disables config discovery)")
    ap.add_argument("--chunk", type=int, default=500, help="files per hadolint process (1 = one process per file)")
    ap.add_argument("--jobs", type=int, default=1, help="hadolint processes at once (hadolint already uses 2+ threads)")
    ap.add_argument("--reuse-hadolint", action="store_true", help="reuse out/hadolint.json when it matches the corpus")
    ap.add_argument("--dockward", default="", help="dockward binary ('' = hadolint only)")
    ap.add_argument("--dockward-dir", action="store_true", help="pass the corpus directory to dockward instead of the file list")
    ap.add_argument("--dockward-arg", action="append", default=[], help="extra argument for `dockward scan` (repeatable)")
    ap.add_argument("--include-parse-failures", action="store_true",
                    help="also compare files that hadolint (DL1000) or dockward (DW001) could not parse")
    ap.add_argument("--include-suppressed", action="store_true",
                    help="count dockward findings marked suppressed (hadolint drops `# hadolint ignore=` ones)")
    ap.add_argument("--preview", type=int, default=15)
    args = ap.parse_args()
    args.corpus = args.corpus.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    for pattern in ("diff-DL*.txt", "dockward.json", "dockward-*.txt", "dockward.stderr.txt"):
        for stale in args.out.glob(pattern):  # results of an earlier run
            stale.unlink()

    files = list_files(args.corpus)
    if not files:
        log(f"no files under {args.corpus}")
        return 1
    fileset = set(files)

    h_findings, h_meta = load_hadolint(args, files)
    dl1000 = sorted((f for f in h_findings if f["code"] == "DL1000"), key=lambda d: (d["file"], d["line"]))
    dl1000_files = sorted({f["file"] for f in dl1000})
    with open(args.out / "hadolint-dl1000.txt", "w") as fh:
        fh.write(f"# {h_meta.get('version')}: {len(dl1000_files)} of {len(files)} files not parsed (DL1000)\n")
        for f in dl1000:
            fh.write(f"{f['file']}:{f['line']}:{f['column']}: {one_line(f['message'])}\n")
        for f in h_meta.get("failed_files", []):
            fh.write(f"{f}: hadolint process failed (no JSON)\n")

    report, d_meta = run_dockward(args, files)
    d_findings: list[dict] = []
    dw001_files: list[str] = []
    suppressed = 0
    if report is not None:
        for f in report.get("findings", []):
            f = dict(f)
            f["file"] = norm_path(str(f.get("file", "")), args.corpus)
            if f.get("suppressed") and not args.include_suppressed:
                suppressed += 1
                continue
            d_findings.append(f)
        d_findings.sort(key=lambda d: (d["file"], d.get("line") or 0, d.get("column") or 0, d.get("code", "")))
        dw001 = [f for f in d_findings if f.get("code") == "DW001"]
        dw001_files = sorted({f["file"] for f in dw001})
        with open(args.out / "dockward-dw001.txt", "w") as fh:
            fh.write(f"# {d_meta.get('version')}: {len(dw001)} DW001 findings in {len(dw001_files)} of {len(files)} files\n")
            for f in dw001:
                fh.write(f"{f['file']}:{f.get('line')}:{f.get('column')}: {one_line(f.get('message') or f.get('name') or '')}\n")
        errors = sorted(report.get("errors", []), key=lambda e: (str(e.get("file")), e.get("line") or 0))
        with open(args.out / "dockward-errors.txt", "w") as fh:
            fh.write(f"# dockward errors[]: {len(errors)}\n")
            for e in errors:
                fh.write(f"{norm_path(str(e.get('file') or '-'), args.corpus)}:{e.get('line') or '-'}:{e.get('column') or '-'}: {one_line(e.get('message'))}\n")
        stray = sorted({f["file"] for f in d_findings} - fileset)
        if stray:
            log(f"dockward: {len(stray)} reported file(s) are not in the corpus list, e.g. {stray[:3]}")

    excluded = set() if args.include_parse_failures else set(dl1000_files) | set(dw001_files)
    src = SourceCache(args.corpus)

    # ------------------------------------------------------------ table rows
    header = ["DL code", "DW code(s)", "hadolint", "dockward", "both", "only hadolint", "only dockward",
              "same instr.", "files both", "files only h", "files only d"]
    rows, summary = [], {}
    for dl, dw_expected, what in COMPARED:
        H: dict[tuple[str, int], list[str]] = defaultdict(list)
        for f in h_findings:
            if f["code"] == dl and f["file"] not in excluded:
                # Key by instruction: hadolint reports an instruction's first line, dockward
                # the exact word at fault (a package, a flag), so lines alone would not match.
                H[(f["file"], src.start(f["file"], int(f["line"])))].append(f.get("message", ""))
        D: dict[tuple[str, int], list[str]] = defaultdict(list)
        dw_codes: set[str] = set()
        for f in d_findings:
            eq = {str(e).upper() for e in f.get("equivalents") or []}
            if dl in eq and f["file"] not in excluded:
                D[(f["file"], src.start(f["file"], int(f.get("line") or 0)))].append(f"{f.get('code')} {f.get('message') or f.get('name') or ''}".strip())
                dw_codes.add(str(f.get("code")))
        hk, dk = set(H), set(D)
        both, only_h, only_d = hk & dk, sorted(hk - dk), sorted(dk - hk)
        # unmatched pairs that fall in the same instruction on both sides
        near_h: dict[tuple[str, int], int] = {}
        near_d: dict[tuple[str, int], int] = {}
        if report is not None:
            d_by_inst = defaultdict(list)
            for fi, ln in only_d:
                d_by_inst[(fi, src.start(fi, ln))].append(ln)
            h_by_inst = defaultdict(list)
            for fi, ln in only_h:
                h_by_inst[(fi, src.start(fi, ln))].append(ln)
            for fi, ln in only_h:
                other = d_by_inst.get((fi, src.start(fi, ln)))
                if other:
                    near_h[(fi, ln)] = other[0]
            for fi, ln in only_d:
                other = h_by_inst.get((fi, src.start(fi, ln)))
                if other:
                    near_d[(fi, ln)] = other[0]
        hf, df = {k[0] for k in hk}, {k[0] for k in dk}
        s = {
            "dl": dl, "what": what, "dw_codes": sorted(dw_codes) or [dw_expected],
            "hadolint_pairs": len(hk), "hadolint_raw": sum(map(len, H.values())),
            "hadolint_files": len(hf),
        }
        if report is not None:
            s.update({
                "dockward_pairs": len(dk), "dockward_raw": sum(map(len, D.values())),
                "dockward_files": len(df),
                "both": len(both), "only_hadolint": len(only_h), "only_dockward": len(only_d),
                "same_instruction_other_line": len(near_h),
                "files_both": len(hf & df), "files_only_hadolint": len(hf - df), "files_only_dockward": len(df - hf),
            })
            rows.append([dl, ",".join(s["dw_codes"]) if dw_codes else f"({dw_expected})", len(hk), len(dk), len(both),
                         len(only_h), len(only_d), len(near_h), len(hf & df), len(hf - df), len(df - hf)])
            # -------------------------------------------------- diff file
            entries = [(fi, ln, "only-hadolint", H[(fi, ln)], near_h.get((fi, ln))) for fi, ln in only_h]
            entries += [(fi, ln, "only-dockward", D[(fi, ln)], near_d.get((fi, ln))) for fi, ln in only_d]
            entries.sort(key=lambda e: (e[0], e[1], e[2]))
            lines = []
            for fi, ln, side, msgs, near in entries:
                other = "hadolint" if side == "only-dockward" else "dockward"
                note = f"  [{other} reports line {near} of the same instruction]" if near else ""
                lines.append(f"{side}  {fi}:{ln}  {clip(msgs[0], 90)}{note}\n      | {clip(src.line(fi, ln))}")
            head = (f"# {dl} ({what}) vs dockward findings whose equivalents contain {dl} "
                    f"({','.join(s['dw_codes'])})\n"
                    f"# (file, line) pairs: hadolint {len(hk)}, dockward {len(dk)}, both {len(both)}, "
                    f"only hadolint {len(only_h)}, only dockward {len(only_d)} "
                    f"({len(near_h)}+{len(near_d)} of them in the same instruction on another line)\n"
                    f"# files excluded (parse failures): {len(excluded)}\n")
            (args.out / f"diff-{dl}.txt").write_text(head + "".join(l + "\n" for l in lines))
            s["preview"] = lines[: args.preview]
        else:
            rows.append([dl, f"({dw_expected})", len(hk), "-", "-", "-", "-", "-", "-", "-", "-"])
        summary[dl] = s

    # ------------------------------------------------------------- printing
    out = []
    out.append(f"corpus: {args.corpus} ({len(files)} files)")
    out.append(f"hadolint: {h_meta.get('version')}, {h_meta.get('elapsed_seconds')} s wall"
               f"{' (in the earlier run reused here)' if h_meta.get('reused') else ''} "
               f"({h_meta.get('processes')} process(es)), {len(h_findings)} findings, "
               f"DL1000 in {len(dl1000_files)} files -> {args.out / 'hadolint-dl1000.txt'}")
    if report is not None:
        out.append(f"dockward: {d_meta.get('version')}, exit {d_meta.get('exit_code')}, {d_meta.get('elapsed_seconds')} s wall "
                   f"(one process, {d_meta.get('targets')}), {len(d_findings)} findings"
                   f"{'' if args.include_suppressed else f' (+{suppressed} suppressed, not counted)'}, "
                   f"DW001 in {len(dw001_files)} files -> {args.out / 'dockward-dw001.txt'}, "
                   f"{len(report.get('errors', []))} errors[] -> {args.out / 'dockward-errors.txt'}")
        if report.get("summary"):
            out.append(f"dockward summary: {json.dumps(report['summary'], sort_keys=True)}")
        both_fail = set(dl1000_files) & set(dw001_files)
        out.append(f"parse failures: hadolint only {len(set(dl1000_files) - set(dw001_files))}, "
                   f"dockward only {len(set(dw001_files) - set(dl1000_files))}, both {len(both_fail)}")
    else:
        out.append("dockward: not run (binary missing) - hadolint counts only")
    out.append(f"files compared: {len(files) - len(excluded)} "
               f"({'all' if args.include_parse_failures else f'{len(excluded)} excluded: not parsed by hadolint (DL1000) or dockward (DW001)'})")
    out.append("counts are unique (file, instruction) pairs (an instruction is named by its first line); 'same instr.' is 0 by construction")
    out.append("")
    out.append(fmt_table(rows, header))
    table_text = "\n".join(out)
    print(table_text)

    if report is not None:
        for dl, *_ in COMPARED:
            s = summary[dl]
            n = s["only_hadolint"] + s["only_dockward"]
            print(f"\n== {dl}: {n} differing (file, line) pairs -> {args.out / f'diff-{dl}.txt'}")
            for l in s["preview"]:
                print("  " + l)
            if n > len(s["preview"]):
                print(f"  ... {n - len(s['preview'])} more")
    else:
        print("\nhadolint raw counts (all findings, incl. duplicates on one line / unparsed files):")
        for dl, *_ in COMPARED:
            c = sum(1 for f in h_findings if f["code"] == dl)
            print(f"  {dl}: {c} findings in {len({f['file'] for f in h_findings if f['code'] == dl})} files")

    (args.out / "compare-summary.txt").write_text(table_text + "\n")
    for s in summary.values():
        s.pop("preview", None)
    (args.out / "compare-summary.json").write_text(json.dumps(
        {"corpus": str(args.corpus), "files": len(files), "excluded_files": len(excluded),
         "hadolint": h_meta, "dockward": d_meta, "rules": summary}, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
