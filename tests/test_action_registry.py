"""Every case action is defined once (`console.workflow.actions`) and complete: a handler, a rule, a label, a
dialog (or why not) and a CLI verb — and every place that used to keep its own table reads the record."""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from console.cli.main import build_parser
from console.security import posts
from console.workflow import machine, service
from console.workflow.actions import ACTIONS, PERSONAL_ACTIONS, Action
from console.workflow.commands import Command
from console.workflow.read import ACTION_LABELS
from ui.dialogs import runner


def _case_verbs() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    case = sub.choices["case"]
    csub = next(a for a in case._actions if isinstance(a, argparse._SubParsersAction))
    return set(csub.choices)


def test_every_action_has_one_complete_record() -> None:
    assert set(ACTIONS) == set(Action)
    verbs = _case_verbs()
    for action, spec in ACTIONS.items():
        assert spec.action is action and spec.label
        assert spec.posts, f"{action}: no post may take it"
        assert posts.CASE_RULES[action.value] == dict(spec.posts)
        assert posts.ACTION_LABELS[action.value] == ACTION_LABELS[action.value] == spec.label
        assert machine.TRANSITIONS[action.value].sources == spec.sources
        assert spec.cli_verb in verbs, f"{action}: no `gridconsole case {spec.cli_verb}`"
        if spec.command is None:
            assert action.value in PERSONAL_ACTIONS
        else:
            assert issubclass(spec.command, Command) and spec.command.action == action.value
            assert action.value in service._HANDLERS, f"{action}: no handler"
        if spec.dialog is None:
            assert spec.no_dialog, f"{action}: no dialog and no reason why"
        else:
            assert runner.DIALOGS[action.value].__name__ == spec.dialog


def test_no_table_knows_an_action_the_records_do_not() -> None:
    known = {a.value for a in Action}
    assert set(service._HANDLERS) <= known
    assert set(machine.TRANSITIONS) == known
    assert set(runner.DIALOGS) <= known
    workflow_rules = set(posts.CASE_RULES) - {"view", "report", "reveal_personal", "export", "print"}
    assert workflow_rules == known
