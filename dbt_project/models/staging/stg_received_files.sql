-- One row per distinct received file (by content hash), as the ingest asset recorded it.
select
    file_hash,
    file_name,
    source_path,
    archive_path,
    cast(size_bytes as bigint) as size_bytes,
    cast(received_at as timestamp) as received_at,
    load_id,
    status,
    error,
    cast(error_line as integer) as error_line,
    encoding,
    cast(form_count as integer) as form_count
from {{ source('raw', 'received_files') }}
