"""End to end in a real headless Chromium: a journalist's new story, kept across reloads and restarts.

Starts ``streamlit run streamlit_app.py`` on a free loopback port with a fresh store
(``FRAMING_STORE`` in a temporary folder), drives it with Selenium and measures what a user
waits for: the first visit, a new session, and an upload joining the comparison, with the
CPU seconds the server and the page's main thread spent on the first two (printed and
written to ``artifacts/timings.json``). Then: the upload's own actors appear in the heatmap
by default; a reload and a server restart keep the collection; the collection is exported
and imported; the ``.xlsx`` download is read back with openpyxl; the interface switches to
German (screenshot ``artifacts/overview_de.png``). Skips when Chromium, chromedriver or
Selenium are missing.
"""

from __future__ import annotations

import json
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

#: A German news page about a Bundestag budget debate, with its own actors and metadata.
BUDGET_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Haushaltsdebatte im Bundestag: Klingbeil verteidigt Rekordschulden | Berliner Tagesbote</title>
<meta property="og:site_name" content="Berliner Tagesbote">
<meta name="author" content="Miriam Keller">
<meta property="article:published_time" content="2025-09-17T10:00:00+02:00">
</head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article>
<h1>Haushaltsdebatte im Bundestag: Klingbeil verteidigt Rekordschulden</h1>
<p>Der Finanzminister wirbt für den Etat 2026, die Opposition spricht von einem Schuldenhaushalt.</p>
<p>Bundesfinanzminister Lars Klingbeil hat am Mittwoch im Bundestag den Haushaltsentwurf für das kommende
Jahr verteidigt. Klingbeil sagte, der Staat müsse jetzt in Brücken, Schienen und Schulen investieren. Die
Neuverschuldung sei notwendig, um die Wirtschaft zu stabilisieren.</p>
<p>Die AfD-Fraktion warf der Regierung einen verantwortungslosen Umgang mit Steuergeld vor. Der
haushaltspolitische Sprecher der AfD-Fraktion sprach von einem Skandal und forderte drastische Kürzungen
beim Bürgergeld. Die Grünen kritisierten, Klingbeil kürze ausgerechnet beim Klimaschutz.</p>
<p>Der Bundesrechnungshof hatte bereits im Sommer gewarnt, die Tragfähigkeit der Bundesfinanzen sei
gefährdet. Nach Einschätzung des Bundesrechnungshofs verschleiert die Regierung einen Teil der Schulden in
Sondervermögen. Klingbeil wies diese Kritik zurück: Die Regeln der Schuldenbremse würden eingehalten.</p>
<p>Friedrich Merz stellte sich hinter seinen Finanzminister. Der Kanzler sagte, Deutschland brauche einen
Aufbruch. Die Linke nannte den Etat dagegen sozial ungerecht. Am Freitag soll der Bundestag in erster Lesung
abstimmen; die Beratungen im Haushaltsausschuss dauern bis November.</p>
<p>Ökonomen bewerten den Entwurf unterschiedlich. Das Institut der deutschen Wirtschaft lobte die
Investitionen, der Bund der Steuerzahler kritisierte die hohe Zinslast. Klingbeil kündigte an, im Herbst
weitere Einsparungen vorzulegen.</p>
</article>
<footer>© Berliner Tagesbote</footer>
</body></html>
"""
#: The actors of the page the library must find (others it names may join them).
BUDGET_ACTORS = ("Klingbeil", "Merz")


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
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


class Server:
    """``streamlit run`` on a free loopback port, with the store in ``store``."""

    def __init__(self, store: Path):
        self.store = store
        self.proc = None
        self.log = None

    def start(self) -> str:
        port = _free_port()
        env = dict(os.environ, PYTHONPATH=str(ROOT), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
                   FRAMING_STORE=str(self.store))
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
             "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        _wait_http(f"http://127.0.0.1:{port}/_stcore/health", 90)
        self.url = f"http://127.0.0.1:{port}/"
        return self.url

    def stop(self) -> str:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        self.log.seek(0)
        output = self.log.read().decode("utf-8", "replace")
        self.log.close()
        return output


@pytest.fixture(scope="module")
def workdir():
    folder = Path(tempfile.mkdtemp(prefix="framing-browser-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(workdir):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    downloads = workdir / "downloads"
    downloads.mkdir()
    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1600,2200", f"--user-data-dir={workdir / 'profile'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    try:  # the page's CPU metrics count from here (see _page_cpu)
        driver.execute_cdp_cmd("Performance.enable", {})
    except Exception:
        pass
    driver.set_page_load_timeout(90)
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver, condition, timeout: float = 120):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)


def _body(driver) -> str:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    try:
        return driver.find_element(By.TAG_NAME, "body").text
    except StaleElementReferenceException:
        return ""


def _plots(driver, n: int = 2):
    from selenium.webdriver.common.by import By

    plots = driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot .main-svg")
    return plots if len(plots) >= n else False


def _click_text(driver, text: str, tag: str = "button", timeout: float = 120):
    from selenium.webdriver.common.by import By

    xpath = f"//{tag}[contains(normalize-space(.), {json.dumps(text, ensure_ascii=False)})]"
    element = _wait(driver, lambda d: next((e for e in d.find_elements(By.XPATH, xpath) if e.is_displayed()), False),
                    timeout)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()
    return element


def _file_input(driver, label: str):
    from selenium.webdriver.common.by import By

    def find(d):
        for box in d.find_elements(By.CSS_SELECTOR, '[data-testid="stFileUploader"]'):
            if label in box.text:
                return box.find_element(By.CSS_SELECTOR, "input[type=file]")
        return False

    return _wait(driver, find)


def _downloaded(driver, suffix: str, timeout: float = 60) -> Path:
    def done(_):
        files = [p for p in driver.downloads.iterdir() if p.suffix == suffix]
        return files[0] if files else False

    path = _wait(driver, done, timeout)
    time.sleep(0.5)
    return path


def _heatmap_text(driver) -> str:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    try:
        return " ".join(p.text for p in driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot"))
    except StaleElementReferenceException:  # the page re-rendered meanwhile
        return ""


def _server_cpu(server: Server) -> float | None:
    """CPU seconds the Streamlit server process has used so far (Linux ``/proc``; else None)."""
    try:
        with open(f"/proc/{server.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _page_cpu(driver) -> float | None:
    """CPU seconds of the page's main thread since it loaded (Chromium's ``ThreadTime``)."""
    try:
        metrics = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "ThreadTime")
    except Exception:  # an older Chromium without the metric
        return None


def _cpu_figures(timings: dict, what: str, server: Server, before: float | None, driver) -> None:
    """Add the server's and the page's CPU seconds for ``what``: unlike the wall-clock times,
    they hardly change with the load of a shared machine."""
    after = _server_cpu(server)
    if before is not None and after is not None:
        timings[f"{what}_server_cpu_s"] = after - before
    page = _page_cpu(driver)
    if page is not None:
        timings[f"{what}_browser_cpu_s"] = page


def test_a_new_story_from_upload_to_a_kept_collection(browser, workdir):
    from selenium.webdriver.common.by import By

    timings: dict[str, float] = {}
    load = os.getloadavg()[0]
    server = Server(workdir / "store.sqlite3")
    url = server.start()
    try:
        # first visit on a fresh install (empty store; the seed scores come from the shipped cache)
        cpu = _server_cpu(server)
        start = time.monotonic()
        browser.get(url + "?lang=en")
        _wait(browser, lambda d: _plots(d, 2))
        timings["first_visit_s"] = time.monotonic() - start
        _cpu_figures(timings, "first_visit", server, cpu, browser)
        assert "Vitaly Portnikov" in _body(browser)

        # a new session (a reload opens a new Streamlit session), once the scoring worker is warm
        time.sleep(20)
        cpu = _server_cpu(server)
        start = time.monotonic()
        browser.get(url + "?lang=en")
        _wait(browser, lambda d: _plots(d, 2) and "Vitaly Portnikov" in _body(d))
        timings["new_session_s"] = time.monotonic() - start
        _cpu_figures(timings, "new_session", server, cpu, browser)

        # upload a page with its own actors; its metadata become editable defaults
        page = workdir / "haushaltsdebatte.html"
        page.write_text(BUDGET_PAGE, encoding="utf-8")
        start = time.monotonic()
        _file_input(browser, "Files").send_keys(str(page))
        _wait(browser, lambda d: "Add to the comparison" in _body(d))
        timings["upload_scored_s"] = time.monotonic() - start
        title = browser.find_element(By.XPATH, "//input[@aria-label='Title']")
        assert "Klingbeil verteidigt Rekordschulden" in title.get_attribute("value")
        date = browser.find_element(By.XPATH, "//input[@aria-label='Date']")
        assert date.get_attribute("value") == "2025-09-17"
        source = browser.find_elements(By.XPATH, "//input[@aria-label='Source name']")[-1]  # the upload's
        assert source.get_attribute("value") == "Berliner Tagesbote"  # the page's site name
        _click_text(browser, "Add to the comparison")
        _wait(browser, lambda d: "Added 1 article(s)" in _body(d))
        timings["upload_joined_s"] = time.monotonic() - start

        # its actors are in the heatmap by default
        _click_text(browser, "Actors", tag="div[@data-testid='stRadio']//label")
        _wait(browser, lambda d: all(a in _heatmap_text(d) for a in BUDGET_ACTORS))

        # a reload keeps the view (the URL carries collection, sources, view)
        link = _wait(browser, lambda d: d.current_url if "c=" in d.current_url and "v=actors" in d.current_url
                     else False, 30)
        browser.get(link)
        _wait(browser, lambda d: all(a in _heatmap_text(d) for a in BUDGET_ACTORS))

        # the spreadsheet opens with openpyxl: one sheet per table, numbers as numbers
        openpyxl = pytest.importorskip("openpyxl")
        _click_text(browser, "Spreadsheet (.xlsx")
        book = openpyxl.load_workbook(_downloaded(browser, ".xlsx"))
        assert book.sheetnames == ["scores", "actors", "quotes", "descriptors"]
        rows = list(book["scores"].iter_rows(values_only=True))
        assert rows[1][1] == "Berliner Tagesbote" and isinstance(rows[1][7], int)
        assert any("Klingbeil" in str(r[3]) for r in book["actors"].iter_rows(values_only=True))

        # export the collection to one file
        _click_text(browser, "Manage collections", tag="summary")
        _click_text(browser, "Export this collection")
        exported = _downloaded(browser, ".json")
        assert json.loads(exported.read_text(encoding="utf-8"))["format"] == "framing-collection"
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "failure.png"))
        raise
    finally:
        log = server.stop()
    assert "Traceback" not in log, log[-3000:]

    # a server restart keeps the collection
    url = server.start()
    try:
        browser.get(url + link[link.index("?"):])
        _wait(browser, lambda d: all(a in _heatmap_text(d) for a in BUDGET_ACTORS))

        # import the export as a new collection (it is rescored, then shown)
        _click_text(browser, "Manage collections", tag="summary")
        _file_input(browser, "Import a collection").send_keys(str(exported))
        _wait(browser, lambda d: "Collection imported" in _body(d))
        _wait(browser, lambda d: all(a in _heatmap_text(d) for a in BUDGET_ACTORS))

        # switch the interface to German
        _click_text(browser, "Deutsch")
        _wait(browser, lambda d: "Wie rahmen die Quellen die Geschichte?" in _body(d))
        _click_text(browser, "Überblick", tag="div[@data-testid='stRadio']//label")
        _wait(browser, lambda d: _plots(d, 2) and "Anteil der Wörter in Meinungssätzen" in _body(d))
        time.sleep(1.5)  # let the charts finish their transition before the screenshot
        ARTIFACTS.mkdir(exist_ok=True)
        assert browser.save_screenshot(str(ARTIFACTS / "overview_de.png"))
        assert "Lagerjargon je 1.000 Wörter" in _body(browser)

        # the quotes view: who speaks (a chart) and the quotes table of one source
        _click_text(browser, "Zitate und Sprecher", tag="div[@data-testid='stRadio']//label")
        _wait(browser, lambda d: _plots(d, 1) and "Zitate einer Quelle" in _body(d))

        # the archive page sits next to the main app (page links in the sidebar, German labels)
        from selenium.webdriver.common.by import By

        def archive_link(d):
            links = d.find_elements(By.CSS_SELECTOR, "[data-testid='stSidebar'] a")
            return next((e for e in links if (e.get_attribute("href") or "").rstrip("/").endswith("/archive")), False)

        assert "Archiv über die Zeit" in _wait(browser, archive_link).text
        _wait(browser, archive_link).click()
        _wait(browser, lambda d: "Archive over time" in _body(d))
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "failure.png"))
        raise
    finally:
        log = server.stop()
    assert "Traceback" not in log, log[-3000:]

    timings["load_average_1min_at_start"] = load
    print("timings:", json.dumps({k: round(v, 2) for k, v in timings.items()}))
    (ARTIFACTS / "timings.json").write_text(json.dumps(timings, indent=1))
    assert timings["first_visit_s"] < 60 and timings["new_session_s"] < 60 and timings["upload_joined_s"] < 120
