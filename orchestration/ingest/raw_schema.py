"""DDL of the raw schema (docs/ARCHITECTURE.md, "Raw schema")."""

from __future__ import annotations

from orchestration.ingest.rows import FUND_NUMBER_COLUMNS

_FUND_NUMBER_DDL = ",\n    ".join(f"{col} VARCHAR, {col}_raw VARCHAR" for col in FUND_NUMBER_COLUMNS)

RAW_DDL = f"""
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.received_files (
    file_hash VARCHAR PRIMARY KEY, file_name VARCHAR, source_path VARCHAR, archive_path VARCHAR,
    size_bytes BIGINT, received_at TIMESTAMP, load_id VARCHAR, status VARCHAR, error VARCHAR,
    error_line INTEGER, encoding VARCHAR, form_count INTEGER
);
CREATE TABLE IF NOT EXISTS raw.forms (
    form_id VARCHAR PRIMARY KEY, file_hash VARCHAR, form_index INTEGER, source_file VARCHAR,
    line_start INTEGER, line_end INTEGER, load_id VARCHAR, received_at TIMESTAMP, content_hash VARCHAR,
    title VARCHAR, report_year INTEGER, project_name VARCHAR, department VARCHAR,
    implementing_unit VARCHAR, goal_expected VARCHAR, goal_actual VARCHAR, amount_unit VARCHAR,
    total_weight VARCHAR, total_weight_raw VARCHAR, total_score VARCHAR, total_score_raw VARCHAR,
    reported_grade VARCHAR, total_line INTEGER, parse_problems VARCHAR
);
CREATE TABLE IF NOT EXISTS raw.fund_rows (
    form_id VARCHAR, file_hash VARCHAR, form_index INTEGER, row_index INTEGER, line INTEGER,
    source VARCHAR, source_label VARCHAR,
    {_FUND_NUMBER_DDL}
);
-- Which (path, size, mtime, ctime, inode) has already been landed as which file: a reload does not
-- read those files again (orchestration/ingest/file_stats.py). One row per path: the latest state.
CREATE TABLE IF NOT EXISTS raw.file_stats (
    stat_key VARCHAR, file_hash VARCHAR, recorded_at TIMESTAMP, path VARCHAR
);
-- Homes made before the path was recorded (their rows keep a NULL path).
ALTER TABLE raw.file_stats ADD COLUMN IF NOT EXISTS path VARCHAR;
CREATE TABLE IF NOT EXISTS raw.indicator_rows (
    form_id VARCHAR, file_hash VARCHAR, form_index INTEGER, row_index INTEGER, line INTEGER,
    level1 VARCHAR, level1_raw VARCHAR, level1_declared_weight VARCHAR, level2 VARCHAR, name VARCHAR,
    target_raw VARCHAR, actual_raw VARCHAR, weight VARCHAR, weight_raw VARCHAR, score VARCHAR,
    score_raw VARCHAR, deviation_note VARCHAR, applicable BOOLEAN, target_kind VARCHAR,
    target_operator VARCHAR, target_value VARCHAR, target_unit VARCHAR, actual_kind VARCHAR,
    actual_value VARCHAR, actual_unit VARCHAR, actual_band VARCHAR
);
"""

RAW_TABLES = ("received_files", "forms", "fund_rows", "indicator_rows")
