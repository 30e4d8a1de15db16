"""Format readers: bytes of one format in, rows of cells (cells.Row) or text out.

Each reader takes bytes, never a path, and raises DocumentError for a file it cannot read.
detect.sniff() picks the reader by content; the file name is never consulted.
"""
