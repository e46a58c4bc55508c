#!/usr/bin/env bash
# The test command (README, .ci/run): installs everything, brings PostgreSQL up where none listens, then runs
# ruff, mypy, the import-linter contract and pytest. Every check runs; exits non-zero if any failed.
# Works without a terminal (CI=true, no stdin). Extra arguments go to pytest.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
# shellcheck source=installer/common.sh
source installer/common.sh

bash installer/setup.sh </dev/null || die "安装失败 setup failed"
bash installer/ensure_postgres.sh </dev/null || die "PostgreSQL 不可用 PostgreSQL is not available"

export PATH="$PWD/.venv/bin:$PATH"
export QT_QPA_PLATFORM=offscreen

failed=()
check() {
    local name=$1
    shift
    say "==> $name: $*"
    "$@" || failed+=("$name")
}

check ruff ruff check .
# mypy refuses a package folder without Python files (ui/ and reports/ start out empty).
typed=()
for dir in console ui reports; do
    [ -n "$(find "$dir" -name '*.py' -print -quit 2>/dev/null)" ] && typed+=("$dir")
done
check mypy mypy "${typed[@]}"
check import-linter lint-imports
# pytest exits 5 when it collected no tests: that is a failure too. Two test processes (pytest-xdist): our
# machines have two cores, and a test waits on PostgreSQL about as often as it computes. GRIDCONSOLE_TEST_WORKERS=0
# runs them in this one process.
check pytest pytest -q -n "${GRIDCONSOLE_TEST_WORKERS:-2}" "$@"

if [ "${#failed[@]}" -gt 0 ]; then
    say "失败 FAILED: ${failed[*]}"
    exit 1
fi
say "全部通过 all checks passed (ruff, mypy, import-linter, pytest)"
