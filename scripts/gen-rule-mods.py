#!/usr/bin/env python3
"""Regenerate crates/dockward_rules/src/<practice>/mod.rs from the rule files present.

Each `dw<code>_<name>.rs` becomes `pub mod` + one `Rule` entry whose check functions are the
ones the file defines: `check` (Dockerfile), `check_container` (Compose service / live
container), `check_project` (whole Compose project), `check_host` (Docker daemon facts), `check_image` (a local image). Keeps the first `//!` lines of mod.rs.
Usage: scripts/gen-rule-mods.py [practice ...]   (default: every practice folder)
"""
import os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'crates', 'dockward_rules', 'src')

def regen(group):
    d = os.path.join(ROOT, group)
    p = os.path.join(d, 'mod.rs')
    old = open(p).read() if os.path.exists(p) else '//! Rules of this practice (see RULES.md).\n'
    doc = [l for l in old.splitlines() if l.startswith('//!')][:3]
    files = sorted((f[:-3] for f in os.listdir(d) if re.match(r'dw\d+_.*\.rs$', f)),
                   key=lambda f: int(re.match(r'dw(\d+)', f).group(1)))
    out = '\n'.join(doc) + '\nuse crate::registry::Rule;\n\n'
    out += ''.join(f'pub mod {f};\n' for f in files) + '\npub static RULES: &[Rule] = &[\n'
    for f in files:
        src = open(os.path.join(d, f + '.rs')).read()
        def has(fn):
            return f'{f}::{fn}' if re.search(r'pub fn ' + fn + r'\(', src) else None
        parts = [f'meta: &{f}::RULE']
        for field, fn in (('dockerfile', 'check'), ('container', 'check_container'), ('project', 'check_project'), ('host', 'check_host'), ('image', 'check_image')):
            h = has(fn)
            parts.append(f'{field}: ' + (f'Some({h})' if h else 'None'))
        out += '    Rule { ' + ', '.join(parts) + ' },\n'
    out += '];\n'
    open(p, 'w').write(out)

groups = sys.argv[1:] or sorted(g for g in os.listdir(ROOT) if os.path.isfile(os.path.join(ROOT, g, 'mod.rs')) and g != 'support')
for g in groups:
    regen(g)
