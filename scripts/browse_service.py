"""Drive the upload page in a real headless browser and keep screenshots of every step, in English and Chinese.

Starts `kpi-audit serve` on a free 127.0.0.1 port with a temporary --db, creates a token per language, and walks
Debian's headless Chromium through: sign in -> download the intake template -> upload the example seller as a
workbook -> the audit's page and the report -> a second upload (a changed intake, a later audit date) -> the
organisation's history -> the comparison -> an invalid intake's problems -> sign out. The server is stopped at
the end, whatever happened. Only 127.0.0.1 is ever contacted.

Needs (not in any runtime extra):
    apt-get install -y chromium chromium-driver fonts-noto-cjk
    .venv/bin/pip install selenium

Usage:
    .venv/bin/python scripts/browse_service.py [--out /tmp/kpi-audit-service-shots]
"""
from __future__ import annotations

import argparse
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

ROOT = Path(__file__).resolve().parent.parent
SELLER = ROOT / "examples" / "cross-border-seller.yaml"
TENANTS = {"en": "Demo Agency", "zh": "深圳示范咨询"}
BROWSER_LOCALES = {"en": "en-US", "zh": "zh-CN"}
WIDTH = 1280
MAX_HEIGHT = 5000  # a full-page screenshot is cut here (the report itself runs to many pages)
START_SECONDS = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kpi_audit() -> list[str]:
    """The kpi-audit command of this Python (the venv's), whatever the PATH says."""
    return [sys.executable, "-c", "from cli.main import main; main()"]


def create_token(db: Path, tenant: str) -> str:
    out = subprocess.run([*kpi_audit(), "token", "create", "--tenant", tenant, "--db", str(db)], check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    return re.search(r"kpa_\S+", out).group(0)


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode}); see its log")
        try:
            with urllib.request.urlopen(f"{base}/?lang=en", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer in time")


def intakes(folder: Path) -> dict[str, Path]:
    """The uploads: the seller as a Chinese workbook (kpi-audit convert), the same seller a quarter later with an
    internal champion (a changed YAML), and a broken one (KPIs owned by a role that does not exist)."""
    workbook = folder / "nova-home.xlsx"
    subprocess.run([*kpi_audit(), "convert", str(SELLER), str(workbook), "--lang", "zh", "--force"], check=True,
                   capture_output=True, cwd=ROOT)
    text = SELLER.read_text(encoding="utf-8")
    later = folder / "nova-home-2027q1.yaml"
    later.write_text(text.replace("audit_date: 2026-11-01", "audit_date: 2027-02-01")
                     .replace("champion: p-coach", "champion: p-zhao"), encoding="utf-8")
    broken = folder / "broken.yaml"
    broken.write_text(text.replace("owner: us-ops", "owner: nobody"), encoding="utf-8")
    return {"workbook": workbook, "later": later, "broken": broken}


def browser(downloads: Path, chromium: str, driver_path: str, lang: str) -> webdriver.Chrome:
    """Headless Chromium speaking `lang` (its own controls, and Accept-Language, so the page's default follows)."""
    locale = BROWSER_LOCALES[lang]
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={WIDTH},1000", "--hide-scrollbars", f"--lang={locale}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False,
                                              "intl.accept_languages": locale})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


class Walk:
    """One language's walk through the page, saving numbered screenshots."""

    def __init__(self, driver: webdriver.Chrome, base: str, lang: str, out: Path) -> None:
        self.driver, self.base, self.lang, self.out = driver, base, lang, out
        self.count = 0
        self.saved: list[Path] = []

    def shot(self, name: str) -> None:
        """A screenshot of the whole page (up to MAX_HEIGHT) as NN-lang-name.png."""
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(WIDTH, min(MAX_HEIGHT, max(800, int(height) + 120)))
        self.count += 1
        path = self.out / f"{self.lang}-{self.count:02d}-{name}.png"
        self.driver.save_screenshot(str(path))
        self.saved.append(path)
        self.driver.set_window_size(WIDTH, 1000)

    def go(self, path: str) -> None:
        self.driver.get(f"{self.base}{path}")

    def submit(self, form_css: str) -> None:
        self.driver.find_element(By.CSS_SELECTOR, f"{form_css} button[type=submit]").click()

    def upload(self, intake: Path, fmt: str = "html") -> None:
        self.go(f"/?lang={self.lang}")
        self.driver.find_element(By.ID, "intake").send_keys(str(intake))
        Select(self.driver.find_element(By.ID, "report_lang")).select_by_value(self.lang)
        self.driver.find_element(By.CSS_SELECTOR, f"input[name=format][value={fmt}]").click()
        self.driver.find_element(By.ID, "prepared_by").send_keys("Li & Partners" if self.lang == "en" else "李氏咨询")
        self.submit("form[enctype]")

    def run(self, token: str, files: dict[str, Path], downloads: Path) -> None:
        self.go(f"/?lang={self.lang}")
        self.shot("sign-in")
        field = self.driver.find_element(By.ID, "token")
        field.send_keys("kpa_wrong-token")
        self.submit("form")
        self.shot("wrong-token")
        self.driver.find_element(By.ID, "token").send_keys(token)
        self.submit("form")
        self.shot("dashboard")
        self.driver.find_element(By.CSS_SELECTOR, f"a[href^='/template/{self.lang}']").click()
        template = downloads / f"kpi-audit-intake-{self.lang}.xlsx"
        waited = time.monotonic() + 20
        while not template.is_file() and time.monotonic() < waited:
            time.sleep(0.2)
        print(f"  template: {template} ({template.stat().st_size if template.is_file() else 'NOT downloaded'})")
        self.upload(files["workbook"])
        self.shot("first-audit")
        self.driver.find_element(By.CSS_SELECTOR, ".actions a.button").click()
        self.shot("report")
        self.upload(files["later"])
        self.shot("second-audit")
        self.driver.find_element(By.CSS_SELECTOR, ".actions a[href^='/orgs/']").click()
        self.shot("history")
        self.driver.find_element(By.CSS_SELECTOR, "a[href^='/compare']").click()
        self.shot("comparison")
        self.go(f"/orgs?lang={self.lang}")
        self.shot("organisations")
        self.upload(files["broken"])
        self.shot("invalid-intake")
        self.go(f"/orgs/another-tenants-org?lang={self.lang}")
        self.shot("not-found")
        self.go(f"/?lang={self.lang}")
        self.driver.find_element(By.CSS_SELECTOR, "header form button").click()
        self.shot("signed-out")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/kpi-audit-service-shots"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--driver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kpi-audit-browse-") as temp:
        folder = Path(temp)
        db, downloads = folder / "service.db", folder / "downloads"
        downloads.mkdir()
        tokens = {lang: create_token(db, tenant) for lang, tenant in TENANTS.items()}
        files = intakes(folder)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (folder / "server.log").open("w")
        server = subprocess.Popen([*kpi_audit(), "serve", "--host", "127.0.0.1", "--port", str(port), "--db",
                                   str(db), "--workers", "2"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(base, server)
            for lang, token in tokens.items():
                print(f"{lang}:")
                driver = browser(downloads, args.chromium, args.driver, lang)
                try:
                    walk = Walk(driver, base, lang, args.out)
                    walk.run(token, files, downloads)
                finally:
                    driver.quit()
                for path in walk.saved:
                    print(f"  {path}")
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
            errors = [line for line in (folder / "server.log").read_text().splitlines() if "Traceback" in line
                      or "incident" in line]
            print("server log: " + ("no tracebacks or incidents" if not errors else "\n".join(errors)))


if __name__ == "__main__":
    main()
