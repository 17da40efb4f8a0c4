"""End to end in a real headless Chromium: the dashboard renders its charts and takes an upload.

Starts ``streamlit run streamlit_app.py`` on a free loopback port, drives it with Selenium,
and saves a screenshot to ``artifacts/overview.png``. Skips when Chromium, chromedriver or
Selenium are missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p), None)
CHROMEDRIVER = shutil.which("chromedriver")

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium/chrome binary on PATH (apt install chromium)"),
    pytest.mark.skipif(CHROMEDRIVER is None, reason="no chromedriver on PATH (apt install chromium-driver)"),
]

UPLOAD_TEXT = (
    "Bundesregierung streitet über Waffenlieferungen\n\n"
    "Die Bundesregierung hat am Dienstag über neue Waffenlieferungen an die Ukraine beraten. "
    "Kritiker sprechen von einem gefährlichen Eskalationskurs. Der Kanzler sagte, Deutschland "
    "werde die Ukraine weiter unterstützen. Russland warf dem Westen eine Provokation vor. "
    "Nach Angaben der Regierung soll die Entscheidung noch in dieser Woche fallen.\n"
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
         "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        _wait_http(f"http://127.0.0.1:{port}/_stcore/health", 60)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
        log.close()
        if "Traceback" in output:
            print(output[-4000:])


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="framing-chrome-")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1600,2200", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait(driver, condition, timeout: float = 90):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.5).until(condition)


def test_dashboard_renders_and_takes_an_upload(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(server)
    plots = _wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".js-plotly-plot")) >= 3 and
                  d.find_elements(By.CSS_SELECTOR, ".js-plotly-plot"))
    assert len(plots) >= 3
    assert "Vitaly Portnikov" in browser.find_element(By.TAG_NAME, "body").text

    upload = tmp_path / "Testblatt_Berlin.txt"
    upload.write_text(UPLOAD_TEXT, encoding="utf-8")
    browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(upload))
    _wait(browser, lambda d: "Added 1 article(s) as “Testblatt_Berlin”" in d.find_element(By.TAG_NAME, "body").text)
    # The new source joins the overview: its card and its bar in the chart.
    _wait(browser, lambda d: any("Testblatt_Berlin" in p.text for p in
                                 d.find_elements(By.CSS_SELECTOR, ".js-plotly-plot")))
    time.sleep(1.5)  # let the charts finish their transition before the screenshot

    ARTIFACTS.mkdir(exist_ok=True)
    browser.set_window_size(1600, 2200)
    assert browser.save_screenshot(str(ARTIFACTS / "overview.png"))
    assert (ARTIFACTS / "overview.png").stat().st_size > 10_000
