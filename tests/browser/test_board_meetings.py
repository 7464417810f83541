"""Board meetings in a real headless Chromium. Present mode at 1280x720 (a shared screen in a meeting): no
visible text under 16 px, no sidebar, the arrow keys step through the running order and the URL follows,
board mode forced (screenshots: tests/artifacts/present_*.png). Commentary written on an indicator's tab
is in the next board pack made from the Overview."""

from __future__ import annotations

import shutil

import pytest

from cscdash import board_sets
from cscdash.catalogue import load_catalogue
from tests.browser.server import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve, wait_rendered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed"),
]

#: Visible text nodes on screen (inside the 1280x720 viewport) whose computed size is under 16 px.
SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || !node.textContent.trim()) continue;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden') continue;
    if (box.bottom < 0 || box.top > window.innerHeight) continue;
    if (parseFloat(style.fontSize) < 16) small.push([style.fontSize, node.textContent.trim().slice(0, 40)]);
  }
  return small;
}"""


@pytest.fixture(scope="module")
def present(demo_env, tmp_path_factory):
    """A served copy of the demo (internal mode in the settings: present mode must force board mode)."""
    copy = tmp_path_factory.mktemp("present") / "cscdash.duckdb"
    shutil.copyfile(demo_env["CSCDASH_DB"], copy)
    from playwright.sync_api import sync_playwright

    with (
        serve({**demo_env, "CSCDASH_DB": str(copy), "CSCDASH_MODE": "internal"}) as url,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(url + "/", wait_until="domcontentloaded")
        wait_rendered(page)
        yield url, page
        browser.close()


def _wait_for_text(page, text: str) -> None:
    page.wait_for_function(
        "text => document.querySelector('[data-testid=\"stMain\"]').innerText.includes(text)",
        arg=text,
        timeout=120_000,
    )


def test_present_mode_is_legible_at_1280x720_and_steps_with_the_arrow_keys(present):
    url, page = present
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    catalogue = load_catalogue()
    # the Overview's order: pages in navigation order
    headlines = [catalogue[i].title for i in board_sets.headlines(catalogue)]
    page.goto(f"{url}/present", wait_until="domcontentloaded")
    wait_rendered(page, "Present mode")
    page.locator(".js-plotly-plot").first.wait_for(timeout=120_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "present_1.png"))
    assert page.evaluate(SMALL_TEXT) == []
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert f"1 of {len(headlines)}" in main and "Suppression: board mode" in main
    assert "SYNTHETIC DATA" in main
    for heading in ("What's going well", "What are we worried about", "What are we doing about it"):
        assert heading in main
    for n in (2, 3):  # the right arrow steps through the running order
        page.keyboard.press("ArrowRight")
        _wait_for_text(page, f"{n} of {len(headlines)}")
        wait_rendered(page, "Present mode")
        page.locator(".js-plotly-plot").first.wait_for(timeout=120_000)
        page.wait_for_timeout(1000)
        assert f"i={n}" in page.url
        assert headlines[n - 1] in page.locator('[data-testid="stMain"]').inner_text()
        page.screenshot(path=str(ARTIFACTS / f"present_{n}.png"))
        assert page.evaluate(SMALL_TEXT) == []
    page.keyboard.press("ArrowLeft")
    _wait_for_text(page, f"2 of {len(headlines)}")


def test_a_shared_link_opens_on_its_screen(present):
    url, page = present
    page.goto(
        f"{url}/present?set=Corporate+parenting+board&month=2025-03-31&i=3", wait_until="domcontentloaded"
    )
    wait_rendered(page, "Present mode")
    page.locator(".js-plotly-plot").first.wait_for(timeout=120_000)
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "3 of 14" in main and "Corporate parenting board" in main and "March 2025" in main


def test_commentary_written_in_the_app_is_in_the_next_board_pack(present, tmp_path):
    """Write the three boxes on the Front door's Commentary tab, then make the pack from the Overview and
    find the text on the indicator's slide of the PowerPoint downloaded."""
    from pptx import Presentation

    url, page = present
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{url}/front-door", wait_until="domcontentloaded")
    wait_rendered(page, "Front door")
    # the explorer opens on the page's first headline with a figure: re-referrals
    indicator = "Re-referrals within 12 months"
    explorer = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input').first
    assert explorer.input_value() == indicator
    page.get_by_role("tab", name="Commentary").click()
    texts = {
        "What's going well": "Browser test: re-contacts reviewed weekly.",
        "What are we worried about": "Browser test: <b>agency</b> turnover.",
        "What are we doing about it": "Browser test: =SUM(A1) stays text.",
    }
    for heading, text in texts.items():
        page.get_by_label(heading).fill(text)
    page.get_by_label("Your name").fill("Browser Tester")
    page.get_by_role("button", name="Save the commentary").click()
    page.get_by_text("Saved (version").wait_for(timeout=120_000)
    page.goto(f"{url}/", wait_until="domcontentloaded")
    wait_rendered(page, "Overview")
    page.get_by_role("button", name="Make the board pack").click()
    button = page.get_by_role("button", name="Download the powerpoint")
    button.wait_for(timeout=600_000)
    with page.expect_download(timeout=120_000) as download:
        button.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.endswith("_board_pack_SYNTHETIC.pptx")
    slide = next(
        s
        for s in Presentation(str(path)).slides
        if any(sh.has_text_frame and sh.text_frame.text == indicator for sh in s.shapes)
    )
    words = "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    for text in texts.values():
        assert text in words
    page.set_viewport_size({"width": 1280, "height": 720})
