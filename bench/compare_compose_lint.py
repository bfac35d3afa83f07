#!/usr/bin/env python3
"""Compare compose-lint and dockward findings over a corpus of Compose files.

Normally started through bench/compare-compose-lint.sh, which prepares PATH
and the corpus location. Only the Python standard library is used.

What it does
  1. Lists every regular file under the corpus directory (sorted, C order).
  2. Runs compose-lint (defaults only: explicit empty config, so no
     .compose-lint.yml discovery) ONCE over all files, in "project order": in
     each directory the override files (compose.override.yml, ...) come after
     the other files. compose-lint then merges a directory's override into its
     default file and does not lint the override a second time on its own,
     which gives the same projects as dockward (see bench/README.md: in sorted
     order compose-lint lints docker-compose.override.yml alone AND merges it).
     If the process fails as a whole (no JSON), the files are retried one
     process per directory, then one per file, and the failing ones listed.
  3. Runs `dockward scan --format json <corpus dir>` once, in ONE process
     (dockward finds the Compose files by name and groups them into projects).
  4. For each compared CL rule, selects dockward findings whose `equivalents`
     contain the CL code (never by DW code) and counts unique pairs two ways:
       (file, service)  file = the document the evidence is in, where an
                        override file merged into its default file counts as
                        that default file (both tools);
       (file, line)     file = the document the line is in (compose-lint's
                        `file`, dockward's `file`).

Outputs (in --out, default bench/out)
  compose-lint.json             compose-lint's JSON report as printed (one run)
  compose-lint.stderr.txt       its stderr (notes, merge warnings, skipped files)
  compose-lint-meta.json        version, command, timing, exit code, failures
  compose-lint-errors.txt       files compose-lint did not lint: parse errors,
                                skipped (Compose v1 / fragment), coverage gaps
  compose-overrides.txt         how each tool treated every override file
  dockward-compose.json         dockward's JSON report, as printed
  dockward-compose-dw001.txt    DW001 / DW002 findings (not parsed / schema)
  dockward-compose-errors.txt   dockward's `errors` array
  diff-compose-CL-00xx.txt      per rule: every differing (file, service) and
                                (file, line) with the messages of both tools
  compare-compose-summary.txt/json  the tables printed on stdout
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

# compose-lint rule -> what it checks (the DW codes come from dockward's
# `equivalents`, so the table stays right whatever rules exist or get renumbered).
COMPARED = [
    ("CL-0001", "docker socket mounted"),
    ("CL-0002", "privileged: true"),
    ("CL-0003", "no-new-privileges not set"),
    ("CL-0005", "port bound to all interfaces"),
    ("CL-0006", "cap_drop ALL missing"),
    ("CL-0007", "root filesystem writable"),
    ("CL-0008", "network_mode: host"),
    ("CL-0009", "seccomp/apparmor unconfined"),
    ("CL-0010", "host pid/ipc/uts/userns"),
    ("CL-0013", "sensitive host path mounted"),
    ("CL-0014", "logging driver none"),
    ("CL-0016", "dangerous host devices"),
    ("CL-0017", "shared mount propagation"),
    ("CL-0018", "user: root"),
    ("CL-0020", "credential env key with literal value"),
    ("CL-0026", "no memory/CPU limit"),
]
DOCKWARD_OK_EXIT = {0, 1, 2}       # 0 clean, 1 findings, 2 input errors
COMPOSE_LINT_OK_EXIT = {0, 1, 2}   # 0 clean, 1 findings >= --fail-on, 2 errors (parse, coverage gap)

# Compose's file names, in its order of preference. Read from dockward's source when it
# is there (crates/dockward_compose/src/project.rs), so the model follows dockward.
DEFAULT_FILES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"]
DEFAULT_OVERRIDE_FILES = ["compose.override.yml", "compose.override.yaml",
                          "docker-compose.override.yml", "docker-compose.override.yaml"]

SKIP_RE = re.compile(r"^(?P<file>.+?): Skipped: (?P<msg>.*)$")
MERGE_RE = re.compile(r"^warning: (?P<base>.+?): merged (?P<over>.+?) before linting")


def load_dockward_names(repo: Path) -> str:
    """Update DEFAULT_FILES / DEFAULT_OVERRIDE_FILES from dockward's source, if found."""
    src = repo / "crates" / "dockward_compose" / "src" / "project.rs"
    try:
        text = src.read_text()
    except OSError:
        return "built-in list (dockward source not found)"
    found = 0
    for const, target in (("DEFAULT_FILES", DEFAULT_FILES), ("DEFAULT_OVERRIDE_FILES", DEFAULT_OVERRIDE_FILES)):
        m = re.search(rf"pub const {const}\s*:[^=]*=\s*\[(.*?)\]\s*;", text, re.S)
        names = re.findall(r'"([^"]+)"', m.group(1)) if m else []
        if names:
            target[:] = names
            found += 1
    return f"from {src.relative_to(repo)}" if found == 2 else "built-in list (source not parsed)"


def norm_path(p: str, corpus: Path) -> str:
    """Normalise a reported path to a corpus-relative POSIX path."""
    if not p:
        return p
    if os.path.isabs(p):
        try:
            p = os.path.relpath(p, corpus)
        except ValueError:
            return p
    return Path(os.path.normpath(p)).as_posix()


# ----------------------------------------------------------- projects (model)
def dockward_projects(files: list[str]) -> tuple[dict[str, str], list[tuple[str, str, list[str]]]]:
    """dockward's grouping, per directory: the preferred default file takes the preferred
    override file; everything else is its own project. Returns (override -> base,
    [(dir, base, [other default files])] for directories with an override)."""
    by_dir: dict[str, set[str]] = defaultdict(set)
    for f in files:
        d, _, name = f.rpartition("/")
        by_dir[d].add(name)
    merged: dict[str, str] = {}
    info = []
    for d in sorted(by_dir):
        names = by_dir[d]
        base = next((n for n in DEFAULT_FILES if n in names), None)
        over = next((n for n in DEFAULT_OVERRIDE_FILES if n in names), None)
        if base and over:
            j = (lambda n: f"{d}/{n}" if d else n)
            merged[j(over)] = j(base)
            info.append((d, j(base), [j(n) for n in DEFAULT_FILES if n in names and n != base]))
    return merged, info


def project_order(files: list[str]) -> list[str]:
    """Files grouped by directory, each directory's override files last, so that
    compose-lint merges them into the default file and does not lint them alone."""
    def key(f: str):
        d, _, name = f.rpartition("/")
        return (d.encode("utf-8", "surrogateescape"), name in DEFAULT_OVERRIDE_FILES,
                name.encode("utf-8", "surrogateescape"))
    return sorted(files, key=key)


# --------------------------------------------------------------- compose-lint
def cl_run(cl: list[str], files: list[str], cwd: Path) -> tuple[int, bytes, bytes, float]:
    t0 = time.monotonic()
    r = subprocess.run([*cl, *files], cwd=cwd, capture_output=True)
    return r.returncode, r.stdout, r.stderr, time.monotonic() - t0


def cl_parse(stdout: bytes) -> dict | None:
    try:
        data = json.loads(stdout or b"")
        return data if isinstance(data, dict) and isinstance(data.get("findings"), list) else None
    except json.JSONDecodeError:
        return None


def run_compose_lint(args, files: list[str]) -> tuple[dict, str, dict]:
    order = project_order(files) if args.cl_order == "project" else list(files)
    cl = [args.compose_lint, "check", "--format", "json", "--config", args.compose_lint_config,
          *args.compose_lint_arg, "--"]
    arg_bytes = sum(len(f.encode()) + 1 for f in order)
    log(f"compose-lint: {len(order)} files in one process ({arg_bytes} bytes of arguments, {args.cl_order} order)")
    rc, out, err, elapsed = cl_run(cl, order, args.corpus)
    data = cl_parse(out)
    failed: list[str] = []
    processes = 1
    stderr_parts = [err]
    if data is None or rc not in COMPOSE_LINT_OK_EXIT:
        # The whole run failed (crash, argument list too long): one process per
        # directory (keeps base + override together), then per file.
        tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        log(f"compose-lint: one-process run failed (exit {rc}): {' / '.join(tail)}; retrying per directory")
        data = {"findings": [], "errors": [], "warnings": []}
        stderr_parts = []
        groups: dict[str, list[str]] = defaultdict(list)
        for f in order:
            groups[f.rpartition("/")[0]].append(f)
        for d in sorted(groups):
            todo = [groups[d]]
            while todo:
                chunk = todo.pop(0)
                r2, o2, e2, _ = cl_run(cl, chunk, args.corpus)
                processes += 1
                d2 = cl_parse(o2)
                if d2 is not None and r2 in COMPOSE_LINT_OK_EXIT:
                    for k in ("findings", "errors", "warnings"):
                        data[k] += d2.get(k) or []
                    stderr_parts.append(e2)
                elif len(chunk) > 1:
                    todo = [[f] for f in chunk] + todo
                else:
                    msg = e2.decode("utf-8", "replace").strip().splitlines()
                    log(f"compose-lint failed on {chunk[0]!r} (exit {r2}): {msg[-1] if msg else ''}")
                    failed.append(chunk[0])
                    stderr_parts.append(e2)
        elapsed = None
    stderr = b"".join(stderr_parts).decode("utf-8", "replace")
    meta = {
        "compose_lint": args.compose_lint,
        "version": tool_version([args.compose_lint, "--version"]),
        "command": " ".join([*cl, f"<{len(order)} files, {args.cl_order} order>"]),
        "config": args.compose_lint_config,
        "corpus": str(args.corpus),
        "files": len(files),
        "order": args.cl_order,
        "processes": processes,
        "exit_code": rc,
        "elapsed_seconds": None if elapsed is None else round(elapsed, 3),
        "findings": len(data["findings"]),
        "failed_files": sorted(failed),
    }
    return data, stderr, meta


def load_compose_lint(args, files: list[str]):
    jf, ef, mf = args.out / "compose-lint.json", args.out / "compose-lint.stderr.txt", args.out / "compose-lint-meta.json"
    if args.reuse_compose_lint and jf.exists() and mf.exists():
        meta = json.loads(mf.read_text())
        same = (meta.get("files") == len(files) and meta.get("corpus") == str(args.corpus)
                and meta.get("order") == args.cl_order
                and meta.get("version") == tool_version([args.compose_lint, "--version"]))
        if same:
            log(f"compose-lint: reusing {jf} ({meta.get('version')}, {meta.get('findings')} findings)")
            meta["reused"] = True
            return json.loads(jf.read_text()), (ef.read_text() if ef.exists() else ""), meta
        log("compose-lint: saved results are for another corpus, file count, order or version; re-running")
    data, stderr, meta = run_compose_lint(args, files)
    jf.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    ef.write_text(stderr)
    mf.write_text(json.dumps(meta, indent=2) + "\n")
    return data, stderr, meta


# ------------------------------------------------------------------- dockward
def run_dockward(args) -> tuple[dict | None, dict]:
    dw = args.dockward
    if not dw or not (os.path.isfile(dw) and os.access(dw, os.X_OK)) and not shutil.which(dw or ""):
        if dw:
            log(f"dockward: binary not found ({dw}): compose-lint side only. Build it with `cargo build --release`.")
        return None, {}
    cmd = [dw, "scan", "--format", "json", *args.dockward_arg, "--", "."]
    log(f"dockward: {dw} scan --format json {' '.join(args.dockward_arg)} -- . (corpus directory, one process)")
    t0 = time.monotonic()
    r = subprocess.run(cmd, cwd=args.corpus, capture_output=True)
    elapsed = time.monotonic() - t0
    (args.out / "dockward-compose.json").write_bytes(r.stdout)
    if r.stderr:
        (args.out / "dockward-compose.stderr.txt").write_bytes(r.stderr)
    meta = {
        "version": tool_version([dw, "--version"]),
        "exit_code": r.returncode,
        "elapsed_seconds": round(elapsed, 3),
        "stderr": r.stderr.decode("utf-8", "replace").strip()[-500:],
    }
    if r.returncode not in DOCKWARD_OK_EXIT:
        log(f"dockward: unexpected exit code {r.returncode} (0/1/2 are normal); stderr:")
        log(r.stderr.decode("utf-8", "replace")[-2000:])
    try:
        report = json.loads(r.stdout)
    except json.JSONDecodeError as e:
        log(f"dockward: output is not JSON ({e}); see {args.out / 'dockward-compose.json'}")
        sys.exit(3)
    log(f"dockward: {meta['version']}: exit {r.returncode}, {len(report.get('findings', []))} findings in {elapsed:.2f} s wall")
    return report, meta


# -------------------------------------------------------------------- helpers
def fmt_table(rows: list[list], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def fmt(r):
        return " | ".join(str(c).rjust(w) if j > 1 else str(c).ljust(w) for j, (c, w) in enumerate(zip(r, widths)))
    sep = "-+-".join("-" * w for w in widths)
    return "\n".join([fmt(header), sep, *map(fmt, rows)])


def skey(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


class SourceCache:
    def __init__(self, corpus: Path):
        self.corpus = corpus
        self._lines: dict[str, list[str]] = {}

    def line(self, f: str, n) -> str:
        if f not in self._lines:
            try:
                self._lines[f] = (self.corpus / f).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                self._lines[f] = []
        ls = self._lines[f]
        return ls[n - 1].strip() if isinstance(n, int) and 0 < n <= len(ls) else ""


# ----------------------------------------------------------------------- main
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="directory of Compose files")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--repo", type=Path, default=Path(__file__).resolve().parent.parent,
                    help="dockward repository (to read its Compose file names)")
    ap.add_argument("--compose-lint", default="compose-lint")
    ap.add_argument("--compose-lint-config", required=True, help="explicit config (disables config discovery)")
    ap.add_argument("--compose-lint-arg", action="append", default=[],
                    help="extra `compose-lint check` argument (repeatable), e.g. --no-env")
    ap.add_argument("--cl-order", choices=["project", "sorted"], default="project",
                    help="file order given to compose-lint: project (overrides after their base: merged, "
                         "not linted alone; default) or sorted (C order: overrides linted alone AND merged)")
    ap.add_argument("--reuse-compose-lint", action="store_true", help="reuse out/compose-lint.json when it matches")
    ap.add_argument("--dockward", default="", help="dockward binary ('' = compose-lint only)")
    ap.add_argument("--dockward-arg", action="append", default=[], help="extra `dockward scan` argument (repeatable)")
    ap.add_argument("--include-parse-failures", action="store_true",
                    help="also compare files compose-lint did not lint (parse error, v1/fragment skip) "
                         "or dockward did not parse (DW001)")
    ap.add_argument("--include-suppressed", action="store_true",
                    help="count findings marked suppressed (both tools honour inline comments)")
    ap.add_argument("--preview", type=int, default=10)
    args = ap.parse_args()
    args.corpus = args.corpus.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    for pattern in ("diff-compose-CL-*.txt", "dockward-compose*.json", "dockward-compose*.txt", "compose-overrides.txt"):
        for stale in args.out.glob(pattern):  # results of an earlier run
            stale.unlink()
    names_from = load_dockward_names(args.repo)

    files = list_files(args.corpus)
    if not files:
        log(f"no files under {args.corpus}")
        return 1
    fileset = set(files)
    over_to_base, over_dirs = dockward_projects(files)

    # ------------------------------------------------------- compose-lint side
    cl_data, cl_stderr, cl_meta = load_compose_lint(args, files)
    cl_all = []
    for f in cl_data.get("findings", []):
        f = dict(f)
        f["file"] = norm_path(str(f.get("file") or ""), args.corpus)
        if f.get("graded_file"):
            f["graded_file"] = norm_path(str(f["graded_file"]), args.corpus)
        cl_all.append(f)
    cl_suppressed = sum(1 for f in cl_all if f.get("suppressed"))
    cl_findings = [f for f in cl_all if args.include_suppressed or not f.get("suppressed")]

    # files compose-lint did not lint, and other errors
    cl_problems: dict[str, list[tuple[str, str]]] = defaultdict(list)   # file -> [(kind, message)]
    for e in cl_data.get("errors", []) or []:
        cl_problems[norm_path(str(e.get("file") or ""), args.corpus) or "-"].append((str(e.get("kind")), one_line(e.get("message"))))
    cl_merges: dict[str, list[str]] = defaultdict(list)   # override -> [bases compose-lint merged it into]
    for ln in cl_stderr.splitlines():
        m = SKIP_RE.match(ln)
        if m and not ln.startswith(("note:", "warning:", "Error:")):
            kind = "skipped-v1" if "Compose v1" in m.group("msg") else "skipped-fragment" if "fragment" in m.group("msg") else "skipped"
            cl_problems[norm_path(m.group("file"), args.corpus)].append((kind, one_line(m.group("msg"))))
        m = MERGE_RE.match(ln)
        if m:
            for o in m.group("over").split(", "):
                cl_merges[norm_path(o, args.corpus)].append(norm_path(m.group("base"), args.corpus))
    for f in cl_meta.get("failed_files", []):
        cl_problems[f].append(("process-failed", "compose-lint process failed on this file (no JSON)"))
    not_linted_kinds = {"parse", "skipped-v1", "skipped-fragment", "skipped", "process-failed"}
    cl_not_linted = sorted((f for f, ps in cl_problems.items() if any(k in not_linted_kinds for k, _ in ps)), key=skey)

    # ----------------------------------------------------------- dockward side
    report, d_meta = run_dockward(args)
    d_findings: list[dict] = []
    d_suppressed = 0
    dw_bad: dict[str, list[tuple[str, str]]] = defaultdict(list)   # file -> [(code, "line:col message")]
    if report is not None:
        for f in report.get("findings", []):
            f = dict(f)
            f["file"] = norm_path(str(f.get("file") or ""), args.corpus)
            if f.get("code") in ("DW001", "DW002"):
                dw_bad[f["file"]].append((f["code"], f"{f.get('line')}:{f.get('column')}: {one_line(f.get('message') or '')}"))
            if f.get("suppressed") and not args.include_suppressed:
                d_suppressed += 1
                continue
            d_findings.append(f)
        d_findings.sort(key=lambda d: (skey(d["file"]), d.get("line") or 0, d.get("column") or 0, d.get("code", "")))
        stray = sorted({f["file"] for f in d_findings} - fileset, key=skey)
        if stray:
            log(f"dockward: {len(stray)} reported file(s) are not in the corpus list, e.g. {stray[:3]}")
    dw001_files = sorted((f for f, v in dw_bad.items() if any(c == "DW001" for c, _ in v)), key=skey)
    dw002_files = sorted((f for f, v in dw_bad.items() if any(c == "DW002" for c, _ in v)), key=skey)

    # ---------------------------------------------------- error / failure lists
    with open(args.out / "compose-lint-errors.txt", "w") as fh:
        fh.write(f"# {cl_meta.get('version')}: files with errors or skipped, {len(cl_not_linted)} of {len(files)} not linted "
                 f"(parse error, Compose v1 / fragment skip, process failure); coverage_gap = linted, but an include:/extends: "
                 f"target was missing\n")
        for f in sorted(cl_problems, key=skey):
            dw = ",".join(sorted({c for c, _ in dw_bad.get(f, [])})) or "-"
            for kind, msg in sorted(cl_problems[f]):
                fh.write(f"{f}\t{kind}\tdockward:{dw}\t{msg}\n")
        for e in cl_data.get("warnings", []) or []:
            fh.write(f"{norm_path(str(e.get('file') or ''), args.corpus)}\twarning:{e.get('kind')}\t-\t{one_line(e.get('message'))}\n")
    if report is not None:
        with open(args.out / "dockward-compose-dw001.txt", "w") as fh:
            fh.write(f"# {d_meta.get('version')}: DW001 (not parsed) in {len(dw001_files)} files, DW002 (schema) in "
                     f"{len(dw002_files)} files; last column: what compose-lint did with the file\n")
            for f in sorted(dw_bad, key=skey):
                cl = ",".join(sorted({k for k, _ in cl_problems.get(f, [])})) or "linted"
                for code, msg in sorted(dw_bad[f]):
                    fh.write(f"{f}\t{code}\t{msg}\tcompose-lint:{cl}\n")
        errors = sorted(report.get("errors", []), key=lambda e: (str(e.get("file")), e.get("line") or 0))
        with open(args.out / "dockward-compose-errors.txt", "w") as fh:
            fh.write(f"# dockward errors[]: {len(errors)}\n")
            for e in errors:
                fh.write(f"{norm_path(str(e.get('file') or '-'), args.corpus)}:{e.get('line') or '-'}:{e.get('column') or '-'}: {one_line(e.get('message'))}\n")

    # ------------------------------------------------------- override handling
    all_overrides = sorted((f for f in files if f.rpartition("/")[2] in DEFAULT_OVERRIDE_FILES), key=skey)
    cl_alone = {f["file"] for f in cl_all if not f.get("graded_file")}
    d_files = {f["file"] for f in d_findings}
    ov_lines = []
    for o in all_overrides:
        base = over_to_base.get(o)
        cl_into = sorted(set(cl_merges.get(o, [])), key=skey)
        ov_lines.append(
            f"{o}\n    dockward: {'merged into ' + base if base else 'own project (no default file beside it)'}"
            f"{'; findings in it' if o in d_files else ''}\n"
            f"    compose-lint: {'merged into ' + ', '.join(cl_into) if cl_into else 'not merged'}"
            f"{'; ALSO linted alone' if o in cl_alone and cl_into else '; linted alone' if o in cl_alone else ''}")
    multi = [(d, b, others) for d, b, others in over_dirs if others]
    ov_head = (f"# override files ({', '.join(DEFAULT_OVERRIDE_FILES)}; names {names_from}): {len(all_overrides)}, "
               f"{len(over_to_base)} beside a default file\n"
               f"# compose-lint order: {cl_meta.get('order')}. compose-lint merges the first override found "
               f"(same order) into EVERY default-named file it is given; dockward into the preferred one "
               f"({' > '.join(DEFAULT_FILES)}) only. Directories with several default files and an override: "
               f"{len(multi)}{' (' + '; '.join(f'{b} + {others}' for _, b, others in multi) + ')' if multi else ''}\n")
    (args.out / "compose-overrides.txt").write_text(ov_head + "".join(l + "\n" for l in ov_lines))

    # ------------------------------------------------------------- comparison
    excluded = set() if args.include_parse_failures else set(cl_not_linted) | set(dw001_files)
    src = SourceCache(args.corpus)
    cl_not_linted_set, dw001_set = set(cl_not_linted), set(dw001_files)

    def proj(f: str) -> str:   # an override merged into its default file counts as that file
        return over_to_base.get(f, f)

    header_s = ["CL", "DW code(s)", "compose-lint", "dockward", "both", "only compose-lint", "only dockward"]
    header_l = ["CL", "DW code(s)", "compose-lint", "dockward", "both", "only compose-lint", "only dockward",
                "only-cl, same svc", "only-dw, same svc"]
    rows_s, rows_l, summary = [], [], {}
    for cl, what in COMPARED:
        CS: dict[tuple[str, str], list[str]] = defaultdict(list)
        CL_: dict[tuple[str, int], list[str]] = defaultdict(list)
        for f in cl_findings:
            if f.get("rule_id") != cl or f["file"] in excluded or f.get("graded_file", f["file"]) in excluded:
                continue
            msg = f"{cl} [{f.get('service')}] {f.get('message', '')}"
            CS[(proj(f["file"]), str(f.get("service")))].append(f"{f['file']}:{f.get('line')}: {msg}")
            if isinstance(f.get("line"), int):
                CL_[(f["file"], f["line"])].append(msg)
        DS: dict[tuple[str, str], list[str]] = defaultdict(list)
        DL: dict[tuple[str, int], list[str]] = defaultdict(list)
        dw_codes: set[str] = set()
        for f in d_findings:
            eq = {str(e).upper() for e in f.get("equivalents") or []}
            if cl not in eq or f["file"] in excluded:
                continue
            dw_codes.add(str(f.get("code")))
            msg = f"{f.get('code')} [{f.get('target')}] {f.get('message') or f.get('name') or ''}"
            DS[(proj(f["file"]), str(f.get("target")))].append(f"{f['file']}:{f.get('line')}: {msg}")
            if isinstance(f.get("line"), int):
                DL[(f["file"], f["line"])].append(msg)
        s = {"cl": cl, "what": what, "dw_codes": sorted(dw_codes),
             "compose_lint_findings": sum(map(len, CS.values())),
             "compose_lint_service_pairs": len(CS), "compose_lint_line_pairs": len(CL_),
             "compose_lint_files": len({k[0] for k in CS})}
        if report is None:
            rows_s.append([cl, "-", len(CS), "-", "-", "-", "-"])
            summary[cl] = s
            continue
        codes = ",".join(sorted(dw_codes)) or "(none)"
        # (file, service)
        cs, ds = set(CS), set(DS)
        both_s, only_cs, only_ds = cs & ds, sorted(cs - ds, key=lambda k: (skey(k[0]), k[1])), sorted(ds - cs, key=lambda k: (skey(k[0]), k[1]))
        rows_s.append([cl, codes, len(cs), len(ds), len(both_s), len(only_cs), len(only_ds)])
        # (file, line); "same svc": the unmatched line pair's (file, service) is matched
        cl_line_svc = {(f["file"], f["line"]): (proj(f["file"]), str(f.get("service"))) for f in cl_findings
                       if f.get("rule_id") == cl and isinstance(f.get("line"), int)}
        dw_line_svc = {(f["file"], f["line"]): (proj(f["file"]), str(f.get("target"))) for f in d_findings
                       if cl in {str(e).upper() for e in f.get("equivalents") or []} and isinstance(f.get("line"), int)}
        cl_, dl_ = set(CL_), set(DL)
        both_l = cl_ & dl_
        only_cl = sorted(cl_ - dl_, key=lambda k: (skey(k[0]), k[1]))
        only_dl = sorted(dl_ - cl_, key=lambda k: (skey(k[0]), k[1]))
        near_c = sum(1 for k in only_cl if cl_line_svc.get(k) in both_s)
        near_d = sum(1 for k in only_dl if dw_line_svc.get(k) in both_s)
        rows_l.append([cl, codes, len(cl_), len(dl_), len(both_l), len(only_cl), len(only_dl), near_c, near_d])
        s.update({"dockward_findings": sum(map(len, DS.values())),
                  "service": {"compose_lint": len(cs), "dockward": len(ds), "both": len(both_s),
                              "only_compose_lint": len(only_cs), "only_dockward": len(only_ds)},
                  "line": {"compose_lint": len(cl_), "dockward": len(dl_), "both": len(both_l),
                           "only_compose_lint": len(only_cl), "only_dockward": len(only_dl),
                           "only_compose_lint_same_service": near_c, "only_dockward_same_service": near_d}})
        # ---------------------------------------------------------- diff file
        lines = []
        entries = [(k, "only-compose-lint", CS[k]) for k in only_cs] + [(k, "only-dockward", DS[k]) for k in only_ds]
        entries.sort(key=lambda e: (skey(e[0][0]), e[0][1], e[1]))
        for (fi, svc), side, msgs in entries:
            other = DS if side == "only-compose-lint" else CS
            others_in_file = sorted({k[1] for k in other if k[0] == fi})
            note = f"  [other tool: {len(others_in_file)} service(s) in this file]" if others_in_file else "  [other tool: nothing in this file]"
            if side == "only-dockward" and fi in cl_not_linted_set:
                note += f" [compose-lint: {','.join(sorted({k for k, _ in cl_problems[fi]}))}]"
            if side == "only-compose-lint" and fi in dw001_set:
                note += " [dockward: DW001]"
            loc, _, m = msgs[0].partition(": ")
            lines.append(f"{side}  {fi}  service={svc}{note}\n      {loc}: {clip(m, 120)}"
                         + (f"\n      | {clip(src.line(*_split_loc(loc)))}" if _split_loc(loc)[1] else "")
                         + (f"\n      (+{len(msgs) - 1} more)" if len(msgs) > 1 else ""))
        line_entries = [(k, "only-compose-lint", CL_[k], DL) for k in only_cl] + [(k, "only-dockward", DL[k], CL_) for k in only_dl]
        line_entries.sort(key=lambda e: (skey(e[0][0]), e[0][1], e[1]))
        llines = []
        for (fi, ln), side, msgs, other in line_entries:
            near = sorted(k[1] for k in other if k[0] == fi)
            nearest = min(near, key=lambda x: (abs(x - ln), x)) if near else None
            note = f"  [other tool nearest: line {nearest}: {clip(other[(fi, nearest)][0], 60)}]" if nearest else "  [other tool: no line in this file]"
            llines.append(f"{side}  {fi}:{ln}  {clip(msgs[0], 100)}{note}\n      | {clip(src.line(fi, ln))}")
        head = (f"# {cl} ({what}) vs dockward findings whose equivalents contain {cl} ({codes})\n"
                f"# (file, service) pairs: compose-lint {len(cs)}, dockward {len(ds)}, both {len(both_s)}, "
                f"only compose-lint {len(only_cs)}, only dockward {len(only_ds)}\n"
                f"# (file, line) pairs: compose-lint {len(cl_)}, dockward {len(dl_)}, both {len(both_l)}, "
                f"only compose-lint {len(only_cl)} ({near_c} in a matched service), only dockward {len(only_dl)} "
                f"({near_d} in a matched service)\n"
                f"# file = document the evidence is in; an override merged into its default file counts as that file "
                f"for (file, service). Files excluded (not linted / not parsed): {len(excluded)}\n")
        body = ("\n## (file, service) differences\n" + "".join(l + "\n" for l in lines)
                + "\n## (file, line) differences\n" + "".join(l + "\n" for l in llines))
        (args.out / f"diff-compose-{cl}.txt").write_text(head + body)
        s["preview"] = lines[: args.preview]
        s["n_diff"] = len(lines)
        summary[cl] = s

    # --------------------------------------------------------------- printing
    out = []
    out.append(f"corpus: {args.corpus} ({len(files)} files)")
    t = cl_meta.get("elapsed_seconds")
    out.append(f"compose-lint: {cl_meta.get('version')}, {'%s s wall' % t if t is not None else 'time n/a (retried per directory)'}"
               f"{' (in the earlier run reused here)' if cl_meta.get('reused') else ''}, {cl_meta.get('processes')} process(es), "
               f"exit {cl_meta.get('exit_code')}, {len(cl_all)} findings ({cl_suppressed} suppressed"
               f"{'' if args.include_suppressed else ', not counted'})")
    out.append(f"  invoked: (cd {args.corpus} && {cl_meta.get('command')})")
    kinds = defaultdict(int)
    for ps in cl_problems.values():
        for k in {k for k, _ in ps}:
            kinds[k] += 1
    out.append(f"  not linted: {len(cl_not_linted)} files ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()) if k in not_linted_kinds)}); "
               f"linted with a coverage gap (include:/extends: target missing): {kinds.get('coverage_gap', 0)} files "
               f"-> {args.out / 'compose-lint-errors.txt'}")
    if report is not None:
        out.append(f"dockward: {d_meta.get('version')}, exit {d_meta.get('exit_code')}, {d_meta.get('elapsed_seconds')} s wall "
                   f"(one process, corpus directory), {len(d_findings)} findings"
                   f"{'' if args.include_suppressed else f' (+{d_suppressed} suppressed, not counted)'}, "
                   f"{len({f['file'] for f in d_findings} & fileset)} files with findings, "
                   f"{len(report.get('errors', []))} errors[] -> {args.out / 'dockward-compose-errors.txt'}")
        if report.get("summary"):
            out.append(f"  summary: {json.dumps(report['summary'], sort_keys=True)}")
        surf = defaultdict(int)
        for f in d_findings:
            surf[f.get("surface")] += 1
        out.append(f"  findings by surface: {dict(sorted((str(k), v) for k, v in surf.items()))}")
        out.append(f"  DW001 (not parsed) in {len(dw001_files)} files, DW002 (schema) in {len(dw002_files)} files "
                   f"-> {args.out / 'dockward-compose-dw001.txt'}")
        cl_parse_files = {f for f, ps in cl_problems.items() if any(k == "parse" for k, _ in ps)}
        skipped = {f for f, ps in cl_problems.items() if any(k.startswith("skipped") for k, _ in ps)}
        out.append(f"  compose-lint parse errors vs DW001: both {len(cl_parse_files & set(dw001_files))}, "
                   f"compose-lint only {len(cl_parse_files - set(dw001_files))}, DW001 only {len(set(dw001_files) - cl_parse_files)}; "
                   f"compose-lint skipped (v1/fragment) {len(skipped)} files, of which dockward: DW001 "
                   f"{len(skipped & set(dw001_files))}, DW002 {len(skipped & set(dw002_files))}, "
                   f"other findings {len(skipped & {f['file'] for f in d_findings if f.get('code') not in ('DW001', 'DW002')})}")
    else:
        out.append("dockward: not run (binary missing) - compose-lint counts only")
    merged_cl = sum(1 for o in all_overrides if cl_merges.get(o))
    alone_cl = sum(1 for o in all_overrides if o in cl_alone and o in over_to_base)
    out.append(f"override files: {len(all_overrides)} ({len(over_to_base)} beside a default file, merged by dockward); "
               f"compose-lint merged {merged_cl}, linted {alone_cl} of those also alone -> {args.out / 'compose-overrides.txt'}")
    out.append(f"files compared: {len(files) - len(excluded)} "
               f"({'all' if args.include_parse_failures else f'{len(excluded)} excluded: not linted by compose-lint or DW001'})")
    out.append("")
    out.append("(a) unique (file, service) pairs; file = document with the evidence, a merged override counted as its default file")
    out.append(fmt_table(rows_s, header_s))
    if report is not None:
        out.append("")
        out.append("(b) unique (file, line) pairs; 'same svc' = unmatched line whose (file, service) pair is matched (other line)")
        out.append(fmt_table(rows_l, header_l))
    table_text = "\n".join(out)
    print(table_text)

    if report is not None:
        for cl, _ in COMPARED:
            s = summary[cl]
            print(f"\n== {cl}: {s['n_diff']} differing (file, service) pairs -> {args.out / f'diff-compose-{cl}.txt'}")
            for l in s["preview"]:
                print("  " + l.replace("\n", "\n  "))
            if s["n_diff"] > len(s["preview"]):
                print(f"  ... {s['n_diff'] - len(s['preview'])} more")

    (args.out / "compare-compose-summary.txt").write_text(table_text + "\n")
    for s in summary.values():
        s.pop("preview", None)
    (args.out / "compare-compose-summary.json").write_text(json.dumps(
        {"corpus": str(args.corpus), "files": len(files), "excluded_files": len(excluded),
         "compose_lint": cl_meta, "compose_lint_not_linted": cl_not_linted,
         "dockward": d_meta, "dockward_dw001_files": dw001_files, "dockward_dw002_files": dw002_files,
         "rules": summary}, indent=2, sort_keys=True) + "\n")
    return 0


def _split_loc(loc: str) -> tuple[str, int | None]:
    f, _, n = loc.rpartition(":")
    return (f, int(n)) if n.isdigit() else (loc, None)


if __name__ == "__main__":
    sys.exit(main())
