"""meeting counts: reports per place and day, and returns/dispatches per disputed case, kept by triggers;
督办级别 on cases

Revision ID: 0014
Revises: 0013

The agenda proposal's 同一地点反复反映 rule counted the last D days' reports per place (~83,000 at a million
cases a year) and its 部门争议 rule grouped the history of every case ever returned, on every proposal: 300-550 ms
for the township's meeting. These tables (`console.models.meeting_counts`) keep what the rules need, in the
same transaction as the change, so each rule is one small indexed read (`console.meetings.counted`):

- `case_place` (a case's grid code, folded address and report day) and per place `place_report_day` (reports
  per day and the running total) and `place_report_tally` (total, last day, reports of the 90 days before it):
  triggers on INSERT and UPDATE of `cases` (a case moved to another grid moves its report);
- `case_dispute_count`: a trigger on INSERT of `case_history` recounts the returns and dispatches of a case
  that has ever been returned (a handful of history rows).

PostgreSQL: statement-level AFTER triggers with transition tables (a COPY or a batch applies one aggregated
change), SECURITY DEFINER so console roles need no write grant. SQLite: row-level AFTER triggers. A bulk load
that goes past the triggers (the demo's COPY in replica mode) rebuilds the tables (`counted.rebuild`), and
`counted.usable` checks they kept up before the proposal reads them. Nothing touches `cases` itself.

The address fold repeats `console.meetings.places.place_key_sql` (a migration keeps its own copy;
`tests/test_meetings_counts.py` compares them).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECENT_DAYS = 90
IGNORED = " \u3000,，.。、-－—()（）#＃/·"
DIGITS = {chr(0xFF10 + i): str(i) for i in range(10)}
DISPUTE_ACTIONS = "('return', 'county_return', 'dispatch')"
# 重点领域复杂 reads the open complex cases oldest first from this index's head (`console.models.meeting_counts`,
# predicate word for word)
OPEN_COMPLEX_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_case_open_complex ON cases (reported_at, id, category_id) WHERE severity = "
    "'complex' AND status IN ('accepted', 'dispatched', 'escalated', 'extension_requested', 'feedback', "
    "'in_progress', 'long_term', 'reported', 'verified')"
)


def fold(expr: str, postgres: bool) -> str:
    wide, narrow = "".join(DIGITS), "".join(DIGITS.values())
    if postgres:
        return f"lower(translate({expr}, '{wide}{IGNORED}', '{narrow}'))"
    inner = expr
    for ch in IGNORED:
        inner = f"replace({inner}, '{ch}', '')"
    outer = "k"
    for w, n in DIGITS.items():
        outer = f"replace({outer}, '{w}', '{n}')"
    return f"(SELECT lower({outer}) FROM (SELECT {inner} AS k))"


# --- PostgreSQL ----------------------------------------------------------------------------------------------

PG_PLACE_APPLY = f"""
CREATE OR REPLACE FUNCTION gc_place_apply(a_g text[], a_p text[], a_d date[], a_k integer[]) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF a_g IS NULL OR cardinality(a_g) = 0 THEN
        RETURN;
    END IF;
    -- a day without a row yet starts at the running total of the day before it
    INSERT INTO place_report_day AS r (grid_code, place, day, n, cum)
    SELECT u.g, u.p, u.d, 0, coalesce((SELECT e.cum FROM place_report_day e WHERE e.grid_code = u.g
                                       AND e.place = u.p AND e.day < u.d ORDER BY e.day DESC LIMIT 1), 0)
    FROM (SELECT DISTINCT g, p, d FROM unnest(a_g, a_p, a_d) AS t(g, p, d)) u ORDER BY 1, 2, 3
    ON CONFLICT (grid_code, place, day) DO NOTHING;
    UPDATE place_report_day r SET n = r.n + x.dn, cum = r.cum + x.dc
    FROM (SELECT e.grid_code, e.place, e.day, sum(CASE WHEN u.d = e.day THEN u.k ELSE 0 END) AS dn,
                 sum(u.k) AS dc
          FROM place_report_day e JOIN unnest(a_g, a_p, a_d, a_k) AS u(g, p, d, k)
            ON u.g = e.grid_code AND u.p = e.place AND u.d <= e.day
          GROUP BY 1, 2, 3) x
    WHERE r.grid_code = x.grid_code AND r.place = x.place AND r.day = x.day;
    INSERT INTO place_report_tally (grid_code, place, total, last_day, recent)
    SELECT DISTINCT g, p, 0, NULL::date, 0 FROM unnest(a_g, a_p) AS t(g, p) ORDER BY 1, 2
    ON CONFLICT (grid_code, place) DO NOTHING;
    UPDATE place_report_tally t SET total = s.total, last_day = s.last_day,
        recent = s.total - coalesce((SELECT e.cum FROM place_report_day e WHERE e.grid_code = t.grid_code
            AND e.place = t.place AND e.day < s.last_day - {RECENT_DAYS} ORDER BY e.day DESC LIMIT 1), 0)
    FROM (SELECT e.grid_code, e.place, max(e.cum) AS total, max(e.day) FILTER (WHERE e.n > 0) AS last_day
          FROM place_report_day e JOIN (SELECT DISTINCT g, p FROM unnest(a_g, a_p) AS t(g, p)) u
            ON u.g = e.grid_code AND u.p = e.place
          GROUP BY 1, 2) s
    WHERE t.grid_code = s.grid_code AND t.place = s.place;
END $$;
REVOKE ALL ON FUNCTION gc_place_apply(text[], text[], date[], integer[]) FROM PUBLIC;
"""

_DELTAS = """PERFORM gc_place_apply(array_agg(g), array_agg(p), array_agg(d), array_agg(k))
        FROM (SELECT cp.grid_code AS g, cp.place AS p, cp.day AS d, {sign} * count(*)::integer AS k
              FROM case_place cp WHERE cp.case_id = ANY (moved) AND cp.place <> '' GROUP BY 1, 2, 3) x;"""

PG_UP = f"""
{PG_PLACE_APPLY}
CREATE OR REPLACE FUNCTION gc_case_place_apply() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    moved integer[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO case_place (case_id, grid_code, place, day)
        SELECT id, grid_code, {fold("address", True)}, reported_at::date FROM new_rows ORDER BY id;
        moved := ARRAY(SELECT id FROM new_rows);
        {_DELTAS.format(sign=1)}
    ELSE
        moved := ARRAY(SELECT o.id FROM old_rows o JOIN new_rows n ON n.id = o.id
                       WHERE (o.grid_code, o.address, o.reported_at) IS DISTINCT FROM
                             (n.grid_code, n.address, n.reported_at));
        IF cardinality(moved) = 0 THEN
            RETURN NULL;
        END IF;
        {_DELTAS.format(sign=-1)}
        UPDATE case_place cp SET grid_code = n.grid_code, place = {fold("n.address", True)}, day = n.reported_at::date
        FROM new_rows n WHERE n.id = cp.case_id AND cp.case_id = ANY (moved);
        {_DELTAS.format(sign=1)}
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER trg_case_place_insert AFTER INSERT ON cases
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gc_case_place_apply();
CREATE TRIGGER trg_case_place_update AFTER UPDATE ON cases
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION gc_case_place_apply();

CREATE OR REPLACE FUNCTION gc_case_dispute_apply() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO case_dispute_count AS c (case_id, returns, dispatches, score)
    SELECT h.case_id, count(*) FILTER (WHERE h.action = 'return'), count(*) FILTER (WHERE h.action = 'dispatch'),
           greatest(count(*) FILTER (WHERE h.action = 'return'), count(*) FILTER (WHERE h.action = 'dispatch') - 1)
    FROM case_history h
    WHERE h.case_id IN (SELECT case_id FROM new_rows WHERE action IN {DISPUTE_ACTIONS})
      AND h.action IN {DISPUTE_ACTIONS}
    GROUP BY h.case_id
    HAVING count(*) FILTER (WHERE h.action IN ('return', 'county_return')) > 0
    ORDER BY h.case_id
    ON CONFLICT (case_id) DO UPDATE SET returns = excluded.returns, dispatches = excluded.dispatches,
        score = excluded.score;
    RETURN NULL;
END $$;
CREATE TRIGGER trg_case_dispute_insert AFTER INSERT ON case_history
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gc_case_dispute_apply();
"""

PG_DOWN = """
DROP TRIGGER IF EXISTS trg_case_place_insert ON cases;
DROP TRIGGER IF EXISTS trg_case_place_update ON cases;
DROP TRIGGER IF EXISTS trg_case_dispute_insert ON case_history;
DROP FUNCTION IF EXISTS gc_case_place_apply();
DROP FUNCTION IF EXISTS gc_case_dispute_apply();
DROP FUNCTION IF EXISTS gc_place_apply(text[], text[], date[], integer[]);
"""


# --- SQLite --------------------------------------------------------------------------------------------------


def _sqlite_move(g: str, p: str, d: str, sign: str) -> str:
    """Add (sign '+') or take away ('-') one report of place (g, p) on day d."""
    same = f"grid_code = {g} AND place = {p}"
    prior = (f"(SELECT e.cum FROM place_report_day e WHERE e.grid_code = {g} AND e.place = {p} AND e.day < {d} "
             "ORDER BY e.day DESC LIMIT 1)")  # fmt: skip
    return f"""
    INSERT INTO place_report_day (grid_code, place, day, n, cum) SELECT {g}, {p}, {d}, 0, coalesce({prior}, 0)
        WHERE {p} <> '' ON CONFLICT DO NOTHING;
    UPDATE place_report_day SET n = n + CASE WHEN day = {d} THEN {sign}1 ELSE 0 END, cum = cum {sign} 1
        WHERE {same} AND day >= {d};
    INSERT INTO place_report_tally (grid_code, place, total, last_day, recent) SELECT {g}, {p}, 0, NULL, 0
        WHERE {p} <> '' ON CONFLICT DO NOTHING;
    UPDATE place_report_tally SET
        total = (SELECT coalesce(max(e.cum), 0) FROM place_report_day e WHERE e.grid_code = {g} AND e.place = {p}),
        last_day = (SELECT max(e.day) FROM place_report_day e WHERE e.grid_code = {g} AND e.place = {p} AND e.n > 0)
        WHERE {same};
    UPDATE place_report_tally SET recent = total - coalesce((SELECT e.cum FROM place_report_day e
        WHERE e.grid_code = {g} AND e.place = {p} AND e.day < date(place_report_tally.last_day, '-{RECENT_DAYS} days')
        ORDER BY e.day DESC LIMIT 1), 0) WHERE {same};"""


_PLACED = ("(SELECT cp.grid_code FROM case_place cp WHERE cp.case_id = NEW.id)",
           "(SELECT cp.place FROM case_place cp WHERE cp.case_id = NEW.id)",
           "(SELECT cp.day FROM case_place cp WHERE cp.case_id = NEW.id)")  # fmt: skip
_NEW = f"NEW.grid_code, {fold('NEW.address', False)}, date(NEW.reported_at)"

SQLITE_UP = (
    "CREATE TRIGGER trg_case_place_insert AFTER INSERT ON cases BEGIN "
    f"INSERT INTO case_place (case_id, grid_code, place, day) VALUES (NEW.id, {_NEW}); "
    f"{_sqlite_move(*_PLACED, '+')} END",
    "CREATE TRIGGER trg_case_place_update AFTER UPDATE OF grid_code, address, reported_at ON cases "
    "WHEN OLD.grid_code IS NOT NEW.grid_code OR OLD.address IS NOT NEW.address "
    "OR OLD.reported_at IS NOT NEW.reported_at BEGIN "
    f"{_sqlite_move(*_PLACED, '-')} "
    "DELETE FROM case_place WHERE case_id = NEW.id; "
    f"INSERT INTO case_place (case_id, grid_code, place, day) VALUES (NEW.id, {_NEW}); "
    f"{_sqlite_move(*_PLACED, '+')} END",
    f"CREATE TRIGGER trg_case_dispute_insert AFTER INSERT ON case_history WHEN NEW.action IN {DISPUTE_ACTIONS} "
    "BEGIN INSERT INTO case_dispute_count (case_id, returns, dispatches, score) "
    "SELECT h.case_id, sum(h.action = 'return'), sum(h.action = 'dispatch'), "
    "max(sum(h.action = 'return'), sum(h.action = 'dispatch') - 1) FROM case_history h "
    f"WHERE h.case_id = NEW.case_id AND h.action IN {DISPUTE_ACTIONS} GROUP BY h.case_id "
    "HAVING sum(h.action IN ('return', 'county_return')) > 0 "
    "ON CONFLICT (case_id) DO UPDATE SET returns = excluded.returns, dispatches = excluded.dispatches, "
    "score = excluded.score; END",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS trg_case_place_insert",
    "DROP TRIGGER IF EXISTS trg_case_place_update",
    "DROP TRIGGER IF EXISTS trg_case_dispute_insert",
)

# --- the backfill (the same statements as `console.meetings.counted.rebuild`) -------------------------------


def backfill(bind: sa.engine.Connection) -> None:
    pg = bind.dialect.name == "postgresql"
    day = "reported_at::date" if pg else "date(reported_at)"
    bind.exec_driver_sql(
        f"INSERT INTO case_place (case_id, grid_code, place, day) SELECT id, grid_code, {fold('address', pg)}, {day} "
        "FROM cases"
    )
    bind.exec_driver_sql("CREATE INDEX ix_case_place_place ON case_place (grid_code, place, day)")
    bind.exec_driver_sql(
        "INSERT INTO place_report_day (grid_code, place, day, n, cum) "
        "SELECT grid_code, place, day, n, sum(n) OVER (PARTITION BY grid_code, place ORDER BY day) FROM "
        "(SELECT grid_code, place, day, count(*) AS n FROM case_place WHERE place <> '' "
        "GROUP BY grid_code, place, day) x"
    )
    back = f"last - {RECENT_DAYS}" if pg else f"date(last, '-{RECENT_DAYS} days')"
    bind.exec_driver_sql(
        "INSERT INTO place_report_tally (grid_code, place, total, last_day, recent) "
        f"SELECT grid_code, place, max(cum), max(day), max(cum) - coalesce(max(cum) FILTER (WHERE day < {back}), 0) "
        "FROM (SELECT grid_code, place, day, cum, max(day) OVER (PARTITION BY grid_code, place) AS last "
        "FROM place_report_day) x GROUP BY grid_code, place"
    )
    ret, disp = (("count(*) FILTER (WHERE action = 'return')", "count(*) FILTER (WHERE action = 'dispatch')")
                 if pg else ("sum(action = 'return')", "sum(action = 'dispatch')"))  # fmt: skip
    either = "count(*) FILTER (WHERE action IN ('return', 'county_return'))" if pg else \
        "sum(action IN ('return', 'county_return'))"  # fmt: skip
    bind.exec_driver_sql(
        "INSERT INTO case_dispute_count (case_id, returns, dispatches, score) "
        f"SELECT case_id, {ret}, {disp}, {'greatest' if pg else 'max'}({ret}, {disp} - 1) FROM case_history "
        f"WHERE action IN {DISPUTE_ACTIONS} GROUP BY case_id HAVING {either} > 0"
    )


def upgrade() -> None:
    # 督办级别, structured (it was only a word in the 督办对象 text); a plain ADD COLUMN (a batch operation would
    # rebuild `cases` on SQLite and drop its triggers)
    op.add_column("cases", sa.Column("supervise_level", sa.String(length=24), nullable=True))
    op.create_table(
        "case_place",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("grid_code", sa.String(length=15), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_place")),
    )
    op.create_table(
        "place_report_day",
        sa.Column("grid_code", sa.String(length=15), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("cum", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("grid_code", "place", "day", name=op.f("pk_place_report_day")),
    )
    op.create_index("ix_place_report_day_cum", "place_report_day", ["grid_code", "place", "day", "cum"])
    op.create_table(
        "place_report_tally",
        sa.Column("grid_code", sa.String(length=15), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("recent", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("grid_code", "place", name=op.f("pk_place_report_tally")),
    )
    op.create_index("ix_place_report_tally_recent", "place_report_tally",
                    ["recent", "last_day", "grid_code", "place", "total"])  # fmt: skip
    op.create_table(
        "case_dispute_count",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("returns", sa.Integer(), nullable=False),
        sa.Column("dispatches", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_dispute_count")),
    )
    op.create_index("ix_case_dispute_count_score", "case_dispute_count", ["score", "case_id"])
    bind = op.get_bind()
    bind.exec_driver_sql(OPEN_COMPLEX_INDEX)
    if bind.dialect.name == "postgresql":
        # no case may change between the backfill and the triggers taking over
        bind.exec_driver_sql("LOCK TABLE cases, case_history IN SHARE ROW EXCLUSIVE MODE")
        backfill(bind)
        bind.exec_driver_sql(PG_UP)
    else:
        backfill(bind)
        for stmt in SQLITE_UP:
            bind.exec_driver_sql(stmt)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":  # SQLite keeps the column (dropping it would rebuild `cases`)
        op.drop_column("cases", "supervise_level")
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql(PG_DOWN)
    else:
        for stmt in SQLITE_DOWN:
            bind.exec_driver_sql(stmt)
    bind.exec_driver_sql("DROP INDEX IF EXISTS ix_case_open_complex")
    op.drop_index("ix_case_dispute_count_score", table_name="case_dispute_count")
    op.drop_table("case_dispute_count")
    op.drop_index("ix_place_report_tally_recent", table_name="place_report_tally")
    op.drop_table("place_report_tally")
    op.drop_index("ix_place_report_day_cum", table_name="place_report_day")
    op.drop_table("place_report_day")
    op.drop_index("ix_case_place_place", table_name="case_place")
    op.drop_table("case_place")
