#!/usr/bin/env python3
"""Compare the corpus findings of two dockward binaries (or saved JSON reports).

The safety net for refactors: every finding over ../shared/corpus as (code, file, line,
column, message), before and after. Prints the findings only one side has, grouped by rule
code, and exits 1 when the two sides differ.

Usage: scripts/corpus-diff.py BEFORE AFTER [--corpus DIR] [--show N]
  BEFORE/AFTER: a dockward binary, or a JSON report made with
  `dockward scan dockerfiles compose --format json` run inside the corpus directory.
"""
import argparse, collections, json, os, subprocess, sys

def findings(side, corpus):
    if side.endswith('.json'):
        data = json.load(open(side))
    else:
        out = subprocess.run([os.path.abspath(side), 'scan', 'dockerfiles', 'compose', '--format', 'json',
                              '--no-config', '-q'], cwd=corpus, capture_output=True, text=True)
        if out.returncode not in (0, 1, 2):
            sys.exit(f'{side} exited {out.returncode}: {out.stderr[:2000]}')
        data = json.loads(out.stdout)
    rows = collections.Counter()
    for f in data['findings']:
        rows[(f['code'], f.get('file') or '', f.get('line') or 0, f.get('column') or 0, f['message'])] += 1
    return rows

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('before'); ap.add_argument('after')
    ap.add_argument('--corpus', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'corpus'))
    ap.add_argument('--show', type=int, default=5, help='examples printed per code and side')
    a = ap.parse_args()
    if not os.path.isdir(a.corpus):
        sys.exit(f'no corpus at {a.corpus}')
    b, c = findings(a.before, a.corpus), findings(a.after, a.corpus)
    gone, new = b - c, c - b
    print(f'before: {sum(b.values())} findings; after: {sum(c.values())}; only before: {sum(gone.values())}; only after: {sum(new.values())}')
    for label, side in (('only before', gone), ('only after', new)):
        by_code = collections.defaultdict(list)
        for row in sorted(side):
            by_code[row[0]].append(row)
        for code in sorted(by_code):
            rows = by_code[code]
            print(f'\n{label}: {code} ({len(rows)})')
            for r in rows[:a.show]:
                print(f'  {r[1]}:{r[2]}:{r[3]}: {r[4][:300]}')
    sys.exit(1 if gone or new else 0)

main()
