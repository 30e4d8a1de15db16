"""Amounts written in 元 are also given in 万元; the contract keys keep the amounts as written."""

from __future__ import annotations

from decimal import Decimal

from orchestration.forms import parse_document
from orchestration.forms.amounts import add_wan_yuan_amounts


def test_yuan_form_gets_wan_yuan_amounts_and_keeps_its_own(shared):
    path = next((shared / "fixtures" / "real_forms").glob("05_*.txt"))
    form = parse_document(path.read_bytes(), path.name).forms[0]
    assert form["amount_unit"] == "元"
    total = next(row for row in form["funds"] if row["source"] == "total")
    assert total["annual_budget_raw"].replace(",", "") .startswith("387664.62")
    assert Decimal(str(total["annual_budget"])) == Decimal("387664.62")
    assert Decimal(str(total["annual_budget_wan_yuan"])) == Decimal("38.766462")


def test_wan_yuan_form_is_unchanged_and_unknown_units_are_not_guessed():
    form = {"amount_unit": "万元", "funds": [{"annual_budget": 12.5, "executed": None, "initial_budget": 3}]}
    add_wan_yuan_amounts(form)
    assert form["funds"][0]["annual_budget_wan_yuan"] == Decimal("12.5")
    assert form["funds"][0]["executed_wan_yuan"] is None
    odd = {"amount_unit": "美元", "funds": [{"annual_budget": 1, "executed": 1, "initial_budget": 1}]}
    add_wan_yuan_amounts(odd)
    assert odd["funds"][0]["annual_budget_wan_yuan"] is None
