"""Links between the dashboard's pages, labelled in the interface language.

The sidebar's automatic navigation would name the pages after their files ("streamlit
app", "archive"); ``.streamlit/config.toml`` turns it off and each page calls
:func:`page_links` instead.
"""

from __future__ import annotations

from collections.abc import Sequence

#: (script path from the repository root, icon) of every page, in sidebar order.
PAGES = (("streamlit_app.py", ":material/compare:"), ("pages/archive.py", ":material/history:"))


def page_links(container, labels: Sequence[str]) -> None:
    """One ``page_link`` per page of :data:`PAGES` with ``labels`` (same order) in ``container``.

    A page run on its own (``AppTest`` of one file) knows no other page: its links are
    left out instead of failing.
    """
    from streamlit.errors import StreamlitPageNotFoundError

    for (path, icon), label in zip(PAGES, labels):
        try:
            container.page_link(path, label=label, icon=icon)
        except StreamlitPageNotFoundError:
            continue
