"""SQL fragments shared by the rule suites (DuckDB dialect).

Every rule query is an `UnexpectedRowsExpectation` query: GX substitutes `{batch}` with the
anchor table of the suite and runs the text through `str.format`, so no other braces may
appear in the SQL these helpers build.

Arithmetic stays in DECIMAL, as rules.md asks. DuckDB turns DECIMAL / DECIMAL into DOUBLE, so
`ratio()` rounds every quotient back to DECIMAL(38,10): the binary error (~1e-16) disappears
and a gap that is exactly on a tolerance boundary (e.g. 0.01 pp) compares as exactly equal.
"""

from __future__ import annotations

BATCH = "{batch}"
SCHEMA = "intermediate"

NULL_TEXT = "CAST(NULL AS VARCHAR)"
NULL_LINE = "CAST(NULL AS INTEGER)"

# Cell texts that mean "nothing written" on these forms (blank, dashes, slashes, full-width too).
BLANK_MARKERS = ("", "—", "——", "-", "－", "–", "/", "／")


def table(name: str) -> str:
    """Qualified name of an intermediate model, for joins beside `{batch}`."""
    return f"{SCHEMA}.{name}"


def current_forms(alias: str) -> str:
    """Join that keeps only the current version of each form (older versions are not judged)."""
    return (
        f"JOIN {table('int_form_versions')} AS cur "
        f"ON cur.form_id = {alias}.form_id AND cur.is_current"
    )


def as_text(expr: str, places: int = 4) -> str:
    """A number as short decimal text: rounded half-up to `places`, trailing zeros dropped.

    10.0000 -> '10', 9.50 -> '9.5', 89.974 -> '89.974'; NULL stays NULL. Values as written keep
    the 4 places the models store; recomputed values are shown with places=2 (rules.md rh2).
    """
    rounded = f"CAST(round(CAST(({expr}) AS DECIMAL(38,10)), {places}) AS VARCHAR)"
    return (
        rf"regexp_replace(regexp_replace({rounded}, '(\.[0-9]*[1-9])0+$', '\1'), '\.0+$', '')"
    )


def ratio(numerator: str, denominator: str) -> str:
    """numerator / denominator as DECIMAL(38,10); NULL when the denominator is 0 or NULL."""
    return (
        f"CAST(CAST(({numerator}) AS DOUBLE) / NULLIF(CAST(({denominator}) AS DOUBLE), 0) "
        f"AS DECIMAL(38,10))"
    )


def is_blank(expr: str) -> str:
    """True when a text cell holds nothing meaningful (NULL, whitespace, a dash or a slash)."""
    markers = ", ".join(f"'{m}'" for m in BLANK_MARKERS)
    return f"(coalesce(trim({expr}), '') IN ({markers}))"


def compact(expr: str) -> str:
    """A label without whitespace, full-width too ("产出 指标　" -> "产出指标"), for 一级/二级 names."""
    return rf"regexp_replace(coalesce({expr}, ''), '[\s　]+', '', 'g')"


def score_tolerance(weight: str) -> str:
    """tolS(w) = 0.005·w + 0.006 (rules.md): absorbs whole-percent and toFixed(2) rounding."""
    return f"(0.005 * ({weight}) + 0.006)"


def operator_symbol(operator: str) -> str:
    """Normalised operator ('>=', '<=', ...) as the symbol auditors read on the form."""
    return (
        f"CASE {operator} WHEN '>=' THEN '≥' WHEN '<=' THEN '≤' "
        f"ELSE coalesce({operator}, '') END"
    )
