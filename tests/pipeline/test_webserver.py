"""The Dagster UI started as the README says lists the job, schedule, sensor and assets."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

from tests.conftest import JIXIAO, REPO

QUERY = """
{
  repositoriesOrError {
    ... on RepositoryConnection {
      nodes {
        name
        jobs { name }
        schedules { name cronSchedule executionTimezone }
        sensors { name }
        assetNodes { assetKey { path } groupName isPartitioned }
      }
    }
  }
}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _query(port: int) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": QUERY}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_webserver_lists_schedule_sensor_and_assets(tmp_path):
    port = _free_port()
    server = subprocess.Popen([str(JIXIAO), "serve", "--home", str(tmp_path / "home"), "--port", str(port)],
                              cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        deadline, repositories = time.monotonic() + 180, []
        while time.monotonic() < deadline and not repositories:
            try:
                # The webserver answers before the code location has loaded: wait for the repository.
                repositories = _query(port)["data"]["repositoriesOrError"].get("nodes") or []
            except OSError:
                pass
            if not repositories:
                time.sleep(2)
        assert repositories, "the webserver did not list the code location within 180 s"
        repository = repositories[0]
        assert "nightly_load" in {job["name"] for job in repository["jobs"]}
        schedules = {s["name"]: s for s in repository["schedules"]}
        assert schedules["nightly_schedule"]["executionTimezone"] == "Asia/Shanghai"
        assert {s["name"] for s in repository["sensors"]} >= {"inbox_sensor"}
        keys = {"/".join(node["assetKey"]["path"]) for node in repository["assetNodes"]}
        assert {"raw/forms", "intermediate/int_indicator_scoring", "quality/rule_findings",
                "marts/fct_form_score", "published/warehouse"} <= keys
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
