"""The Dagster UI started as the README says lists the job, schedule, sensor and the partitioned assets."""

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
        assetNodes { assetKey { path } groupName isPartitioned partitionKeys }
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
        nodes = {"/".join(node["assetKey"]["path"]): node for node in repository["assetNodes"]}
        by_year = [node for node in nodes.values() if node["isPartitioned"]]
        # Landing and the per-form dbt models are partitioned by report year, in their own groups;
        # the cross-year models, the checks and publication are not.
        assert {"raw/forms", "raw/fund_rows", "staging/stg_forms", "intermediate/int_numeric_cells",
                "intermediate/int_indicator_scoring"} <= {key for key, node in nodes.items() if node["isPartitioned"]}
        assert {node["groupName"] for node in by_year} == {"ingest", "dbt_by_year"}
        for key in ("reports/rpt_department_year_trend", "marts/fct_form_score", "quality/rule_findings",
                    "published/warehouse"):
            assert not nodes[key]["isPartitioned"], key
        assert {nodes[key]["groupName"] for key in ("reports/rpt_department_year_trend", "marts/fct_form_score")} \
            == {"dbt_all_years"}
        assert "2019" in nodes["raw/forms"]["partitionKeys"] and "2023" in nodes["raw/forms"]["partitionKeys"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
