#!/usr/bin/env python3
"""Scaffold a new rule: its file (doc sections, RULE, check functions) and its fixtures.

The registry, the docs table and the rule's test are generated from the file by
crates/dockward_rules/build.rs, so nothing else needs editing. The scaffold does not pass its
own test on purpose: the bad fixture gives no finding until the check is written.

Usage:
  scripts/new-rule.py CODE NAME --surfaces dockerfile,compose[,container,host,image]
                      [--severity low|medium|high|critical|info] [--summary TEXT]
Example:
  scripts/new-rule.py DW047 copy-ignored-file --surfaces dockerfile --severity low \\
      --summary "COPY names a file the .dockerignore excludes"

The practice (folder) follows from the code: DW0xx correctness, DW1xx keep_updated, DW2xx
trusted_images, ... DW12xx logging (see PRACTICES below).
"""
import argparse, os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'crates', 'dockward_rules')
# Practice number -> (folder, dockward_core::Practice variant).
PRACTICES = {
    0: ('correctness', 'Correctness'), 1: ('keep_updated', 'KeepUpdated'),
    2: ('trusted_images', 'TrustedImages'), 3: ('vulnerability_scanning', 'VulnerabilityScanning'),
    4: ('resource_limits', 'ResourceLimits'), 5: ('least_privilege', 'LeastPrivilege'),
    6: ('secrets', 'Secrets'), 7: ('content_trust', 'ContentTrust'), 8: ('read_only', 'ReadOnly'),
    9: ('network', 'Network'), 10: ('host_audit', 'HostAudit'),
    11: ('kernel_security', 'KernelSecurity'), 12: ('logging', 'Logging'),
}
SURFACES = {'dockerfile': 'Dockerfile', 'compose': 'Compose', 'container': 'Container',
            'host': 'Host', 'image': 'Image'}

CHECKS = {
    'dockerfile': '''
pub fn check(ctx: &DockerfileCtx, out: &mut Vec<Finding>) {
    // Walk ctx.instructions(), ctx.model (stages, scripts) ...; push ctx.finding(&RULE, span, msg).
    let _ = (ctx, out);
}
''',
    'container': '''
/// Runs on a Compose service (surface `compose`) and a live container (`container`) alike,
/// on the surfaces RULE declares.
pub fn check_container(ctx: &ContainerCtx, out: &mut Vec<Finding>) {
    // Read ctx.spec (ContainerSpec); push ctx.finding_at(&RULE, &located_value, msg).
    let _ = (ctx, out);
}
''',
    'host': '''
pub fn check_host(ctx: &HostCtx, out: &mut Vec<Finding>) {
    // Read ctx.facts (HostFacts) and ctx.files(); push ctx.finding(&RULE, msg).
    let _ = (ctx, out);
}
''',
    'image': '''
pub fn check_image(ctx: &ImageCtx, out: &mut Vec<Finding>) {
    // Read ctx.image (ImageSpec); push ctx.finding(&RULE, msg).
    let _ = (ctx, out);
}
''',
}

FIXTURES = {
    'dockerfile': [('bad.Dockerfile', 'FROM alpine:3.20\n# TODO: what the rule must flag\n'),
                   ('good.Dockerfile', 'FROM alpine:3.20\n# TODO: the same, done right\n')],
    'compose': [('bad.compose.yaml', 'services:\n  app:\n    image: example/app:1.0\n    # TODO: what the rule must flag\n'),
                ('good.compose.yaml', 'services:\n  app:\n    image: example/app:1.0\n    # TODO: the same, done right\n')],
    'host': [('host-bad.json', '{}\n'), ('host-good.json', '{}\n')],
    'image': [('image-bad.json', '{"id": "sha256:0000000000000000000000000000000000000000000000000000000000000001", "repo_tags": ["example/app:bad"]}\n'),
              ('image-good.json', '{"id": "sha256:0000000000000000000000000000000000000000000000000000000000000002", "repo_tags": ["example/app:good"]}\n')],
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('code'); ap.add_argument('name')
    ap.add_argument('--surfaces', required=True)
    ap.add_argument('--severity', default='medium', choices=['info', 'low', 'medium', 'high', 'critical'])
    ap.add_argument('--summary', default='TODO: one line saying what is wrong')
    a = ap.parse_args()
    m = re.fullmatch(r'DW(\d{3,4})', a.code.upper())
    if not m:
        sys.exit('CODE must look like DW047 or DW1209')
    code, n = a.code.upper(), int(m.group(1))
    practice = 0 if n < 100 else n // 100
    if practice not in PRACTICES:
        sys.exit(f'no practice {practice}')
    if not re.fullmatch(r'[a-z0-9]+(-[a-z0-9]+)*', a.name):
        sys.exit('NAME is kebab-case, e.g. copy-ignored-file')
    surfaces = [s.strip() for s in a.surfaces.split(',') if s.strip()]
    for s in surfaces:
        if s not in SURFACES:
            sys.exit(f'unknown surface {s} (one of {", ".join(SURFACES)})')
    folder, variant = PRACTICES[practice]
    src = os.path.join(ROOT, 'src', folder)
    for existing in os.listdir(src) if os.path.isdir(src) else []:
        if existing.startswith(code.lower() + '_'):
            sys.exit(f'{code} exists already: src/{folder}/{existing} (codes are never reused)')
    if not os.path.isdir(src):
        os.makedirs(src)
        with open(os.path.join(src, 'mod.rs'), 'w') as f:
            f.write(f'//! Group {practice}: TODO say what this practice is.\n//!\n'
                    '//! The rule modules are generated by build.rs from the `dw<code>_<name>.rs` files of this\n'
                    '//! folder: adding a rule is adding its file (CONTRIBUTING.md).\n\n'
                    f'include!(concat!(env!("OUT_DIR"), "/modules/{folder}.rs"));\n')
        print(f'created src/{folder}/mod.rs: add `pub mod {folder};` to crates/dockward_rules/src/lib.rs')
    path = os.path.join(src, f'{code.lower()}_{a.name.replace("-", "_")}.rs')
    surface_list = ', '.join(f'Surface::{SURFACES[s]}' for s in surfaces)
    body = f'''//! ## What it does
//! TODO: what the rule checks, on which surfaces.
//!
//! ## Why is this bad?
//! TODO: the concrete risk, and who can exploit it.
//!
//! ## Example
//! ```dockerfile
//! TODO: a minimal bad example
//! ```
//!
//! ## Use instead
//! ```dockerfile
//! TODO: the same, fixed
//! ```
//!
//! ## References
//! - TODO: CIS Docker Benchmark section, hadolint / Trivy / KICS / compose-lint equivalents
//! - TODO: a link to the Docker documentation

use crate::prelude::*;

pub static RULE: RuleMeta = RuleMeta {{
    code: "{code}",
    name: "{a.name}",
    summary: "{a.summary}",
    practice: Practice::{variant},
    surfaces: &[{surface_list}],
    severity: Severity::{a.severity.capitalize()},
    equivalents: &[],
    default_enabled: true,
}};
'''
    written = set()
    for s in surfaces:
        key = 'container' if s == 'compose' else s
        if key not in written:
            body += CHECKS[key]
            written.add(key)
    with open(path, 'w') as f:
        f.write(body)
    fixtures = os.path.join(ROOT, 'tests', 'fixtures', code)
    os.makedirs(fixtures, exist_ok=True)
    for s in surfaces:
        for name, text in FIXTURES.get(s, []):
            p = os.path.join(fixtures, name)
            if not os.path.exists(p):
                with open(p, 'w') as f:
                    f.write(text)
    print(f'created {os.path.relpath(path)} and {os.path.relpath(fixtures)}/')
    if 'container' in surfaces and 'compose' not in surfaces:
        print('live-container-only rule: add its bad/good containers to crates/dockward_rules/tests/harness/containers.rs')
    print(f'next: write the check and fixtures, then `INSTA_UPDATE=always cargo test -p dockward_rules --test rules {code}`,\n'
          '      review tests/snapshots/' + code + '.snap, and regenerate docs/rules.md (CONTRIBUTING.md).')


main()
