"""End to end in a real browser: Playwright drives Debian's headless chromium against
`streamlit run app.py`. Set JOBKG_SCREENSHOT_DIR to keep the screenshots (docs/ uses them)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port, wait_until_up

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    if not wait_until_up(f"{url}/_stcore/health", 60):
        process.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing browser is a failure, never a skip
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def shoot(page, name: str) -> None:
    folder = os.environ.get("JOBKG_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_ask_explore_click_a_node_and_land_on_its_role_page(app_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(app_url)
    page.wait_for_selector("text=Ask the job architecture", timeout=60_000)
    page.get_by_label("Question").fill("who does a Staff ITPM report to")
    page.keyboard.press("Enter")
    answer = page.wait_for_selector("text=reports to Vice President of Infrastructure & Quality", timeout=30_000)
    assert "Staff Infrastructure Technical Program Manager" in answer.inner_text()
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=30_000)
    shoot(page, "ask")

    page.goto(f"{app_url}/explore")
    frame_element = page.wait_for_selector("iframe[title*='st_link_analysis']", timeout=60_000)
    frame = frame_element.content_frame()
    frame.wait_for_function(
        "() => { const c = document.getElementById('cy'); return c && c._cyreg && c._cyreg.cy.nodes().length > 20 }",
        timeout=60_000,
    )
    time.sleep(2)  # let the layout settle before reading positions
    shoot(page, "explore")
    node = frame.evaluate(
        """() => { const el = document.getElementById('cy'); const cy = el._cyreg.cy;
        const n = cy.nodes('[label = "role"]')[0]; const p = n.renderedPosition(); const r = el.getBoundingClientRect();
        return {name: n.data('name'), x: p.x + r.left, y: p.y + r.top}; }"""
    )
    box = frame_element.bounding_box()
    page.mouse.click(box["x"] + node["x"], box["y"] + node["y"])
    page.wait_for_url("**/role?role=*", timeout=30_000)
    heading = page.wait_for_selector(f"h1:has-text('{node['name']}')", timeout=30_000)
    assert heading.inner_text().strip() == node["name"]
    shoot(page, "role")
    shared = browser.new_page(viewport={"width": 1400, "height": 1000})
    shared.goto(page.url)  # the role page's URL opens the same role in a new session
    shared.wait_for_selector(f"h1:has-text('{node['name']}')", timeout=60_000)


@pytest.mark.parametrize("path", ["queries", "sparql", "export", "quality"])
def test_other_pages_render(app_url, browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{app_url}/{path}")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_load_state("networkidle")
    time.sleep(1)
    assert not page.query_selector("[data-testid='stException']")
    shoot(page, path)
