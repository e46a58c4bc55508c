# Helpers sourced by the installer scripts: messages, running as root, and Debian packages installed only
# when missing. Not meant to be run on its own.
# shellcheck shell=bash

say() { printf '[gridconsole] %s\n' "$*"; }
warn() { printf '[gridconsole] 警告 warning: %s\n' "$*" >&2; }
die() {
    printf '[gridconsole] 错误 error: %s\n' "$*" >&2
    exit 1
}

# Run a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "需要 root 权限执行：$* (run as root or install sudo)"
    fi
}

have_apt() { command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; }

APT_UPDATED=0

# apt_ensure PKG...: install those of the packages that are missing; `apt-get update` at most once per run.
apt_ensure() {
    local missing=() pkg installed=""
    if command -v dpkg-query >/dev/null 2>&1; then
        installed=" $(dpkg-query -W -f='${Package}=${db:Status-Status} ' "$@" 2>/dev/null || true) "
    fi
    for pkg in "$@"; do
        [[ "$installed" == *" $pkg=installed "* ]] || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    have_apt || die "缺少系统软件包 ${missing[*]}，且本机没有 apt：请手动安装 (not a Debian system)"
    say "安装系统软件包 installing: ${missing[*]}"
    local log
    log=$(mktemp)
    if [ "$APT_UPDATED" -eq 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$log" 2>&1 \
            || { cat "$log" >&2; die "apt-get update 失败"; }
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
        >"$log" 2>&1 || { cat "$log" >&2; die "apt-get install 失败：${missing[*]}"; }
    rm -f "$log"
}
