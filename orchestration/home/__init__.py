"""The home: the one folder a jixiao deployment keeps everything in."""

from orchestration.home.layout import HomeLayout, resolve_home

__all__ = ["HomeLayout", "resolve_home"]
