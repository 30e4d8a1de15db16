"""Per department and unit counts, shared by the Excel and HTML reports (computed in SQL: data.py)."""

from __future__ import annotations

from orchestration.reports.data import UNREADABLE

__all__ = ["SUMMARY_HEADERS", "UNREADABLE"]

SUMMARY_HEADERS = ["主管部门", "实施单位", "收到表单数", "已发布", "已隔离", "已被替代", "错误", "警告", "提示"]
