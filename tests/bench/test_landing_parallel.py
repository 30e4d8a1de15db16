"""Landing in worker processes, in small batches, lands exactly what landing in one process does."""

from __future__ import annotations

import duckdb

from orchestration.home import HomeLayout
from orchestration.ingest.landing import CHUNK_FILES, land_files
from orchestration.synth import generate_corpus

# Everything but what differs between two homes and two loads.
COMPARED = {
    "received_files": "file_hash, file_name, size_bytes, status, error, error_line, encoding, form_count",
    "forms": "* exclude (load_id, received_at)",
    "fund_rows": "*",
    "indicator_rows": "*",
}


def _rows(layout: HomeLayout) -> dict[str, list]:
    with duckdb.connect(str(layout.build_db), read_only=True) as connection:
        return {table: connection.execute(f"select {columns} from raw.{table} order by all").fetchall()
                for table, columns in COMPARED.items()}


def test_workers_and_batches_land_the_same_rows_as_one_process(tmp_path):
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 3 * CHUNK_FILES * 3, seed=11, error_rate=0.2)  # several chunks per worker
    inputs = sorted(str(path) for path in corpus.iterdir() if path.is_dir())
    broken = tmp_path / "extra"
    broken.mkdir()
    (broken / "not_a_form.bin").write_bytes(bytes(range(256)) * 4)
    first_form_file = next(corpus.rglob("*.txt"))
    (broken / "same_bytes_again.txt").write_bytes(first_form_file.read_bytes())  # duplicate within the load

    inline = HomeLayout(tmp_path / "inline").ensure()
    one = land_files(inline, inputs + [str(broken)], load_id="inline", workers=1)
    parallel = HomeLayout(tmp_path / "parallel").ensure()
    many = land_files(parallel, inputs + [str(broken)], load_id="parallel", workers=2, batch_forms=50)

    assert many.workers == 2 and one.workers == 0
    for summary in (one, many):
        assert summary.files_already_received == 1 and summary.files_failed == 1
    assert (many.files_seen, many.files_new, many.forms_landed) == (one.files_seen, one.files_new, one.forms_landed)
    assert _rows(parallel) == _rows(inline)
    with duckdb.connect(str(parallel.build_db), read_only=True) as connection:
        archived = connection.execute("select archive_path from raw.received_files").fetchall()
    assert all(parallel.root.joinpath(path).exists() for (path,) in archived)

    again = land_files(parallel, inputs + [str(broken)], load_id="again", workers=2)
    assert (again.files_new, again.forms_landed, again.workers) == (0, 0, 0)
    assert again.files_already_received == again.files_seen
