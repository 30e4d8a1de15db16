"""The seed file parses to seed_expected.json, with lineage and extras."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from orchestration.forms import FileParse, parse_document, to_contract_dict
from orchestration.forms.model import FORM_KEYS, FUND_KEYS, INDICATOR_KEYS

SEED_NAME = "000_11425050844b7f8e.txt"


def _contract_view(expected, actual):
    """The parts of `actual` that `expected` has keys for (extras ignored)."""
    if isinstance(expected, dict):
        return {key: _contract_view(expected[key], actual.get(key)) for key in expected}
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [_contract_view(e, a) for e, a in zip(expected, actual)]
    return actual


def test_seed_matches_expected_on_every_contract_key(seed_bytes, seed_expected):
    result = parse_document(seed_bytes, SEED_NAME)
    actual = [to_contract_dict(form) for form in result.forms]
    assert len(actual) == len(seed_expected) == 5
    for index, (expected_form, actual_form) in enumerate(zip(seed_expected, actual)):
        assert _contract_view(expected_form, actual_form) == expected_form, f"form {index}"


def test_seed_file_metadata(seed_bytes):
    result = parse_document(seed_bytes, SEED_NAME)
    assert isinstance(result, FileParse)
    assert result.file_hash == hashlib.sha256(seed_bytes).hexdigest()
    assert result.encoding == "utf-8"
    assert result.source_name == SEED_NAME


def test_seed_forms_have_no_parse_problems_and_known_extras(seed_bytes):
    forms = parse_document(seed_bytes, SEED_NAME).forms
    assert [f["problems"] for f in forms] == [[]] * 5
    assert [f["form_index"] for f in forms] == [0, 1, 2, 3, 4]
    assert [f["amount_unit"] for f in forms] == ["万元"] * 5
    assert [f["reported_grade"] for f in forms] == [None] * 5
    assert forms[0]["title"] == "2020年事业单位公开招聘工作相关经费项目支出绩效自评表"
    assert forms[0]["total_weight_raw"] == "100"
    assert forms[0]["total_score_raw"] == "96.38分"
    assert forms[0]["total_score"] == Decimal("96.38")


def test_seed_lineage_lines(seed_bytes):
    forms = parse_document(seed_bytes, SEED_NAME).forms
    assert [(f["line_start"], f["line_end"]) for f in forms] == [
        (1, 216),
        (219, 399),
        (402, 602),
        (605, 805),
        (808, 1014),
    ]
    assert [f["total_line"] for f in forms] == [213, 396, 599, 802, 1011]
    first = forms[0]
    assert [(r["row_index"], r["line"]) for r in first["funds"]] == [(0, 24), (1, 33), (2, 42), (3, 51)]
    assert [r["line"] for r in first["indicators"]][:3] == [103, 113, 123]
    assert [r["row_index"] for r in first["indicators"]] == list(range(11))


def test_seed_form3_carryover_row_keeps_blank_initial_budget(seed_bytes):
    carryover = parse_document(seed_bytes, SEED_NAME).forms[2]["funds"][2]
    assert carryover["source"] == "carryover"
    assert carryover["source_label"] == "上年结转资金"
    assert carryover["initial_budget"] is None
    assert carryover["annual_budget"] == Decimal("0")
    assert carryover["executed"] == Decimal("0")


def test_seed_form5_goal_spans_blank_lines_and_stray_quote(seed_bytes, seed_expected):
    form = parse_document(seed_bytes, SEED_NAME).forms[4]
    assert form["goal_expected"] == seed_expected[4]["goal_expected"]
    assert "\n\n总体目标" in form["goal_expected"]
    assert not form["goal_actual"].endswith('"')


def test_seed_target_parse_extras(seed_bytes):
    forms = parse_document(seed_bytes, SEED_NAME).forms
    by_name = {(i, r["name"]): r for i, f in enumerate(forms) for r in f["indicators"]}
    cost = by_name[(4, "业务活动运行成本（万元）")]
    assert (cost["target_kind"], cost["target_operator"], cost["target_value"], cost["target_unit"]) == (
        "quantitative",
        None,
        Decimal("80"),
        "万元",
    )
    months = by_name[(0, "公开招聘完成时间")]
    assert (months["target_kind"], months["target_operator"], months["target_value"], months["target_unit"]) == (
        "quantitative",
        "<=",
        Decimal("12"),
        "月",
    )
    deadline = by_name[(2, "自治区统一安排的完成时间")]
    assert deadline["target_kind"] == "date"
    assert deadline["actual_kind"] == "date"
    assert by_name[(0, "解决用人单位用人需求")]["target_kind"] == "qualitative"
    assert by_name[(1, "职称评审人次")]["actual_value"] == Decimal("1314")
    placeholders = [r for f in forms for r in f["indicators"] if not r["applicable"]]
    assert len(placeholders) == 10
    assert {r["target_kind"] for r in placeholders} == {"placeholder"}


def test_to_contract_dict_orders_keys_and_is_json_ready(seed_bytes):
    form = to_contract_dict(parse_document(seed_bytes, SEED_NAME).forms[3])
    assert tuple(form)[: len(FORM_KEYS)] == FORM_KEYS
    assert tuple(form["funds"][0])[: len(FUND_KEYS)] == FUND_KEYS
    assert tuple(form["indicators"][0])[: len(INDICATOR_KEYS)] == INDICATOR_KEYS
    assert form["funds"][0]["execution_rate"] == 0.9874
    assert isinstance(form["indicators"][0]["target_value"], float)
    json.dumps(form, ensure_ascii=False)  # raises if a Decimal or other non-JSON value is left
