"""The reports in a real headless Chromium (Debian's `chromium`): no console errors, the findings and
charts are rendered, Chinese text has a font. Screenshots are saved in the test's tmp dir and copied to
test-artifacts/screenshots/. Skips (installs nothing) when /usr/bin/chromium is missing; .ci/run installs it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"  # gitignored; docs/screenshots holds the README copies

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium is not installed (apt-get install chromium fonts-noto-cjk)")


def _chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,1800", *extra,
               page.resolve().as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def _console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def _dump(page: Path, profile: Path) -> tuple[str, list[str]]:
    completed = _chromium(page, profile, "--enable-logging=stderr", "--v=0", "--dump-dom")
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout, _console_messages(completed.stderr)


def _screenshot(page: Path, target: Path, profile: Path) -> Path:
    completed = _chromium(page, profile, f"--screenshot={target}", "--hide-scrollbars")
    assert completed.returncode == 0 and target.exists() and target.stat().st_size > 10_000, completed.stderr[-2000:]
    return target


def _publish_screenshot(source: Path) -> None:
    """Copy into test-artifacts/screenshots/, as a palette PNG when Pillow is there (a few hundred kB less)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / source.name
    try:
        from PIL import Image

        with Image.open(source) as image:
            image.convert("RGB").quantize(colors=128).save(target, optimize=True)
    except ImportError:
        shutil.copy(source, target)


def _cjk_font_installed() -> bool:
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return listed.returncode == 0 and bool(listed.stdout.strip())


def test_audit_html_renders_the_findings_without_console_errors(multi_year_reports, tmp_path):
    page = multi_year_reports["audit_html"]
    dom, console = _dump(page, tmp_path / "profile")
    assert console == [], console
    body = re.search(r"<body[^>]*>", dom).group(0)
    assert 'data-js-ready="1"' in body, "the page script ran to the end"
    assert "data-js-error" not in body, body
    # The script counted the rows it shows: errors and warnings by default, info toggled off.
    count = re.search(r'data-count-for="findings-table">显示 (\d+) / (\d+) 条', dom)
    assert count, "the findings table filter ran"
    shown, total = int(count.group(1)), int(count.group(2))
    assert total == len(re.findall(r'<tr id="f-\d+"', dom)) and 0 < shown <= total
    assert "R-TOT-01" in dom and "总分填报90" in dom
    shot = _screenshot(page, tmp_path / "audit.png", tmp_path / "profile")
    _publish_screenshot(shot)


def test_trends_html_renders_its_charts_without_console_errors(multi_year_reports, tmp_path):
    page = multi_year_reports["trends_html"]
    dom, console = _dump(page, tmp_path / "profile")
    assert console == [], console
    assert dom.count("<svg") >= 6 and "同比变化最大的项目" in dom
    shot = _screenshot(page, tmp_path / "trends.png", tmp_path / "profile")
    _publish_screenshot(shot)


def test_a_cjk_font_is_installed_for_the_charts():
    if not _cjk_font_installed():
        pytest.fail("no Chinese font: Chinese text would render as boxes (apt-get install fonts-noto-cjk)")
