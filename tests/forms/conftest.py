"""Shared fixtures for the form parser tests.

Inputs are written in the notation `sed 's/\\t/→/g'` shows: "→" stands for the tab that opens a
cell, so each test's small input reads like the seed file it imitates.
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest

from orchestration.forms import FileParse, parse_document


def _shared_dir() -> Path:
    env = os.environ.get("JIXIAO_SHARED_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared"


def tabs(text: str) -> str:
    """Arrow notation to the real dump text (dedented, "→" -> tab)."""
    return textwrap.dedent(text).lstrip("\n").replace("→", "\t")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = _shared_dir()
    if not path.is_dir():
        pytest.fail(f"shared folder not found at {path} (set JIXIAO_SHARED_DIR)")
    return path


@pytest.fixture(scope="session")
def seed_bytes(shared_dir: Path) -> bytes:
    return (shared_dir / "seeds" / "000_11425050844b7f8e.txt").read_bytes()


@pytest.fixture(scope="session")
def seed_expected(shared_dir: Path) -> list[dict]:
    return json.loads((shared_dir / "spec" / "seed_expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def parse():
    """parse(arrow_text) -> FileParse, for tests whose hazard is not the encoding."""

    def _parse(text: str, name: str = "test.txt") -> FileParse:
        return parse_document(tabs(text).encode("utf-8"), name)

    return _parse


# A complete, consistent form: the baseline that tests change one hazard in.
MINIMAL_FORM = """\
→测试项目支出绩效自评表

→(2021年度)

→项目名称
→测试项目

→主管部门
→测试主管部门
→实施单位
→测试实施单位

→项目资金（万元）
→
→年初预算数
→全年预算数
→全年执行数
→分值
→执行率
→得分

→
→年度资金总额
→10
→10
→9
→10
→90%
→9分

→
→其中：当年财政拨款
→10
→10
→9
→—
→—
→—

→年度总体目标
→预期目标
→实际完成情况

→
→目标甲
→完成甲

→
→一级指标
→二级指标
→三级指标
→年度指标值
→实际完成值
→分值
→得分
→偏差原因分析及改进措施

→年度绩效指标完成情况
→产出指标
→数量指标
→培训人数
→>=100人
→120
→90
→90
→

→总分
→100
→99分
→
"""


@pytest.fixture
def minimal_form() -> str:
    return MINIMAL_FORM


@pytest.fixture
def dump():
    """dump(arrow_text) -> the real tab-cell text."""
    return tabs
