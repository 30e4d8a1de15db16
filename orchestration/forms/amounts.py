"""Fund amounts in one unit: forms write them in 万元 or in 元 (some in 千元/亿元), as their header says.

The contract keys keep the amounts as written and `amount_unit` says in what; every fund row also
gets `<amount>_wan_yuan`, the same amount in 万元 (the unit of most forms and of the published
marts), so forms in different units can be compared and summed.
"""

from __future__ import annotations

from decimal import Decimal

AMOUNT_KEYS = ("initial_budget", "annual_budget", "executed")
WAN_YUAN_PER_UNIT = {"万元": Decimal(1), "元": Decimal("0.0001"), "千元": Decimal("0.1"), "亿元": Decimal(10000)}


def add_wan_yuan_amounts(form: dict) -> None:
    factor = WAN_YUAN_PER_UNIT.get(form.get("amount_unit") or "万元")
    for row in form.get("funds", []):
        for key in AMOUNT_KEYS:
            value = row.get(key)
            row[f"{key}_wan_yuan"] = None if value is None or factor is None else Decimal(str(value)) * factor
