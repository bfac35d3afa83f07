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
  scripts/precision-sample.py sample REPORT.json [--seed 20261206] [-k 3] [--label after]
                                 [--merge TRIAGE.md [--merge-table before]]
      prints the Markdown table of the sample, headed by a comment naming it (`table=LABEL`);
      with --merge, rows whose key (code, file, line, message) appears in the earlier triage get
      its verdict, class and reason; rows that only match on (code, file, line) get verdict `?`
      and the earlier verdict quoted in the reason.
  scripts/precision-sample.py summary TRIAGE.md [--table LABEL] [--weights REPORT.json]
      prints the totals, the precision per code and the count per class of a triaged table;
      with --weights, also the estimate for the whole report: each code's sample shares
      weighted by that code's number of unsuppressed findings in REPORT (the sample gives every
      code the same K, so its plain shares over-represent rare codes).

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
import signal
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


TABLE_MARK = re.compile(r'<!-- precision-sample table=(\S+?):')


def read_triage(path, table=None):
    """Rows of the triage table labelled `table` (or of every table) in a Markdown file."""
    rows, labels, current = [], set(), None
    for line in open(path, encoding='utf-8'):
        mark = TABLE_MARK.search(line)
        if mark:
            current = mark.group(1)
            labels.add(current)
            continue
        if not line.startswith('| ') or line.startswith('| n |'):
            continue
        if table is not None and current != table:
            continue
        cells = split_row(line)
        if len(cells) != 10 or not cells[0].isdigit():
            continue
        n, key, code, sev, loc, target, msg, verdict, cls, reason = cells
        file, _, lineno = loc.strip('`').rpartition(':')
        rows.append(dict(n=int(n), key=key, code=code, severity=sev, file=file, line=lineno,
                         target=target, message=msg, verdict=verdict, cls=cls, reason=reason))
    if table is None and len(labels) > 1:
        sys.exit(f'{path} holds several tables ({", ".join(sorted(labels))}): choose one with --table')
    if table is not None and table not in labels:
        sys.exit(f'{path} has no table labelled {table!r} (found: {", ".join(sorted(labels)) or "none"})')
    return rows


def cmd_sample(a):
    report = json.load(open(a.report, encoding='utf-8'))
    sample, by_code = draw(report, a.seed, a.k)
    previous = read_triage(a.merge, a.merge_table) if a.merge else []
    by_key = {r['key']: r for r in previous}
    by_place = {(r['code'], r['file'], r['line']): r for r in previous}
    print(f'<!-- precision-sample table={a.label}: sample {a.report} --seed {a.seed} -k {a.k}: '
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


def code_counts(report_path):
    report = json.load(open(report_path, encoding='utf-8'))
    return collections.Counter(f['code'] for f in report['findings'] if not f.get('suppressed'))


def cmd_summary(a):
    rows = read_triage(a.triage, a.table)
    weights = code_counts(a.weights) if a.weights else None
    counts = collections.Counter(r['verdict'] for r in rows)
    total = len(rows)
    print(f'findings triaged: {total}; codes: {len({r["code"] for r in rows})}')
    print('\n| verdict | count | share |\n|---|---:|---:|')
    for v in VERDICTS + ('?',):
        if counts[v] or v != '?':
            print(f'| {v} | {counts[v]} | {pct(counts[v], total)} |')
    per_code_rows = collections.defaultdict(list)
    for r in rows:
        per_code_rows[r['code']].append(r)
    if weights:
        missing = sorted(set(weights) - set(per_code_rows), key=code_order)
        total_w = sum(weights[c] for c in per_code_rows)
        est = collections.Counter()
        for code, rs in per_code_rows.items():
            for r in rs:
                est[r['verdict']] += weights[code] / len(rs)
        print(f'\nestimate over the {total_w} unsuppressed findings of the sampled codes in '
              f'{a.weights} (each code weighted by its finding count):')
        print('\n| verdict | estimated findings | share |\n|---|---:|---:|')
        for v in VERDICTS:
            print(f'| {v} | {est[v]:.0f} | {pct(est[v], total_w)} |')
        if missing:
            print(f'\ncodes in the report but not in the triage: {", ".join(missing)}')
    odd = [r for r in rows if r['verdict'] not in VERDICTS + ('?',)]
    if odd:
        print(f'\nrows with an unknown verdict: {[r["n"] for r in odd]}', file=sys.stderr)
    per_code = collections.defaultdict(collections.Counter)
    sev = {}
    for r in rows:
        per_code[r['code']][r['verdict']] += 1
        sev[r['code']] = r['severity']
    head = '| code | severity | findings in report | sampled | TRUE | FALSE | NOISY | precision (TRUE share) |'
    print('\n' + (head if weights else head.replace(' findings in report |', '')))
    print('|---|---|' + ('---:|' if weights else '') + '---:|---:|---:|---:|---:|')
    for code in sorted(per_code, key=code_order):
        c = per_code[code]
        n = sum(c.values())
        found = f' {weights[code]} |' if weights else ''
        print(f'| {code} | {sev[code]} |{found} {n} | {c["TRUE"]} | {c["FALSE"]} | {c["NOISY"]} | '
              f'{pct(c["TRUE"], n)} |')
    classes = collections.defaultdict(list)
    for r in rows:
        if r['verdict'] in ('FALSE', 'NOISY'):
            for cls in filter(None, re.split(r'[,\s]+', r['cls'])):
                classes[cls].append(r)
            if not r['cls'].strip():
                classes['(none)'].append(r)
    est_head = ' estimated findings in report |' if weights else ''
    print(f'\n| class | sampled findings | verdicts |{est_head} codes | rows |\n'
          f'|---|---:|---|{"---:|" if weights else ""}---|---|')
    for cls, rs in sorted(classes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        verdicts = collections.Counter(r['verdict'] for r in rs)
        codes = sorted({r['code'] for r in rs}, key=code_order)
        est = ''
        if weights:
            est = f' {sum(weights[r["code"]] / len(per_code_rows[r["code"]]) for r in rs):.0f} |'
        print(f'| {cls} | {len(rs)} | {", ".join(f"{v} {n}" for v, n in sorted(verdicts.items()))} '
              f'|{est} {", ".join(codes)} | {", ".join(str(r["n"]) for r in rs)} |')


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the output quietly
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    s = sub.add_parser('sample', help='draw the sample and print the table skeleton')
    s.add_argument('report', help='dockward JSON report over ../shared/corpus')
    s.add_argument('--seed', type=int, default=DEFAULT_SEED)
    s.add_argument('-k', type=int, default=3, help='findings drawn per code (default 3)')
    s.add_argument('--label', default='before', help='name of this table (default: before)')
    s.add_argument('--merge', help='earlier triage (Markdown) whose verdicts are reused')
    s.add_argument('--merge-table', help='label of the table in --merge to reuse (default: the only one)')
    t = sub.add_parser('summary', help='totals, per-code precision and classes of a triage')
    t.add_argument('triage', help='Markdown file holding the triaged table')
    t.add_argument('--table', help='label of the table to count when the file holds several')
    t.add_argument('--weights', help='the JSON report the sample was drawn from, to weight codes')
    a = ap.parse_args()
    cmd_sample(a) if a.cmd == 'sample' else cmd_summary(a)


main()
