"""Session rules without Streamlit: filters stay valid, the view goes into the URL."""

from __future__ import annotations

from framing.app import session


def test_keep_valid_resets_a_stale_choice():
    state = {"drill_source": "Gone"}
    assert session.keep_valid(state, "drill_source", ["A", "B"]) == "A"
    state["drill_source"] = "B"
    assert session.keep_valid(state, "drill_source", ["A", "B"]) == "B"
    assert session.keep_valid(state, "drill_source", []) is None


def test_category_filter_resets_when_the_article_changes():
    state: dict = {}
    assert session.keep_valid_many(state, "cats", ["pejorative", "stance"], ["pejorative", "stance"]) == \
        ["pejorative", "stance"]
    state["cats"] = ["stance"]  # the user narrows the filter
    assert session.keep_valid_many(state, "cats", ["pejorative", "stance"], ["pejorative", "stance"]) == ["stance"]
    # another article: its categories differ, the old choice must not hide its rows
    new = ["emotive_verb", "pejorative", "stance"]
    assert session.keep_valid_many(state, "cats", new, new) == new


def test_sources_follow_the_corpus():
    state: dict = {}
    assert session.follow_sources(state, ["A", "B"]) == ["A", "B"]
    state["sources"] = ["A"]  # the user removes B
    assert session.follow_sources(state, ["A", "B", "C"]) == ["A", "C"]  # C is new and joins, B stays out
    assert session.follow_sources(state, ["C"]) == ["C"]


def test_actors_follow_the_selection_until_picked():
    state: dict = {}
    assert session.follow_actors(state, ["Trump", "Klingbeil"], ["Trump", "Klingbeil"]) == ["Trump", "Klingbeil"]
    assert session.follow_actors(state, ["Klingbeil", "Merz"], ["Klingbeil", "Merz"]) == ["Klingbeil", "Merz"]
    state["actors"], state["_actors_picked"] = ["Merz", "Trump"], True
    assert session.follow_actors(state, ["Klingbeil", "Merz"], ["Klingbeil"]) == ["Merz"]


class Params(dict):
    def get_all(self, key):
        value = self.get(key)
        return value if isinstance(value, list) else ([value] if value else [])


def test_the_url_carries_the_view_and_reopens_it():
    state = {"collection": "c1", "sources": ["A", "B"], "actors": ["Klingbeil"], "_actors_picked": True,
             "view": "actors", "lang": "en"}
    params = session.url_params(state)
    assert params == {"c": "c1", "s": ["A", "B"], "a": ["Klingbeil"], "v": "actors", "lang": "en"}
    fresh: dict = {}
    session.read_url(fresh, Params(params))
    assert {k: fresh[k] for k in ("collection", "sources", "actors", "view", "lang")} == \
        {"collection": "c1", "sources": ["A", "B"], "actors": ["Klingbeil"], "view": "actors", "lang": "en"}
    assert fresh["_actors_picked"]
    fresh["view"] = "about"
    session.read_url(fresh, Params(params))  # read once per session only
    assert fresh["view"] == "about"


def test_default_actors_are_not_in_the_url():
    assert "a" not in session.url_params({"actors": ["Trump"]})


def test_analysed_articles_per_session_are_bounded():
    state: dict = {}
    calls = []
    for k in range(10):
        session.analysed(state, f"k{k}", lambda k=k: calls.append(k) or k, limit=3)
    assert list(state["_analysed"]) == ["k7", "k8", "k9"]
    assert session.analysed(state, "k9", lambda: 99) == 9 and len(calls) == 10
