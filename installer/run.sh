#!/usr/bin/env bash
# The run command (README): installs everything, builds the demo township in the embedded SQLite database
# (user data dir) when that has no data yet, then starts the console. Extra arguments go to `gridconsole`.
# With GRIDCONSOLE_DB set, that database is used as it is and no demo data is written into it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=installer/common.sh
source installer/common.sh

bash installer/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

if [ -n "${GRIDCONSOLE_DB:-}" ]; then
    say "使用 GRIDCONSOLE_DB 指定的数据库 (using GRIDCONSOLE_DB as it is)"
else
    # Grid rows in the embedded file mean it has data; a missing file or an empty schema means none.
    has_data=$(python - <<'PYEOF'
import sqlite3

from console.db import default_sqlite_path

path = default_sqlite_path()
try:
    found = path.exists() and sqlite3.connect(path).execute("SELECT 1 FROM grid LIMIT 1").fetchone()
except sqlite3.OperationalError:  # no grid table yet
    found = None
print("yes" if found else "no")
PYEOF
)
    if [ "$has_data" = no ]; then
        say "建立示例乡镇数据库 building the demo township (gridconsole demo)"
        gridconsole demo
    fi
fi

# No desktop session (ssh, a container): show the window on a virtual screen rather than fail.
launch=()
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != offscreen ]; then
    if command -v xvfb-run >/dev/null 2>&1; then
        say "没有图形显示：在虚拟屏幕 (Xvfb) 上运行 (no display: running on a virtual X screen)"
        launch=(xvfb-run -a -s "-screen 0 1600x1000x24")
    fi
fi
say "启动 starting gridconsole"
exec "${launch[@]}" gridconsole "$@"
