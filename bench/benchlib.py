"""Helpers shared by the bench/ comparison scripts (compare_hadolint.py, compare_compose_lint.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def tool_version(cmd: list[str]) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except Exception as e:  # noqa: BLE001
        return f"unknown ({e})"


def one_line(s) -> str:
    return " / ".join(x.strip() for x in str(s).splitlines() if x.strip())


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def list_files(corpus: Path) -> list[str]:
    out = []
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        for name in files:
            p = Path(root, name)
            if p.is_file() and not p.is_symlink():
                out.append(p.relative_to(corpus).as_posix())
    return sorted(out, key=lambda s: s.encode("utf-8", "surrogateescape"))


def clip(s: str, n: int = 110) -> str:
    s = one_line(s)
    return s if len(s) <= n else s[: n - 1] + "…"
