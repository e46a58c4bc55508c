#!/usr/bin/env bash
# Makes sure the PostgreSQL server the tests use is there: postgresql://postgres@127.0.0.1:5432/test, or
# the URL in GRIDCONSOLE_TEST_PG. A server already listening is left exactly as it is (only a missing
# database is created). Where none listens, Debian's postgresql is installed and started; only a cluster
# this script installed or created gets trust authentication on the loopback addresses.
# Run installer/setup.sh first (the checks use the project's virtualenv).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=installer/common.sh
source installer/common.sh

DEFAULT_URL="postgresql://postgres@127.0.0.1:5432/test"
URL="${GRIDCONSOLE_TEST_PG:-$DEFAULT_URL}"
PY=.venv/bin/python
OWNED_MARK=gridconsole-installer-owns-this-cluster  # file in the cluster's config dir
HBA_MARK="# gridconsole installer: trust on loopback (test server)"

[ -x "$PY" ] || die "缺少 .venv：请先运行 bash installer/setup.sh"

listening() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h 127.0.0.1 -p 5432
    else
        "$PY" -c 'import socket; socket.create_connection(("127.0.0.1", 5432), timeout=2).close()' 2>/dev/null
    fi
}

# Connect with the test URL; create its database if that is all that is missing. Prints the reason on failure.
ensure_database() {
    "$PY" - "$URL" <<'PYEOF'
import sys

import psycopg
from psycopg import sql

url = sys.argv[1]
conninfo = psycopg.conninfo.conninfo_to_dict(url)
try:
    psycopg.connect(url, connect_timeout=5).close()
except psycopg.OperationalError as exc:
    dbname = conninfo.get("dbname")
    if not dbname or f'database "{dbname}" does not exist' not in str(exc):
        print(f"无法连接 cannot connect to {url}: {str(exc).strip()}", file=sys.stderr)
        sys.exit(1)
    admin = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    except psycopg.Error as exc2:
        print(f"无法创建数据库 cannot create database {dbname}: {str(exc2).strip()}", file=sys.stderr)
        sys.exit(1)
    print(f"[gridconsole] 已创建数据库 created database {dbname}")
PYEOF
}

finish() {
    ensure_database || die "PostgreSQL 测试库不可用 (set GRIDCONSOLE_TEST_PG to a URL that works)"
    say "PostgreSQL 就绪 ready: $URL"
    exit 0
}

if [ -n "${GRIDCONSOLE_TEST_PG:-}" ] && [ "$GRIDCONSOLE_TEST_PG" != "$DEFAULT_URL" ]; then
    say "使用 GRIDCONSOLE_TEST_PG 指定的服务器 (not starting a local server)"
    finish
fi

if listening; then
    finish
fi

# --- nothing listens on 127.0.0.1:5432: bring up a local cluster --------------------------------------------

say "127.0.0.1:5432 上没有 PostgreSQL：安装并启动本机服务器 (no server listening: setting one up)"
newly_installed=0
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_ensure postgresql
    newly_installed=1
fi
command -v pg_ctlcluster >/dev/null 2>&1 || apt_ensure postgresql-common
version=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' | awk -F/ '{print $5}' | sort -n | tail -n 1)
[ -n "$version" ] || die "找不到已安装的 PostgreSQL 版本"
confdir="/etc/postgresql/$version/main"

if [ ! -f "$confdir/postgresql.conf" ]; then
    say "创建集群 creating cluster $version/main on port 5432"
    as_root pg_createcluster "$version" main --port 5432 >/dev/null
    as_root touch "$confdir/$OWNED_MARK"
elif [ "$newly_installed" -eq 1 ]; then
    as_root touch "$confdir/$OWNED_MARK"  # the package's postinst made it just now
fi

if [ -f "$confdir/$OWNED_MARK" ]; then
    hba="$confdir/pg_hba.conf"
    if ! as_root grep -qF "$HBA_MARK" "$hba"; then
        say "本脚本创建的集群：回环地址免密码 trust auth on 127.0.0.1 and ::1 in $hba"
        # First matching line wins in pg_hba.conf: put ours before the package's rules.
        as_root sed -i "0,/^[^#[:space:]]/s//$HBA_MARK\\nhost all all 127.0.0.1\\/32 trust\\nhost all all ::1\\/128 trust\\n&/" "$hba"
        as_root grep -qF "$HBA_MARK" "$hba" || die "无法修改 $hba"
    fi
else
    say "集群 $version/main 不是本脚本创建的：不修改其认证设置 (leaving its pg_hba.conf as it is)"
fi

if as_root pg_ctlcluster "$version" main status >/dev/null 2>&1; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload
else
    say "启动 starting PostgreSQL $version/main"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start \
        || die "PostgreSQL 启动失败：见 /var/log/postgresql/postgresql-$version-main.log"
fi

for _ in $(seq 1 30); do
    listening && finish
    sleep 1
done
die "PostgreSQL $version/main 已启动但 127.0.0.1:5432 不可连接（请检查其 port 与 listen_addresses 设置）"
