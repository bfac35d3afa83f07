#!/usr/bin/env python3
"""Draw, merge and count the hand-triaged precision sample of docs/precision.md.

Why it exists: "how many of dockward's findings are worth reading" can only be answered by
reading them. This script makes that reading repeatable: the same seed and the same JSON report
always give the same stratified sample, an "after" triage reuses every verdict of a "before"
triage whose finding is unchanged (so only new findings need reading), and the totals, the
per-code precision and the per-class counts are computed from the table instead of by hand.

Sampling: the strata are the rule codes. From each code with at least one unsuppressed finding
it draws up to K findings (default 3) uniformly without replacement from that code's findings
sorted by (file, line, column, message), with `random.Random(f"{SEED}:{CODE}")`: one generator
per code, seeded from the seed and the code, so a code whose findings did not change between two
reports draws exactly the same findings again (the before/after comparison stays paired) and a
new or vanished code does not shift the draws of the others.

Usage:
  scripts/precision-sample.py sample REPORT.json [--seed 20261206] [-k 3] [--merge TRIAGE.md]
      prints the Markdown table of the sample; with --merge, rows whose key (code, file, line,
      message) appears in the earlier triage get its verdict, class and reason; rows that only
      match on (code, file, line) get verdict `?` and the earlier verdict quoted in the reason.
  scripts/precision-sample.py summary TRIAGE.md
      prints the totals, the precision per code and the count per class of a triaged table.

Table columns: n | key | code | severity | file:line | target | message | verdict | class | reason.
`key` is the first 10 hex digits of sha1(code, file, line, message), the merge key; `verdict`
is TRUE, FALSE, NOISY (or `?` while untriaged); `class` names the "Classes to fix" entry a FALSE
or NOISY finding belongs to (e.g. `F1`, `N3`).
"""
import argparse
import collections
import hashlib
import json
import random
import re
import sys

DEFAULT_SEED = 20261206
HEADER = ('| n | key | code | severity | file:line | target | message | verdict | class | reason |\n'
          '|---:|---|---|---|---|---|---|---|---|---|')
EXCERPT = 160
VERDICTS = ('TRUE', 'FALSE', 'NOISY')


def finding_key(code, file, line, message):
    raw = '\0'.join((code, file or '', str(line or 0), message))
    return hashlib.sha1(raw.encode()).hexdigest()[:10]


def code_order(code):
    """DW001 < DW046 < DW103 < DW1101: by practice number, then sequence."""
    digits = re.sub(r'\D', '', code)
    return (int(digits) if digits else 0, code)


def cell(text):
    """Make a value safe inside one Markdown table cell."""
    return str(text).replace('\\', '\\\\').replace('|', '\\|').replace('\n', ' ')


def uncell(text):
    return text.strip().replace('\\|', '|').replace('\\\\', '\\')


def excerpt(message):
    return message if len(message) <= EXCERPT else message[:EXCERPT - 1] + '…'


def draw(report, seed, k):
    by_code = collections.defaultdict(list)
    for f in report['findings']:
        if not f.get('suppressed'):
            by_code[f['code']].append(f)
    sample = []
    for code in sorted(by_code, key=code_order):
        rows = sorted(by_code[code], key=lambda f: (f.get('file') or '', f.get('line') or 0,
                                                    f.get('column') or 0, f['message']))
        rng = random.Random(f'{seed}:{code}')
        picked = sorted(rng.sample(range(len(rows)), min(k, len(rows))))
        sample.extend(rows[i] for i in picked)
    return sample, by_code


def split_row(line):
    """Cells of one Markdown table row, honouring escaped pipes."""
    cells, cur, i, body = [], '', 0, line.strip()[1:-1]
    while i < len(body):
        if body[i] == '\\' and i + 1 < len(body):
            cur += body[i:i + 2]
            i += 2
            continue
        if body[i] == '|':
            cells.append(cur)
            cur = ''
        else:
            cur += body[i]
        i += 1
    cells.append(cur)
    return [uncell(c) for c in cells]


def read_triage(path):
    """Rows of a triage table (any Markdown file holding the table) as dicts."""
    rows = []
    for line in open(path, encoding='utf-8'):
        if not line.startswith('| ') or line.startswith('| n |'):
            continue
        cells = split_row(line)
        if len(cells) != 10 or not cells[0].isdigit():
            continue
        n, key, code, sev, loc, target, msg, verdict, cls, reason = cells
        file, _, lineno = loc.strip('`').rpartition(':')
        rows.append(dict(n=int(n), key=key, code=code, severity=sev, file=file, line=lineno,
                         target=target, message=msg, verdict=verdict, cls=cls, reason=reason))
    return rows


def cmd_sample(a):
    report = json.load(open(a.report, encoding='utf-8'))
    sample, by_code = draw(report, a.seed, a.k)
    previous = read_triage(a.merge) if a.merge else []
    by_key = {r['key']: r for r in previous}
    by_place = {(r['code'], r['file'], r['line']): r for r in previous}
    print(f'<!-- precision-sample.py sample {a.report} --seed {a.seed} -k {a.k}: '
          f'{len(sample)} findings over {len(by_code)} codes -->')
    print(HEADER)
    merged = 0
    for n, f in enumerate(sample, 1):
        key = finding_key(f['code'], f.get('file'), f.get('line'), f['message'])
        verdict, cls, reason = '?', '', ''
        if key in by_key:
            old = by_key[key]
            verdict, cls, reason = old['verdict'], old['cls'], old['reason']
            merged += 1
        elif (f['code'], f.get('file') or '', str(f.get('line') or 0)) in by_place:
            old = by_place[(f['code'], f.get('file') or '', str(f.get('line') or 0))]
            reason = f'(message changed; was {old["verdict"]}: {old["reason"]})'
        loc = f'`{f.get("file") or "-"}:{f.get("line") or 0}`'
        print('| ' + ' | '.join(cell(x) for x in (
            n, key, f['code'], f['severity'], loc, f.get('target') or '', excerpt(f['message']),
            verdict, cls, reason)) + ' |')
    print(f'sampled {len(sample)} findings over {len(by_code)} codes; '
          f'{merged} verdicts merged from {a.merge}' if a.merge else
          f'sampled {len(sample)} findings over {len(by_code)} codes', file=sys.stderr)


def pct(part, whole):
    return f'{100 * part / whole:.1f}%' if whole else '-'


def cmd_summary(a):
    rows = read_triage(a.triage)
    counts = collections.Counter(r['verdict'] for r in rows)
    total = len(rows)
    print(f'findings triaged: {total}; codes: {len({r["code"] for r in rows})}')
    print('\n| verdict | count | share |\n|---|---:|---:|')
    for v in VERDICTS + ('?',):
        if counts[v] or v != '?':
            print(f'| {v} | {counts[v]} | {pct(counts[v], total)} |')
    odd = [r for r in rows if r['verdict'] not in VERDICTS + ('?',)]
    if odd:
        print(f'\nrows with an unknown verdict: {[r["n"] for r in odd]}', file=sys.stderr)
    per_code = collections.defaultdict(collections.Counter)
    sev = {}
    for r in rows:
        per_code[r['code']][r['verdict']] += 1
        sev[r['code']] = r['severity']
    print('\n| code | severity | sampled | TRUE | FALSE | NOISY | precision (TRUE share) |\n'
          '|---|---|---:|---:|---:|---:|---:|')
    for code in sorted(per_code, key=code_order):
        c = per_code[code]
        n = sum(c.values())
        print(f'| {code} | {sev[code]} | {n} | {c["TRUE"]} | {c["FALSE"]} | {c["NOISY"]} | '
              f'{pct(c["TRUE"], n)} |')
    classes = collections.defaultdict(list)
    for r in rows:
        if r['verdict'] in ('FALSE', 'NOISY'):
            for cls in filter(None, re.split(r'[,\s]+', r['cls'])):
                classes[cls].append(r)
            if not r['cls'].strip():
                classes['(none)'].append(r)
    print('\n| class | findings | verdicts | codes | rows |\n|---|---:|---|---|---|')
    for cls, rs in sorted(classes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        verdicts = collections.Counter(r['verdict'] for r in rs)
        codes = sorted({r['code'] for r in rs}, key=code_order)
        print(f'| {cls} | {len(rs)} | {", ".join(f"{v} {n}" for v, n in sorted(verdicts.items()))} '
              f'| {", ".join(codes)} | {", ".join(str(r["n"]) for r in rs)} |')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    s = sub.add_parser('sample', help='draw the sample and print the table skeleton')
    s.add_argument('report', help='dockward JSON report over ../shared/corpus')
    s.add_argument('--seed', type=int, default=DEFAULT_SEED)
    s.add_argument('-k', type=int, default=3, help='findings drawn per code (default 3)')
    s.add_argument('--merge', help='earlier triage (Markdown) whose verdicts are reused')
    t = sub.add_parser('summary', help='totals, per-code precision and classes of a triage')
    t.add_argument('triage', help='Markdown file holding the triaged table')
    a = ap.parse_args()
    cmd_sample(a) if a.cmd == 'sample' else cmd_summary(a)


main()
