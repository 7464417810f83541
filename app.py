"""The dashboard's router: page config and navigation only. Every page draws its own frame
(``cscdash.components.page_frame``), because Streamlit can show a page file without this script. Service
pages are declared by the catalogue (``cscdash.navigation``) and drawn by one component; a page that lists
children is left out of the navigation of a role that may not see them."""

from pathlib import Path

import streamlit as st

from cscdash.components import service_page_for, visible_pages

# A file, not a :material: icon: the browser would fetch a Material favicon from fonts.gstatic.com, and
# nothing leaves the machine (tests/browser/test_browser.py records every request).
FAVICON = Path(__file__).parent / "cscdash" / "assets" / "favicon.png"

st.set_page_config(
    page_title="Children's social care performance",
    page_icon=str(FAVICON),
    layout="wide",
    initial_sidebar_state="expanded",
)

sections: dict[str, list] = {}
for index, spec in enumerate(visible_pages()):
    page = spec.file if spec.file is not None else service_page_for(spec.catalogue)
    sections.setdefault(spec.section, []).append(
        st.Page(page, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=index == 0)
    )

st.navigation(sections).run()
