"""Issue 3's bad files through the real load: one clear error line each, archived, the rest loads."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import run_jixiao
from tests.forms.support import render

BAD_FILES = {
    "corrupt.xlsx": lambda: render.to_xlsx([[["项目名称", "甲"]]])[:700],
    "bomb.xlsx": lambda: render.zip_bomb("xlsx"),
    "empty.txt": lambda: b"",
    "blob.bin": lambda: bytes(range(256)) * 40,
    "scanned.pdf": render.scanned_pdf,
}


def test_bad_files_are_reported_archived_and_do_not_stop_the_load(tmp_path, seed_file):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, make in BAD_FILES.items():
        (inbox / name).write_bytes(make())
    (inbox / "seed.txt").write_bytes(seed_file.read_bytes())
    home = tmp_path / "home"
    load = run_jixiao("load", str(inbox), home=home, check=True)

    error_lines = [line for line in load.stderr.splitlines() if line.startswith("error: ")]
    assert sorted(Path(line.split(":")[1].strip()).name for line in error_lines) == sorted(BAD_FILES)
    assert any("OCR is not supported" in line for line in error_lines)
    assert any("zip bomb" in line for line in error_lines)
    assert re.search(r"published:\s+5 forms", load.stdout)

    status = json.loads(run_jixiao("status", "--json", home=home, check=True).stdout)
    assert status["files"] == {"received": 6, "parsed": 1, "failed": 5}
    import duckdb

    with duckdb.connect(str(home / "published" / "jixiao.duckdb"), read_only=True) as connection:
        failed = connection.execute(
            "select file_name, archive_path, error from audit_received_files where status = 'failed'").fetchall()
    assert sorted(row[0] for row in failed) == sorted(BAD_FILES)
    assert all(Path(archive).is_file() and error for _, archive, error in failed)
    findings = json.loads(run_jixiao("findings", "--json", "--severity", "error", home=home, check=True).stdout)
    assert sorted(f["source_file"] for f in findings) == sorted(BAD_FILES)
