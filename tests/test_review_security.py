"""Who may take each review step, on PostgreSQL with each person's own login role (grants) and in the
application (post rules): an inspector computes and publishes, a dispatcher may not; a department handler
cannot write results directly."""

from __future__ import annotations

from datetime import datetime

import psycopg
import pytest

from console.errors import PermissionDenied
from console.review import freezing
from console.review.periods import month
from console.review.scopes import DEPARTMENT, Scope
from console.security import pg_roles, users
from console.security.posts import Post
from tests.test_security_pg import PASSWORD, Setup, pg  # noqa: F401 - the fixture

pytestmark = pytest.mark.pg

ON = datetime(2027, 1, 3, 9, 0)


def test_inspector_computes_a_dispatcher_and_a_department_may_not(pg: Setup) -> None:  # noqa: F811
    login = pg.names.prefix + "ins"
    with pg.db.session() as s:
        users.add_user(s, "postgres", login, "督查员", password=PASSWORD, store_hash=False)
        users.grant_post(s, "postgres", login, Post.INSPECTOR)
        pg_roles.create_login(s, login, PASSWORD, pg.names)
    pg.logins["ins"] = login
    period = month(2026, 12)
    inspector = pg.app_db("ins")
    try:
        with inspector.write_session() as s:
            row = freezing.compute(s, period, Scope(DEPARTMENT), login, ON)
            freezing.publish(s, row.id, login, ON)
            rid = row.id
    finally:
        inspector.dispose()
    dispatcher = pg.app_db("disp")
    try:
        with pytest.raises(PermissionDenied), dispatcher.write_session() as s:
            freezing.compute(s, month(2026, 11), Scope(DEPARTMENT), pg.logins["disp"], ON)
    finally:
        dispatcher.dispose()
    with pg.connect("env") as conn:
        assert conn.execute("SELECT status FROM review_result WHERE id = %s", (rid,)).fetchone() == ("published",)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE review_result SET status = 'frozen' WHERE id = %s", (rid,))
