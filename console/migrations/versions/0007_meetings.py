"""weekly consultation and village analysis meetings (每周会商 / 民情分析会): meetings, attendance, agenda items, decisions, addenda

Revision ID: 0007
Revises: 0006

New tables only, plus indexes on `cases` and `case_history` for the agenda proposal's rules (each rule is one
indexed query). No batch operation touches `cases`: on SQLite it would rebuild the table and drop its triggers.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("weekly", "village", name="meetingkind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("scope_code", sa.String(length=15), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("held_at", sa.DateTime(), nullable=False),
        sa.Column("place", sa.String(length=120), nullable=False),
        sa.Column("chair", sa.String(length=40), nullable=False),
        sa.Column("recorder", sa.String(length=40), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "preparing",
                "agenda_sent",
                "held",
                "approved",
                name="meetingstatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("agenda_drawn_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("minutes_json", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("kind", "scope_code", "year", "seq", name=op.f("uq_meeting_kind")),
    )
    op.create_index(op.f("ix_meeting_held_at"), "meeting", ["held_at"], unique=False)
    op.create_table(
        "meeting_addendum",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_addendum_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_addendum")),
    )
    op.create_index(op.f("ix_meeting_addendum_meeting_id"), "meeting_addendum", ["meeting_id"], unique=False)
    op.create_table(
        "meeting_attendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("duty", sa.String(length=40), nullable=False),
        sa.Column(
            "attendance",
            sa.Enum(
                "invited", "present", "absent", "substitute", name="attendance", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("absence_reason", sa.Text(), nullable=False),
        sa.Column("substitute", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_meeting_attendee_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_attendee_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendee")),
    )
    op.create_index(op.f("ix_meeting_attendee_meeting_id"), "meeting_attendee", ["meeting_id"], unique=False)
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("case_version", sa.Integer(), nullable=False),
        sa.Column("discussion", sa.Text(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.Column("removed_by", sa.String(length=64), nullable=True),
        sa.Column("removed_reason", sa.Text(), nullable=False),
        sa.Column("handed_up_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_agenda_item_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_agenda_item_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
        sa.UniqueConstraint("meeting_id", "case_id", name=op.f("uq_agenda_item_meeting_id")),
    )
    op.create_index(op.f("ix_agenda_item_case_id"), "agenda_item", ["case_id"], unique=False)
    op.create_index(op.f("ix_agenda_item_meeting_id"), "agenda_item", ["meeting_id"], unique=False)
    op.create_table(
        "meeting_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "dispatch",
                "extension",
                "supervise",
                "escalate",
                "long_term",
                "close",
                "hand_back",
                "watch",
                name="decisionkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=40), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=True),
        sa.Column("applied_by", sa.String(length=64), nullable=True),
        sa.Column("refusal", sa.Text(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_by", sa.String(length=64), nullable=True),
        sa.Column("done_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_meeting_decision_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_meeting_decision_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_item.id"], name=op.f("fk_meeting_decision_item_id_agenda_item")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_decision_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_decision")),
        sa.UniqueConstraint("item_id", name=op.f("uq_meeting_decision_item_id")),
    )
    op.create_index(op.f("ix_meeting_decision_case_id"), "meeting_decision", ["case_id"], unique=False)
    op.create_index(op.f("ix_meeting_decision_meeting_id"), "meeting_decision", ["meeting_id"], unique=False)
    op.create_index("ix_meeting_decision_open", "meeting_decision", ["done_at", "due_on"], unique=False)
    op.create_table(
        "meeting_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("handed_up", sa.Boolean(), nullable=False),
        sa.Column("proposed_by", sa.String(length=64), nullable=False),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_meeting_proposal_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["agenda_item.id"], name=op.f("fk_meeting_proposal_item_id_agenda_item")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_proposal")),
    )
    op.create_index(op.f("ix_meeting_proposal_case_id"), "meeting_proposal", ["case_id"], unique=False)
    op.create_index("ix_meeting_proposal_open", "meeting_proposal", ["item_id", "case_id"], unique=False)
    op.create_index("ix_case_history_action_case", "case_history", ["action", "case_id", "at"], unique=False)
    op.create_index("ix_case_rework_status", "cases", ["rework_count", "status"], unique=False)
    op.create_index("ix_case_status_due_at", "cases", ["status", "due_at"], unique=False)
    op.create_index("ix_case_status_review", "cases", ["status", "next_review_on"], unique=False)
    op.create_index(
        "ix_case_reported_place", "cases", ["reported_at", "grid_code", "address", "status"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_case_reported_place", table_name="cases")
    op.drop_index("ix_case_status_review", table_name="cases")
    op.drop_index("ix_case_status_due_at", table_name="cases")
    op.drop_index("ix_case_rework_status", table_name="cases")
    op.drop_index("ix_case_history_action_case", table_name="case_history")
    op.drop_index("ix_meeting_proposal_open", table_name="meeting_proposal")
    op.drop_index(op.f("ix_meeting_proposal_case_id"), table_name="meeting_proposal")
    op.drop_table("meeting_proposal")
    op.drop_index("ix_meeting_decision_open", table_name="meeting_decision")
    op.drop_index(op.f("ix_meeting_decision_meeting_id"), table_name="meeting_decision")
    op.drop_index(op.f("ix_meeting_decision_case_id"), table_name="meeting_decision")
    op.drop_table("meeting_decision")
    op.drop_index(op.f("ix_agenda_item_meeting_id"), table_name="agenda_item")
    op.drop_index(op.f("ix_agenda_item_case_id"), table_name="agenda_item")
    op.drop_table("agenda_item")
    op.drop_index(op.f("ix_meeting_attendee_meeting_id"), table_name="meeting_attendee")
    op.drop_table("meeting_attendee")
    op.drop_index(op.f("ix_meeting_addendum_meeting_id"), table_name="meeting_addendum")
    op.drop_table("meeting_addendum")
    op.drop_index(op.f("ix_meeting_held_at"), table_name="meeting")
    op.drop_table("meeting")
