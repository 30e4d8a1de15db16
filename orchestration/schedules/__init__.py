"""Schedules: the nightly load job, its schedule and the inbox sensor."""
