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


def serve(*sources: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """`streamlit run app.py -- --source ...` on a free port, until the module's tests end."""
    port = free_port()
    arguments = [arg for source in sources for arg in ("--source", source)]
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
            "--",
            *arguments,
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    if not wait_until_up(f"{url}/_stcore/health", 60):
        process.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    yield from serve(str(DEV_CORPUS), DEAD_ENDPOINT)


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


DEV_CORPUS = REPO.parent / "shared" / "corpus" / "job-families"
DEAD_ENDPOINT = "http://127.0.0.1:9/query"  # served, and nobody answers there
GRAPH = "iframe[title*='st_link_analysis']"
READ_NODES = """() => { const el = document.getElementById('cy'); if (!el || !el._cyreg) return null;
  const cy = el._cyreg.cy; const r = el.getBoundingClientRect();
  return cy.nodes('[kind = "role"]').map(n => ({id: n.id(), name: n.data('label'), label: n.style('label'),
    font: parseFloat(n.renderedStyle('font-size')), focus: n.hasClass('focus'),
    x: n.renderedPosition().x + r.left, y: n.renderedPosition().y + r.top,
    visible: n.renderedPosition().x > 0 && n.renderedPosition().y > 0
      && n.renderedPosition().x < r.width && n.renderedPosition().y < r.height})); }"""


def choose_folder(page, app_url: str, folder: Path) -> None:
    """As a person would: the sidebar's source select, then the folder the server serves."""
    page.goto(app_url)
    page.wait_for_selector("text=Ask the job architecture", timeout=60_000)
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name=f"folder of pages: {folder}").click()
    try:
        page.wait_for_selector("text=78 pages", timeout=120_000)
    except Exception as error:  # say what the sidebar showed instead
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        raise AssertionError(f"the folder did not load; sidebar: {sidebar!r}") from error


def graph_nodes(page) -> list[dict]:
    frame = page.wait_for_selector(GRAPH, timeout=60_000).content_frame()
    frame.wait_for_function(f"() => {{ const n = ({READ_NODES})(); return n && n.length > 0 }}", timeout=60_000)
    time.sleep(1)
    return frame.evaluate(READ_NODES)


def assert_folder_chosen(page, folder: Path) -> None:
    """The page is on this folder: its URL says so, and the sidebar counts its 78 pages."""
    from playwright.sync_api import expect

    expect(page.locator("[data-testid='stSidebar']")).to_contain_text("78 pages", timeout=60_000)
    assert "source=folder" in page.url and folder.name in page.url.replace("%2F", "/")


def test_ask_answers_in_the_browser(app_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{app_url}/?source=bundled")
    page.wait_for_selector("text=Ask the job architecture", timeout=60_000)
    page.get_by_label("Question").fill("who does a Staff ITPM report to")
    page.keyboard.press("Enter")
    answer = page.wait_for_selector("text=reports to Vice President of Infrastructure & Quality", timeout=30_000)
    assert "Staff Infrastructure Technical Program Manager" in answer.inner_text()
    page.wait_for_selector("[data-testid='stTable']", timeout=30_000)
    shoot(page, "ask")


@pytest.mark.parametrize("source", ["bundled", f"folder:{DEV_CORPUS}"], ids=["bundled", "job-families"])
def test_the_first_view_shows_every_node_drawn_readable(app_url, browser, source):
    """At 1400x1000 the org chart opens fitted to what it draws: every role node inside the
    chart, its name as its label at 10 px or more."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{app_url}/explore?source={source}")
    nodes = graph_nodes(page)
    assert nodes and all(n["visible"] for n in nodes), [n["name"] for n in nodes if not n["visible"]]
    assert all(n["label"] == n["name"] and n["font"] >= 10 for n in nodes), nodes[:3]
    if source == "bundled":
        shoot(page, "explore")


def test_a_chosen_folder_survives_search_click_back_and_reload(app_url, browser):
    """The 78-page corpus chosen in the sidebar: Explore, search a role, open it from the chart,
    land on its page on the same folder; Back and a reload keep the folder; the role's URL opens
    the same role on the same source in a new browser context."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    choose_folder(page, app_url, DEV_CORPUS)
    page.get_by_role("link", name="Explore").click()
    page.wait_for_selector("text=Explore the org graph", timeout=60_000)
    search = page.locator("[data-testid='stSelectbox']").filter(has_text="Find a role")
    search.click()
    page.keyboard.type("Director, Technical Writing")
    page.get_by_role("option", name="Director, Technical Writing", exact=True).click()
    page.wait_for_selector("text=and everything 2 steps away", timeout=60_000)
    focus = next(n for n in graph_nodes(page) if n["focus"])
    assert focus["name"] == "Director, Technical Writing" and focus["font"] >= 10
    box = page.wait_for_selector(GRAPH).bounding_box()
    page.mouse.dblclick(box["x"] + focus["x"], box["y"] + focus["y"])
    page.wait_for_url("**/role?*", timeout=30_000)
    page.wait_for_selector("h1:has-text('Director, Technical Writing')", timeout=60_000)
    assert "source=folder" in page.url
    assert_folder_chosen(page, DEV_CORPUS)
    shoot(page, "role")
    role_url = page.url
    page.go_back()
    page.wait_for_selector("text=Explore the org graph", timeout=60_000)
    assert_folder_chosen(page, DEV_CORPUS)
    page.reload()
    page.wait_for_selector("text=78 pages", timeout=120_000)
    assert_folder_chosen(page, DEV_CORPUS)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    shared = context.new_page()
    shared.goto(role_url)
    shared.wait_for_selector("h1:has-text('Director, Technical Writing')", timeout=120_000)
    shared.wait_for_selector("text=78 pages", timeout=60_000)
    context.close()


def test_the_matrix_opens_a_role_in_place_and_shows_every_family(app_url, browser):
    """On the 78-page corpus at 1400x1000: choosing a cell opens that role's page in the same
    app, with no page load (a marker set in the window survives) and on the same folder; the
    grid fits the window and every family's name shows in its frame (scrolled within it)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    choose_folder(page, app_url, DEV_CORPUS)
    frame = open_matrix(page)
    shoot(page, "matrix")
    box = frame.bounding_box()
    headers = [h.inner_text() for h in page.query_selector_all("[role='grid'] [role='columnheader']")]
    column = headers.index("grade 8")
    assert page.inner_text("[data-testid='glide-cell-1-1']") == "Strategy and Operations"
    assert page.inner_text(f"[data-testid='glide-cell-{column}-1']") == "Staff"
    # along the first row to that column through empty cells (each choice opens nothing), then down
    assert all(page.inner_text(f"[data-testid='glide-cell-{c}-0']") == "" for c in range(2, column + 1))
    page.evaluate("window.jobkgMarker = 'no reload'")
    page.mouse.click(box["x"] + 5, box["y"] + 35 + 17)  # row 0, the first column
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    page.wait_for_selector("h1:has-text('Staff Strategy and Operations')", timeout=60_000)
    assert "/role?" in page.url and page.evaluate("window.jobkgMarker") == "no reload"
    assert_folder_chosen(page, DEV_CORPUS)

    frame = open_matrix(page)
    box = frame.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1400 and box["height"] <= 1000  # the grid scrolls inside
    caption = page.locator("[data-testid='stCaptionContainer']:has-text('families')").inner_text()
    families = int(caption.split(" in ")[1].split()[0])
    assert int(page.get_attribute("[role='grid']", "aria-rowcount")) == families + 1
    names = [_family_in_row(page, frame, row) for row in range(families)]
    assert all(names), [row for row, name in enumerate(names) if not name]


def _family_in_row(page, frame, row: int) -> str:
    """The family's name in a matrix row, scrolling the grid down until the row is drawn (the
    grid draws only the rows in view; the wheel turns over the grid wherever the page is)."""
    for _ in range(60):
        cell = page.query_selector(f"[data-testid='glide-cell-1-{row}']")
        if cell is not None:
            return cell.inner_text()
        frame.scroll_into_view_if_needed()
        box = frame.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 300)
        time.sleep(0.2)
    return ""


def open_matrix(page):
    page.get_by_role("link", name="Matrix").click()
    frame = page.wait_for_selector("[data-testid='stDataFrame']", timeout=60_000)
    page.wait_for_selector("[data-testid='glide-cell-1-0']", state="attached", timeout=60_000)
    return frame


@pytest.mark.parametrize("path", ["queries", "sparql", "export", "quality"])
def test_other_pages_render(app_url, browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{app_url}/{path}?source=bundled")
    page.wait_for_selector("h1", timeout=60_000)
    page.wait_for_load_state("networkidle")
    time.sleep(1)
    assert not page.query_selector("[data-testid='stException']")
    shoot(page, path)


@pytest.mark.parametrize("value", ["folder:/usr/share", "endpoint:http://127.0.0.1:8/query"])
def test_a_source_the_server_does_not_serve_is_one_line(app_url, browser, value):
    assert "does not serve" in one_line_alert(browser, f"{app_url}/?source={value}", "[data-testid='stAlert']")


@pytest.mark.parametrize("path", ["", "matrix", "explore", "quality"])
def test_a_dead_endpoint_is_one_line_in_the_browser(app_url, browser, path):
    url = f"{app_url}/{path}?source=endpoint:{DEAD_ENDPOINT}"
    assert "127.0.0.1:9" in one_line_alert(browser, url, "[data-testid='stAlert']:has-text('did not answer')")


def one_line_alert(browser, url: str, selector: str) -> str:
    """The text of the alert the page opens with, on a page that shows no exception."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    alert = page.wait_for_selector(selector, timeout=60_000)
    assert not page.query_selector("[data-testid='stException']")
    return alert.inner_text()


@pytest.fixture(scope="module")
def reviewed_pages(tmp_path_factory) -> Path:
    import shutil

    folder = tmp_path_factory.mktemp("review") / "pages"
    shutil.copytree(REPO / "tests" / "queries" / "fixture_pages", folder)
    return folder


@pytest.fixture(scope="module")
def review_app(reviewed_pages) -> Iterator[str]:
    """A server that may write decisions (JOBKG_REVIEW=1) on a copy of the query fixture's pages."""
    yield from serve(str(reviewed_pages), env={"JOBKG_REVIEW": "1"})


def test_a_reviewer_accepts_a_proposal_in_the_browser(review_app, reviewed_pages, browser):
    """Name, Accept: the review file gains the decision with who and when, the page counts it
    and says what it wrote, and the next role without one comes up."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{review_app}/occupations?source=folder:{reviewed_pages}")
    page.wait_for_selector("text=Roles with an accepted occupation: 1 of 5", timeout=60_000)
    assert page.get_by_role("button", name="Accept").first.is_disabled()  # a name first
    page.get_by_label("Your name (written with each decision)").fill("Pat Reviewer")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Accept").first).to_be_enabled(timeout=30_000)
    page.get_by_role("button", name="Accept").first.click()
    page.wait_for_selector("text=Roles with an accepted occupation: 2 of 5", timeout=60_000)
    expect(page.get_by_text("written to occupations.yaml by Pat Reviewer")).to_be_visible()
    written = (reviewed_pages / "occupations.yaml").read_text()
    assert "by: Pat Reviewer" in written and "verdict: accepted" in written
    assert not page.query_selector("[data-testid='stException']")


def test_a_served_app_shows_occupations_without_writing(app_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{app_url}/occupations?source=bundled")
    page.wait_for_selector("text=read here, not written", timeout=60_000)
    assert page.get_by_role("button", name="Accept").first.is_disabled()
    assert page.get_by_text("· proposed, score").count() >= 2
    shoot(page, "occupations")
