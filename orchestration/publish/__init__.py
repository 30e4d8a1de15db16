"""Publish: swap in the read-only warehouse analysts query."""
