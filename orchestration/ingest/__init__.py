"""Ingest: receive files, archive them by content hash, parse them, land raw rows."""
