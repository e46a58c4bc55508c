"""console.i18n without Qt: a refusal is the Chinese sentence the CLI prints and the history keeps, and it
still knows its template and arguments (so the window can translate it), through copies and pickling."""

from __future__ import annotations

import copy
import json
import pickle

from console.domain import CaseStatus
from console.i18n import ITEMS, QT_TRANSLATE_NOOP, Message, Template, fill, join
from console.workflow import machine
from console.workflow.claims import claim_refusal
from console.workflow.commands import Reject, text_problem


def test_a_message_is_its_chinese_sentence() -> None:
    m = Message(QT_TRANSLATE_NOOP("workflow", "%1过长（最多 %2 字，现 %3 字）"), "理由", 10, 12)
    assert m == "理由过长（最多 10 字，现 12 字）"
    assert m.template.context == "workflow" and m.args == ("理由", 10, 12)
    assert json.dumps(m, ensure_ascii=False) == '"理由过长（最多 10 字，现 12 字）"'


def test_fill_is_one_pass() -> None:
    assert fill("%1 和 %2", ["%2", "乙"]) == "%2 和 乙"
    assert fill("%1 与 %3", ["甲"]) == "甲 与 %3"


def test_copies_and_pickles_keep_the_template() -> None:
    m = Message(QT_TRANSLATE_NOOP("posts", "用户 %1 已停用"), "zhangs")
    for again in (copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
        assert isinstance(again, Message) and again == m
        assert again.template.context == "posts" and again.args == ("zhangs",)
    label = CaseStatus.REPORTED.label
    assert isinstance(label, Template) and copy.deepcopy(label).context == "domain"


def test_join_keeps_every_part_translatable() -> None:
    assert join([]) == ""
    one = QT_TRANSLATE_NOOP("workflow", "请选择牵头部门")
    assert join([one]) is one
    both = join([one, "理由过长"])
    assert both == "请选择牵头部门；理由过长"
    assert isinstance(both, Message) and both.args == (one, "理由过长")
    assert join(["待受理", "待派遣"], ITEMS) == "待受理、待派遣"


def test_workflow_refusals_carry_their_templates() -> None:
    """The command's problems, the state machine's and the claim rule's refusals: one each."""
    problem = Reject("").problems(None, None)[0]  # type: ignore[arg-type]  # reject reads only its reason
    assert problem == "请填写不予受理理由" and isinstance(problem, Message)
    assert problem.template == "请填写%1" and getattr(problem.args[0], "context", None) == "workflow"
    assert text_problem("x" * 3, "说明", required=True, limit=2) == "说明过长（最多 2 字，现 3 字）"
    refusal = machine.refusal(CaseStatus.REPORTED, "dispatch")
    assert isinstance(refusal, Message) and refusal == "案件当前为“待受理”，不能派遣（仅限待派遣状态）"
    assert isinstance(claim_refusal("release", "甲", None, "乙", None), Template)  # type: ignore[arg-type]
