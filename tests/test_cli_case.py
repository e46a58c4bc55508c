"""The workflow from the command line: each transition is a command; refusals exit non-zero with one line."""

from __future__ import annotations

import json
import re

import pytest

from console.cli.main import main
from console.db import Database, make_engine
from console.workflow.actions import ACTIONS, Action
from tests.factories import seed_reference


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_case_lifecycle_from_the_cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database(make_engine(db_url))
    ref = seed_reference(db)
    base = ("--db", db_url, "--user", "调度员甲")
    code, out, _ = run(capsys, *base, "--json", "case", "report", "--grid", ref.grid_code, "--category", "环境卫生",
                       "--summary", "楼道堆放杂物", "--source", "群众反映")  # fmt: skip
    assert code == 0
    number = json.loads(out)["number"]
    steps = [
        ("accept",), ("dispatch", "--lead", "环保办", "--co", "派出所", "--person", "王建国"), ("sign",),
        ("feedback", "--result", "已清理"), ("verify", "--pass"), ("close", "--type", "已解决"),
        ("callback", "--satisfaction", "满意"),
    ]  # fmt: skip
    for step in steps:
        code, out, err = run(capsys, *base, "case", step[0], number, *step[1:])
        assert code == 0, err
    assert "已评价" in out
    code, out, _ = run(capsys, *base, "case", "show", number)
    assert code == 0
    for label in (
        "上报",
        "受理立案",
        "派遣",
        "签收",
        "办理反馈",
        "核查",
        "结案",
        "回访评价",
        "环保办",
        "派出所",
    ):
        assert label in out
    code, out, _ = run(capsys, *base, "--json", "case", "show", number)
    detail = json.loads(out)
    assert detail["status"] == "evaluated" and len(detail["history"]) == 8
    db.dispose()


def test_refusals_exit_non_zero_with_one_line(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = Database(make_engine(db_url))
    ref = seed_reference(db)
    base = ("--db", db_url)
    code, _, err = run(capsys, *base, "case", "report", "--grid", "410103001009009", "--category", "环境卫生",
                       "--summary", "x")  # fmt: skip
    assert code == 2 and err.strip() == "gridconsole: 未知的网格编码：410103001009009"
    code, out, _ = run(
        capsys, *base, "case", "report", "--grid", ref.grid_code, "--category", "HJWS", "--summary", "x"
    )
    number = out.split()[0]
    code, _, err = run(capsys, *base, "case", "close", number, "--type", "solved")
    assert code == 2 and "待受理" in err and err.count("\n") == 1
    code, _, err = run(capsys, *base, "case", "extend", number, "--to", "2026-13-01", "--reason", "x")
    assert code == 2 and "无效的时间" in err
    code, _, err = run(capsys, *base, "case", "show", "2026-999999")
    assert code == 2 and "不存在" in err
    code, _, err = run(capsys, *base, "case", "accept", number, "--expect-version", "7")
    assert code == 2 and "已被" in err
    db.dispose()


def test_hand_back_gives_a_department_case_back_to_its_grid(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """退回网格 (a meeting's decision) from the CLI: the departments let go, the case waits for the grid's 核查;
    from a status the action does not leave from it is refused with one Chinese line and nothing changes."""
    spec = ACTIONS[Action.HAND_BACK]
    db = Database(make_engine(db_url))
    ref = seed_reference(db)
    base = ("--db", db_url, "--user", "调度员甲")
    code, out, _ = run(capsys, *base, "--json", "case", "report", "--grid", ref.grid_code, "--category", "环境卫生",
                       "--summary", "邻里噪音纠纷", "--source", "群众反映")  # fmt: skip
    number = json.loads(out)["number"]
    for step in (("accept",), ("dispatch", "--lead", "环保办", "--person", "王建国"), ("sign",)):
        code, _, err = run(capsys, *base, "case", step[0], number, *step[1:])
        assert code == 0, err

    code, out, err = run(capsys, *base, "case", spec.cli_verb, number, "--note", "由网格长组织调解")
    assert code == 0, err
    assert spec.target is not None and spec.target.label in out
    code, out, _ = run(capsys, *base, "--json", "case", "show", number)
    detail = json.loads(out)
    assert detail["status"] == spec.target.value
    assert detail["lead_department"] is None and detail["self_handled"] is True
    last = detail["history"][-1]
    assert (last["action"], last["actor"], last["note"]) == ("hand_back", "调度员甲", "由网格长组织调解")
    assert (last["from_status"], last["to_status"]) == ("in_progress", spec.target.value)
    assert last["action_label"] == spec.label

    assert spec.target not in spec.sources  # so a second hand-back is one from a status that does not allow it
    code, out, err = run(capsys, *base, "case", spec.cli_verb, number, "--note", "再次退回")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err and re.search(r"[\u4e00-\u9fff]", err)
    assert spec.target.label in err and spec.label in err  # why it was refused: the case's status
    code, out, _ = run(capsys, *base, "--json", "case", "show", number)
    after = json.loads(out)
    assert (after["version"], after["status"], after["history"]) == (detail["version"], detail["status"],
                                                                     detail["history"])  # fmt: skip
    db.dispose()
