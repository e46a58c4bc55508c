#!/usr/bin/env bash
# Installs everything GridConsole needs on Debian 12, shared by run.sh and test.sh: the system libraries Qt
# and the PDF reports need (only those missing), then the project in a virtualenv at ./.venv.
# Safe to run again: with everything in place it only checks and returns within a second or two.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=installer/common.sh
source installer/common.sh

SYSTEM_PACKAGES=(
    # Qt runtime (PySide6 wheels bring Qt itself, not these)
    libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3
    # a real window: X11 platform plugin, and a virtual screen where there is none
    xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
    libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
    # Chinese text on screen and in PDF forms: WenQuanYi (Hei: titles, screen), AR PL UMing (Ming/Song: body),
    # and the fallbacks for rare characters in names (花園明朝 A/B: CJK Ext. A–F; BabelStone Han: much of G/H)
    fonts-wqy-microhei fonts-wqy-zenhei fonts-arphic-uming fonts-hanazono fonts-babelstone-han
    # pdffonts / pdftoppm for the report tests
    poppler-utils
)
VENV=.venv
STAMP="$VENV/.gridconsole-installed"

# A Python that is 3.11 or newer.
python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; }

find_python() {
    local candidate
    for candidate in python3.11 python3 python3.12 python3.13 /usr/bin/python3; do
        if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# 1. System packages (one `apt-get update` at most, and only when something is missing).
packages=("${SYSTEM_PACKAGES[@]}")
python=""
if [ -x "$VENV/bin/python" ] && python_ok "$VENV/bin/python"; then
    python="$VENV/bin/python"
elif python=$(find_python); then
    # Debian's own Python makes virtualenvs only with python3-venv installed.
    case "$(readlink -f "$python")" in /usr/bin/*) packages+=(python3-venv) ;; esac
else
    packages+=(python3 python3-venv python3-pip)
fi
if have_apt; then
    apt_ensure "${packages[@]}"
else
    warn "不是 Debian/apt 系统：请自行安装 Qt 运行库、文泉驿字体和 poppler-utils (skipping system packages)"
fi

# 2. The virtualenv.
if [ "$python" != "$VENV/bin/python" ]; then
    [ -n "$python" ] || python=$(find_python) || die "找不到 Python 3.11 或更新版本 (need python3 >= 3.11)"
    if [ -e "$VENV" ]; then
        say "现有 $VENV 不可用，重新创建 (existing $VENV is unusable: recreating it)"
        rm -rf "$VENV"
    fi
    say "创建虚拟环境 creating $VENV with $python ($("$python" -V 2>&1))"
    "$python" -m venv "$VENV" || die "无法创建虚拟环境 $VENV"
fi

# 3. The project and its test tools, skipped while pyproject.toml and the venv's Python are unchanged.
want="$(sha256sum pyproject.toml | cut -d' ' -f1) $("$VENV/bin/python" -V 2>&1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -x "$VENV/bin/gridconsole" ]; then
    say "环境已是最新 up to date ($VENV)"
    exit 0
fi
say "安装 Python 依赖 installing the project into $VENV (pip install -e \".[test]\")"
rm -f "$STAMP"
"$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar off -q -e ".[test]" \
    || die "pip install 失败 (see the errors above)"
printf '%s\n' "$want" >"$STAMP"
say "环境已就绪 ready ($VENV)"
