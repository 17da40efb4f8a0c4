"""Dashboard of the framing comparator: ``streamlit run streamlit_app.py``.

Opens on the seed corpus (``seeds/`` with its manifest), lets you add your own files or
pasted text, and compares the sources side by side. This file only lays out widgets and
calls the library (``framing.app.views``, ``framing.app.charts``, ``framing.app.render``).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from framing.app import charts, render
from framing.app import views as sup
from framing.io.csvout import actors_csv, scores_csv

SEEDS = Path(__file__).resolve().parent / "seeds"
VOICE_LABELS = {"author": "Author voice only", "all": "All voices (author + quoted)"}
MEASURES = ("Loaded vocabulary", "Opinion vs report", "Actors", "Quotes and furniture")

st.set_page_config(page_title="Framing comparator", page_icon="📰", layout="wide")


@st.cache_resource(show_spinner="Loading the German language pipeline …")
def pipeline():
    from framing.language.pipeline import get_nlp

    return get_nlp()


# Scores are frozen dataclasses: cached as shared resources (never mutated), not copied per
# rerun; st.cache_data would pickle them, and LoadedScore's read-only mappings do not pickle.
@st.cache_resource(show_spinner=False)
def seed_articles(folder: str) -> tuple[list, list]:
    return sup.read_folder(folder)


@st.cache_resource(show_spinner=False, max_entries=512)
def article_scores(article) -> sup.Scored:
    return sup.score_one(article, nlp=pipeline())


@st.cache_resource(show_spinner="Scoring the upload …", max_entries=128)
def upload_scores(data: bytes, name: str, source: str, any_language: bool) -> sup.Scored:
    return sup.score_upload(data, name, source=source, any_language=any_language, nlp=pipeline())


def _fmt(value: float, spec: str = ".1f", suffix: str = "") -> str:
    if value != value:  # NaN
        return "–"
    text = f"{value:{spec}}{suffix}"
    return text.replace("-", "", 1) if text.startswith("-") and float(text.rstrip(" %")) == 0 else text


EVIDENCE_TITLES = {
    "loaded": "Loaded terms ({voice})", "loaded_quoted": "Loaded terms (quoted voice)",
    "opinion": "Opinion sentences, most probable first", "tone": "Actor mentions and their polarity ({voice})",
    "readability": "Readability per article", "actor": "Mentions of {actor} ({voice})",
    "quotes": "Quotes attributed to {actor}",
}


def show_evidence(fig, event, chosen_sources, chosen_actors, voices: str) -> None:
    """List the passages behind the clicked bar or cell of ``fig``."""
    points = event.selection.points if event and event.selection else []
    pick = charts.selected(fig, points, chosen_sources, chosen_actors)
    if pick is None:
        return
    articles = [s for s in corpus.articles if s.article.source == pick.source]
    rows = sup.source_evidence(articles, pick.measure, voices=voices, actor=pick.actor)
    title = EVIDENCE_TITLES[pick.measure].format(voice=VOICE_LABELS[voices].lower(), actor=pick.actor)
    with st.container(border=True):
        st.markdown(f"**{sup.markdown_escape(title)}** · {sup.markdown_escape(pick.source)} · {len(rows)} row(s)")
        st.dataframe(rows, width="stretch", hide_index=True, height=min(420, 40 + 35 * max(1, len(rows))))


# -- inputs ------------------------------------------------------------------------------
st.title("How do the sources frame the story?")
st.caption("Loaded vocabulary, tone toward actors and opinion versus report, computed from the text; "
           "hover any bar or cell for the counts behind it, and open the drill-down for the passages.")
seed_list, seed_problems = seed_articles(str(SEEDS))
progress = st.progress(0.0, text="Scoring the seed articles …")
seed_parts = []
for k, article in enumerate(seed_list):
    progress.progress(k / len(seed_list), text=f"Scoring the seed articles … {article.source}, {article.article_id}")
    seed_parts.append(article_scores(article))
progress.empty()
seeds = sup.merge(sup.Scored((), tuple(seed_problems)), *seed_parts)
seed_sources = list(dict.fromkeys(s.article.source for s in seeds.articles))
st.session_state.setdefault("pasted", [])

with st.sidebar:
    st.header("Add articles")
    files = st.file_uploader("Files (.txt, .md, .html, .pdf)", type=list(sup.UPLOAD_TYPES),
                             accept_multiple_files=True, key="uploads")
    upload_source = st.text_input("Source name for these files", key="upload_source",
                                  placeholder="blank: one source per file name")
    with st.form("paste", clear_on_submit=True):
        pasted_text = st.text_area("… or paste an article", key="paste_text", height=120)
        pasted_source = st.text_input("Source name", key="paste_source", placeholder="Pasted text")
        if st.form_submit_button("Add pasted text"):
            st.session_state["pasted"].append(((pasted_source or "").strip() or "Pasted text", pasted_text or ""))
    any_language = st.checkbox(sup.ANY_LANGUAGE_LABEL, key="any_language",
                               help="The measures are built for German; other languages are refused "
                                    "unless this is ticked.")
    if st.session_state["pasted"] and st.button("Remove pasted texts"):
        st.session_state["pasted"] = []

added: list[sup.Scored] = []
taken = set(seed_sources)
for f in files or []:
    name = upload_source.strip() or sup.unique_source(Path(f.name).stem, taken)
    taken.add(name)
    added.append(upload_scores(f.getvalue(), f.name, name, any_language))
for source, text in st.session_state["pasted"]:
    added.append(upload_scores(text.encode("utf-8"), sup.pasted_name(source, text), source, any_language))

corpus = sup.merge(seeds, *added)
all_sources = sup.sources_of(corpus.articles)
names = [s.source for s in all_sources]
colors = charts.source_colors(names)

with st.sidebar:
    for problem in corpus.problems:
        st.error(f"**{sup.markdown_escape(problem.name)}**: {sup.markdown_escape(problem.message)}. "
                     "The rest of the comparison is unaffected.")
    for result in added:
        if result.articles:
            first = result.articles[0].article
            st.success(f"Added {len(result.articles)} article(s) as “{sup.markdown_escape(first.source)}”.")
        for warning in sup.warnings_of(result):
            st.warning(sup.markdown_escape(warning))

    st.header("Compare")
    # Newly added sources join the comparison; sources the user removed stay removed.
    known = st.session_state.get("known_sources", [])
    kept = [n for n in st.session_state.get("sources", []) if n in names]
    st.session_state["sources"] = kept + [n for n in names if n not in known and n not in kept]
    st.session_state["known_sources"] = names
    chosen = st.multiselect("Sources", names, key="sources")
    voices = st.radio("Voice", sup.VOICE_MODES, format_func=VOICE_LABELS.get, key="voices",
                      help="Author voice: only the writer's own words count. All voices: quotes and "
                           "reported speech count too.")
    show_quoted = st.checkbox("Show the quoted voice beside it", key="show_quoted",
                              help="Adds loaded terms per 1,000 quoted words to the overview chart.")
    sources = [s for s in all_sources if s.source in chosen]
    actor_names = sup.all_actors(sources)
    actors = st.multiselect("Actors", actor_names, default=sup.top_actors(sources, 8), key="actors")

    st.header("Download")
    st.download_button("Scores CSV (articles and sources)", scores_csv(corpus.articles, all_sources),
                       file_name="scores.csv", mime="text/csv", key="dl_scores")
    st.download_button("Actor CSV", actors_csv(corpus.articles, all_sources), file_name="actors.csv",
                       mime="text/csv", key="dl_actors")
    st.caption("The same tables `framing score --out scores.csv --actors-out actors.csv` writes, "
               "for the seeds plus everything added here.")

# -- page --------------------------------------------------------------------------------

overview, drill, about = st.tabs(["Overview", "Drill-down", "About the measures"])

with overview:
    if not sources:
        st.info("Choose at least one source in the sidebar.")
    else:
        per_row = 3
        for k in range(0, len(sources), per_row):
            cols = st.columns(per_row)
            for col, src in zip(cols, sources[k:k + per_row]):
                tone, tone_n = sup.actor_tone(src, voices)
                hits, words = sup.loaded_hits_words(src, voices)
                figures = [
                    ("Loaded terms / 1,000", _fmt(sup.loaded_per_1000(src, voices)), f"{hits} in {words:,} words"),
                ]
                if show_quoted:
                    q_hits, q_words = sup.loaded_hits_words(src, "quoted")
                    figures.append(("… quoted voice", _fmt(sup.loaded_per_1000(src, "quoted")),
                                    f"{q_hits} in {q_words:,} words"))
                figures += [
                    ("Opinion share", _fmt(100 * src.opinion_ratio, ".0f", " %"),
                     f"{src.opinion_sentences} of {src.sentences} sentences"),
                    ("Actor tone", _fmt(tone, "+.2f"), f"{tone_n} mentions"),
                    ("Flesch–Amstad", _fmt(src.flesch_amstad, ".0f"), "higher = easier"),
                ]
                col.html(render.source_card(src.source, src.kind, src.date, src.articles, src.words, figures,
                                            color=colors[src.source]))
        st.caption("Click a bar to list the passages behind it.")
        fig = charts.overview_figure(sources, voices=voices, show_quoted=show_quoted, colors=colors)
        event = st.plotly_chart(fig, width="stretch", key="chart_overview", on_select="rerun",
                                selection_mode="points")
        show_evidence(fig, event, sources, actors, voices)
        st.subheader("Loaded terms by category", divider="gray")
        st.caption("Per 1,000 author words; the drill-down lists every term.")
        st.plotly_chart(charts.category_figure(sources, colors=colors), width="stretch", key="chart_categories")
        if actors:
            st.subheader("Actors", divider="gray")
            st.caption(f"Polarity toward each actor ({VOICE_LABELS[voices].lower()}): red negative, "
                       "blue positive; the numbers are mentions, empty = not mentioned.")
            st.plotly_chart(charts.actor_heatmap(sources, actors, voices=voices), width="stretch",
                            key="chart_heatmap")
            st.caption("Who gets named, and who gets quoted: each actor's share of a source's mentions and of "
                       "its attributed quotes. Click a bar for the passages.")
            shares = charts.actor_share_figure(sources, actors, colors=colors)
            share_event = st.plotly_chart(shares, width="stretch", key="chart_shares", on_select="rerun",
                                          selection_mode="points")
            show_evidence(shares, share_event, sources, actors, voices)
            with st.expander("Passages behind a cell: an actor in one source"):
                c1, c2, c3 = st.columns([2, 3, 2])
                cell_actor = c1.selectbox("Actor", actors, key="cell_actor")
                cell_source = c2.selectbox("Source", [s.source for s in sources], key="cell_source")
                cell_what = c3.radio("Show", ("mentions", "quotes"), horizontal=True, key="cell_what")
                rows = sup.source_evidence([s for s in corpus.articles if s.article.source == cell_source],
                                           "actor" if cell_what == "mentions" else "quotes", voices=voices,
                                           actor=cell_actor)
                st.caption(f"{len(rows)} row(s)")
                st.dataframe(rows, width="stretch", hide_index=True)
        else:
            st.info("Choose actors in the sidebar to compare how the sources treat them.")

with drill:
    if not sources:
        st.info("Choose at least one source in the sidebar.")
    else:
        source_name = st.selectbox("Source", [s.source for s in sources], key="drill_source")
        src_articles = [s for s in corpus.articles if s.article.source == source_name]
        with st.expander(f"All loaded terms of this source ({len(src_articles)} article(s))"):
            st.dataframe(sup.loaded_terms(src_articles, voices), width="stretch", hide_index=True)
        by_id = {s.article.article_id: s for s in src_articles}
        article_id = st.selectbox("Article", list(by_id), format_func=lambda k: sup.article_label(by_id[k]),
                                  key="drill_article")
        scores = by_id[article_id]
        c1, c2, c3, c4, c5 = st.columns(5)
        c1.metric("Words", f"{scores.words:,}", help=f"{scores.author_words:,} author, "
                                                     f"{scores.quoted_words:,} quoted or reported")
        c2.metric(f"Loaded / 1,000 ({voices})", _fmt(sup.loaded_per_1000(scores, voices)),
                  help=f"quoted voice: {_fmt(scores.loaded.quoted_per_1000)} per 1,000 quoted words")
        c3.metric("Opinion share", _fmt(100 * scores.opinion.ratio, ".0f", " %"),
                  help=f"{scores.opinion.opinion_sentences} of {len(scores.opinion.sentences)} sentences")
        c4.metric("Actor mentions", scores.actors.total_mentions)
        c5.metric("Flesch–Amstad", _fmt(scores.readability.flesch_amstad, ".0f"))

        measure = st.radio("Evidence for", MEASURES, horizontal=True, key="drill_measure")
        categories = sorted({h.category for h in scores.loaded.hits})
        shown_categories = None
        shown_actors = None
        layers = set(render.LAYERS)
        if measure == MEASURES[0]:
            shown_categories = st.multiselect("Categories", categories, default=categories, key="drill_categories")
            rows = sup.loaded_evidence(scores, voices)
            rows = [r for r in rows if r["category"] in shown_categories]
        elif measure == MEASURES[1]:
            st.plotly_chart(charts.opinion_strip(scores.opinion.sentences), width="stretch", key="chart_strip")
            rows = sup.opinion_evidence(scores)
        elif measure == MEASURES[2]:
            mentioned = sorted({m.actor for m in scores.actors.mentions})
            shown_actors = st.multiselect("Actors", mentioned, default=[a for a in mentioned if a in actors]
                                          or mentioned, key="drill_actors")
            rows = sup.actor_evidence(scores, shown_actors, voices)
        else:
            rows = sup.quote_evidence(scores) + sup.excluded_evidence(scores)
        only = st.toggle("Mark only this measure in the text", key="drill_only")
        if only:
            layers = {"numbers", "excluded"} | {
                MEASURES[0]: {"loaded"}, MEASURES[1]: {"opinion"}, MEASURES[2]: {"actors"}, MEASURES[3]: {"quotes"},
            }[measure]
        st.html(render.legend_html(categories))
        text_col, table_col = st.columns([3, 2])
        with text_col:
            st.html(render.render_heading(scores))
            st.html(render.render_article(scores, layers=layers, voices=voices, categories=shown_categories,
                                          actors=shown_actors))
        with table_col:
            if not rows and measure == MEASURES[0] and scores.loaded.hits:
                st.info(f"No loaded terms in the author's voice; {len(scores.loaded.hits)} in quotes or "
                        "reported speech (faded in the text; choose “All voices” to list them).")
            st.caption(f"{len(rows)} row(s); the sentence number points to the small number in the text.")
            st.dataframe(rows, width="stretch", hide_index=True, height=600)

with about:
    st.markdown(
        """
**Loaded vocabulary**: words from the project's lexicons (by category) per 1,000 words,
counted separately in the author's own voice and in quotes or reported speech.

**Tone toward actors**: polarity (−1 … +1) of the wording around each mention of a person,
country or organisation; the heatmap shows it per actor and source, the numbers are mentions.
*Actor tone* on the cards is the mention-weighted mean over all actors of a source.

**Opinion vs report**: each sentence is labelled opinion or report with a probability;
quotes and reported speech count as report. The share is the words in opinion sentences
over all scored words.

**Readability**: Flesch reading ease with Amstad's German coefficients (0–100, higher = easier).

Page furniture (adverts, pingbacks, tables, captions, bylines) is recognised and left out of
every score; the drill-down shows it greyed out.
"""
    )
