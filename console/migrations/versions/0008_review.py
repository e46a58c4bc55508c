"""supervisory inspection review (督查考核): versioned rule sets, frozen period results, spot checks

Revision ID: 0008
Revises: 0007

New tables only (`console.models.review`); nothing touches `cases`: on SQLite a batch operation would rebuild
it and drop its triggers. Three indexes serve the review's per-period counts
(history rows of one action in a time range; cases accepted or falling due in a period).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_rule_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_rule_set")),
        sa.UniqueConstraint("version", name=op.f("uq_review_rule_set_version")),
    )
    op.create_index(op.f("ix_review_rule_set_effective_from"), "review_rule_set", ["effective_from"])
    op.create_table(
        "review_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=32), nullable=False),
        sa.Column("scope_key", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rule_set_version", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("computed_by", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("published_by", sa.String(length=64), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("frozen_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_result")),
        sa.UniqueConstraint("period_key", "scope_key", name=op.f("uq_review_result_period_key")),
    )
    op.create_table(
        "review_appeal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=False),
        sa.Column("group_key", sa.String(length=32), nullable=False),
        sa.Column("figure_key", sa.String(length=40), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("filed_by", sa.String(length=64), nullable=False),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_review_appeal_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["result_id"], ["review_result.id"], name=op.f("fk_review_appeal_result_id_review_result")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_appeal")),
    )
    op.create_index(op.f("ix_review_appeal_result_id"), "review_appeal", ["result_id"])
    op.create_table(
        "review_adjustment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=False),
        sa.Column("group_key", sa.String(length=32), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["appeal_id"], ["review_appeal.id"], name=op.f("fk_review_adjustment_appeal_id_review_appeal")
        ),
        sa.ForeignKeyConstraint(
            ["result_id"], ["review_result.id"], name=op.f("fk_review_adjustment_result_id_review_result")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_adjustment")),
    )
    op.create_index(op.f("ix_review_adjustment_result_id"), "review_adjustment", ["result_id"])
    op.create_table(
        "spot_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_key", sa.String(length=32), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_check")),
    )
    op.create_table(
        "spot_check_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column("checked_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_spot_check_item_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["check_id"], ["spot_check.id"], name=op.f("fk_spot_check_item_check_id_spot_check")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_check_item")),
        sa.UniqueConstraint("check_id", "case_id", name=op.f("uq_spot_check_item_check_id")),
    )
    op.create_index(op.f("ix_spot_check_item_check_id"), "spot_check_item", ["check_id"])
    op.create_index("ix_spot_check_item_case", "spot_check_item", ["case_id"])


    # the review's per-period counts: history rows of one action in a time range, cases accepted or falling due
    op.create_index("ix_case_history_action_at", "case_history", ["action", "at", "case_id"])
    op.create_index("ix_case_accepted_at", "cases", ["accepted_at"])
    op.create_index("ix_case_due_at", "cases", ["due_at"])
    # a frozen result is never rewritten nor deleted, whoever connects (a correction is an adjustment row)
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER review_result_frozen_{event.lower()} BEFORE {event} ON review_result "
                "WHEN OLD.status = 'frozen' BEGIN SELECT RAISE(ABORT, '已冻结的考核结果不能修改或删除'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION gc_review_result_frozen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF OLD.status = 'frozen' THEN RAISE EXCEPTION '已冻结的考核结果不能修改或删除'; END IF; "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
        )
        op.execute(
            "CREATE TRIGGER review_result_frozen BEFORE UPDATE OR DELETE ON review_result "
            "FOR EACH ROW EXECUTE FUNCTION gc_review_result_frozen()"
        )


def downgrade() -> None:
    op.drop_index("ix_case_due_at", table_name="cases")
    op.drop_index("ix_case_accepted_at", table_name="cases")
    op.drop_index("ix_case_history_action_at", table_name="case_history")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS review_result_frozen_update")
        op.execute("DROP TRIGGER IF EXISTS review_result_frozen_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS review_result_frozen ON review_result")
        op.execute("DROP FUNCTION IF EXISTS gc_review_result_frozen()")
    op.drop_table("spot_check_item")
    op.drop_table("spot_check")
    op.drop_table("review_adjustment")
    op.drop_table("review_appeal")
    op.drop_table("review_result")
    op.drop_table("review_rule_set")
