"""Database passwords live in the OS keyring, never in a file or a log."""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url

from console.errors import ConsoleError

SERVICE = "gridconsole"


class NoKeyring(ConsoleError):
    pass


def keyring_account(url: URL | str) -> str:
    """The keyring entry for a login on a server; `url` may be a URL string (the GUI's forms hold strings)."""
    url = make_url(url) if isinstance(url, str) else url
    return f"{url.username}@{url.host}:{url.port or 5432}/{url.database}"


def _backend_usable() -> bool:
    import keyring
    from keyring.backends import fail

    return not isinstance(keyring.get_keyring(), fail.Keyring)


def lookup_password(url: URL | str) -> str | None:
    """The saved password for this server and user, or None (trust/peer auth, or nothing saved)."""
    import keyring

    if not _backend_usable():
        return None
    return keyring.get_password(SERVICE, keyring_account(url))


def save_password(url: URL | str, password: str) -> None:
    import keyring

    if not _backend_usable():
        raise NoKeyring(
            "本机没有可用的系统密钥环（keyring），无法保存密码：请安装并解锁 Secret Service（如 GNOME Keyring）"
            "或 KWallet，或每次登录时输入密码"
        )
    keyring.set_password(SERVICE, keyring_account(url), password)


def forget_password(url: URL | str) -> None:
    import keyring
    from keyring.errors import PasswordDeleteError

    if not _backend_usable():
        return
    try:
        keyring.delete_password(SERVICE, keyring_account(url))
    except PasswordDeleteError:
        pass
