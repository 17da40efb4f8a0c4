"""Dashboard of the framing comparator: ``streamlit run streamlit_app.py``.

Opens on the seed corpus (scored once, cached on disk); uploads and pasted texts are
scored in worker processes and kept in named collections (a local SQLite store) that
survive reloads and restarts. This file only lays out widgets and calls the library
(``framing.app``: views, charts, render, session state, store, jobs, strings).
"""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from framing.app import charts, render, session
from framing.app import views as sup
from framing.app.about import validity_table
from framing.app.entries import Entry, scorer_fingerprint, seed_entries, with_meta
from framing.app.i18n import LANGUAGES, strings
from framing.app.jobs import CANCELLED, DONE, TIMEOUT, ScoringPool, default_delay
from framing.app.nav import page_links
from framing.app.store import SEEDS_ID, CollectionFileError, Store

ROOT = Path(__file__).resolve().parent
SEEDS = ROOT / "seeds"
VIEWS = ("overview", "actors", "quotes", "drill", "about")
DRILL_MEASURES = ("loaded", "opinion", "actors", "quotes")
ss = st.session_state

# an ASCII icon name: Streamlit then skips loading its emoji catalogue (0.1-0.3 s on the first visit)
st.set_page_config(page_title="Framing", page_icon=":material/newspaper:", layout="wide")


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return Store()


@st.cache_resource(show_spinner=False)
def pool() -> ScoringPool:
    return ScoringPool(delay=default_delay())  # workers start once the first page is drawn, or on an upload


@st.cache_data(show_spinner=False, max_entries=32)
def downloads(signature: str, _records, _sources) -> tuple[str, str, str, str, bytes]:
    """The CSVs and the workbook of one corpus (``signature`` identifies it), made once."""
    from framing.io.csvout import actors_csv, descriptors_csv, quotes_csv, scores_csv
    from framing.io.xlsxout import tables_xlsx

    return (scores_csv(_records, _sources), actors_csv(_records, _sources), quotes_csv(_records),
            descriptors_csv(_records), tables_xlsx(_records, _sources))


@st.cache_resource(show_spinner=False, max_entries=256)
def figure(key: tuple, _build):
    """A chart shared by every session that shows the same corpus, choices and language.

    ``key`` names it (corpus signature, chart, sources, voice, options, language); ``_build``
    makes it on the first request. Figures are only read afterwards (drawn and clicked).
    """
    return _build()


@st.cache_resource(show_spinner=False)
def pipeline():
    from framing.language.pipeline import get_nlp

    return get_nlp()


@st.cache_resource(show_spinner=False)
def seeds() -> tuple[Entry, ...]:
    bar = st.progress(0.0)
    entries = seed_entries(SEEDS, store(), progress=lambda k, n, name: bar.progress(k / max(1, n), text=name))
    bar.empty()
    return tuple(entries)


@st.cache_resource(show_spinner=False, max_entries=32)
def seed_analysis(key: str):  # the seeds are fixed: a bounded process-wide cache is fine
    from framing.score import score_article

    return score_article(seed_by_key[key].article, nlp=pipeline(), keep_analysis=True)


def analysis_of(entry: Entry):
    """Full analysis of one article (the passages), seeds cached per process, uploads per session."""
    if seed_by_key.get(entry.key) is entry:
        return seed_analysis(entry.key)
    from framing.score import score_article

    return session.analysed(ss, entry.key + str(hash(entry.article.text)),
                            lambda: score_article(entry.article, nlp=pipeline(), keep_analysis=True))


session.read_url(ss, st.query_params)
tr = strings(ss.get("lang"))
seed_list = seeds()
seed_by_key = {e.key: e for e in seed_list}
db = store()

# -- sidebar: language, collection, new articles ------------------------------------------
with st.sidebar:
    session.keep_valid(ss, "lang", LANGUAGES, "de")
    page_links(st, [strings(ss.get("lang"))("nav.main"), strings(ss.get("lang"))("nav.archive")])
    st.segmented_control(tr("lang.label"), LANGUAGES, key="lang", format_func=lambda k: tr(f"lang.{k}"))
    tr = strings(ss.get("lang"))
    collections = db.collections()
    cids = [SEEDS_ID] + [c.id for c in collections]
    names = {SEEDS_ID: tr("collection.seeds")} | {c.id: f"{c.name} ({c.items})" for c in collections}
    session.keep_valid(ss, "collection", cids, SEEDS_ID)
    st.selectbox(tr("collection.label"), cids, format_func=names.get, key="collection")

    def _new_collection() -> None:
        ss["collection"] = db.create_collection(ss.get("new_name") or tr("collection.default_name"))
        ss["new_name"] = ""

    def _import() -> None:
        upload = ss.get("import_file")
        if upload is None:
            return
        try:
            ss["collection"] = db.import_collection(upload.getvalue())
            ss["import_msg"] = ("ok", tr("collection.imported"))
        except CollectionFileError as exc:
            ss["import_msg"] = ("error", tr("collection.import_failed", why=str(exc)))

    with st.expander(tr("collection.manage")):
        st.text_input(tr("collection.new_name"), key="new_name", placeholder=tr("collection.default_name"))
        st.button(tr("collection.create"), on_click=_new_collection, key="new_collection")
        if ss["collection"] != SEEDS_ID:
            st.download_button(tr("collection.export"), db.export_collection(ss["collection"]),
                               file_name=f"{sup.pasted_name(names[ss['collection']], ss['collection'])[:-4]}.json",
                               mime="application/json", key="export", on_click="ignore")
            if st.button(tr("collection.delete"), key="delete_collection"):
                db.delete_collection(ss["collection"])
                st.rerun()
        st.file_uploader(tr("collection.import"), type=["json"], key="import_file", on_change=_import)
        kind, message = ss.pop("import_msg", (None, None))
        if kind == "ok":
            st.success(message)
        elif kind == "error":
            st.error(sup.markdown_escape(message))

    st.header(tr("add.header"))
    if ss["collection"] == SEEDS_ID:
        st.caption(tr("add.into_new"))
    files = st.file_uploader(tr("add.files"), type=list(sup.UPLOAD_TYPES), accept_multiple_files=True,
                             key="uploads")
    with st.form("paste", clear_on_submit=True):
        pasted_text = st.text_area(tr("add.paste"), key="paste_text", height=110)
        pasted_source = st.text_input(tr("add.paste_source"), key="paste_source", placeholder=tr("add.pasted"))
        pasted = st.form_submit_button(tr("add.paste_button"))
    any_language = st.checkbox(tr("add.any_language"), key="any_language", help=tr("add.any_language_help"))

jobs = ss.setdefault("jobs", {})
for f in files or []:
    if f.file_id not in jobs:
        jobs[f.file_id] = pool().submit(f.getvalue(), f.name, source=Path(sup.reader_name(f.name)).stem,
                                        any_language=any_language)
if pasted and (pasted_text or "").strip():
    source = (pasted_source or "").strip() or tr("add.pasted")
    text = pasted_text or ""
    jobs[f"paste-{time.monotonic()}"] = pool().submit(text.encode("utf-8"), sup.pasted_name(source, text),
                                                      source=source, any_language=any_language)


def _target_collection() -> str:
    if ss["collection"] == SEEDS_ID:
        ss["collection"] = db.create_collection(tr("collection.default_name"))
    return ss["collection"]


def _add(job_key: str) -> None:
    job = jobs[job_key]
    meta = {"source": (ss.get(f"meta_source_{job_key}") or job.source).strip() or job.source}
    if len(job.entries) == 1:
        meta |= {"title": ss.get(f"meta_title_{job_key}"), "date": ss.get(f"meta_date_{job_key}")}
    cid = _target_collection()
    taken = {e.article.article_id for it in db.items(cid) for e in it.entries}
    entries = [sup.unique_article(with_meta(e, **meta), taken) for e in job.entries]
    db.add_item(cid, name=job.name, source=meta["source"], data=job.data, any_language=job.any_language,
                entries=entries, fingerprint=scorer_fingerprint())
    ss["added_msg"] = tr("add.added", n=len(entries), source=meta["source"])
    ss["_rerun_app"] = True  # the button sits in a fragment: the whole page must follow
    job.status, job.data, job.entries = "added", b"", ()


def _drop(job_key: str) -> None:
    pool().cancel(jobs[job_key])
    jobs[job_key].status = "added" if jobs[job_key].done else jobs[job_key].status


pending = {k: j for k, j in jobs.items() if j.status != "added"}


waiting = [j for j in [*pending.values(), *ss.get("refresh", {}).values()] if not j.done]


@st.fragment(run_every=0.25 if waiting else None)  # poll the workers while a job runs
def pending_panel() -> None:
    if ss.pop("_rerun_app", False):
        st.rerun(scope="app")
    for key, job in list(pending.items()):
        if not job.done:
            st.progress(job.progress, text=tr("job.running", name=job.name, stage=job.stage or tr("job.queued"),
                                                   s=f"{job.seconds:.0f}"))
            st.button(tr("job.cancel"), key=f"cancel_{key}", on_click=_drop, args=(key,))
        elif job.status in (CANCELLED, TIMEOUT):
            st.warning(sup.markdown_escape(tr(f"job.{job.status}", name=job.name, s=f"{job.timeout:.0f}")))
        else:
            for name, message in job.problems:
                st.error(f"**{sup.markdown_escape(name)}**: {sup.markdown_escape(message)}. {tr('job.rest_ok')}")
            if job.status == DONE and job.entries:
                first = job.entries[0].article
                with st.container(border=True):
                    st.markdown(tr("job.ready", name=sup.markdown_escape(job.name), n=len(job.entries)))
                    st.text_input(tr("meta.source"), value=sup.default_source(first, job.source),
                                  key=f"meta_source_{key}")
                    if len(job.entries) == 1:
                        st.text_input(tr("meta.title"), value=first.title, key=f"meta_title_{key}")
                        st.text_input(tr("meta.date"), value=first.date or "", key=f"meta_date_{key}")
                    for warning in dict.fromkeys(w for e in job.entries for w in e.article.warnings):
                        st.warning(sup.markdown_escape(warning))
                    c1, c2 = st.columns(2)
                    c1.button(tr("meta.add"), key=f"add_{key}", on_click=_add, args=(key,), type="primary")
                    c2.button(tr("meta.discard"), key=f"discard_{key}", on_click=_drop, args=(key,))
    if waiting and all(j.done for j in waiting) and ss.get("_panel_waiting"):
        ss["_panel_waiting"] = False
        st.rerun(scope="app")
    ss["_panel_waiting"] = any(not j.done for j in waiting)


with st.sidebar:
    pending_panel()
    if "added_msg" in ss:
        st.success(sup.markdown_escape(ss.pop("added_msg")))

# -- the corpus of the current view --------------------------------------------------------
cid = ss["collection"]
if cid == SEEDS_ID:
    entries = list(seed_list)
else:
    items = db.items(cid)
    stale = sup.refresh_stale(db, pool(), items, ss.setdefault("refresh", {}), scorer_fingerprint())
    entries = [e for it in items for e in it.entries]
    with st.sidebar:
        if stale:
            st.info(tr("collection.rescoring", n=stale))
        st.checkbox(tr("collection.with_seeds"), key="with_seeds")
    if ss.get("with_seeds"):
        entries = list(seed_list) + entries
records = [e.record for e in entries]
all_sources = sup.sources_of(records)
dates = sup.manifest_dates(SEEDS)
names = [s.source for s in all_sources]
colors = charts.source_colors(names)

with st.sidebar:
    st.header(tr("compare.header"))
    session.follow_sources(ss, names)
    chosen = st.multiselect(tr("compare.sources"), names, key="sources")
    session.keep_valid(ss, "voices", sup.VOICE_MODES, "author")
    voices = st.radio(tr("compare.voice"), sup.VOICE_MODES, format_func=lambda v: tr(f"voice.{v}"), key="voices",
                      help=tr("compare.voice_help"))
    show_quoted = st.checkbox(tr("compare.show_quoted"), key="show_quoted", help=tr("compare.show_quoted_help"))
    sources = [s for s in all_sources if s.source in chosen]
    offered = sup.all_actors(sources)
    session.follow_actors(ss, offered, sup.default_actors(sources))
    actors = st.multiselect(tr("compare.actors"), offered, key="actors",
                            on_change=lambda: ss.__setitem__("_actors_picked", True), help=tr("compare.actors_help"))

    st.header(tr("download.header"))
    download_box = st.container()  # filled at the end of the script, once the charts are out

corpus = sup.signature(records)
chart_text = sup.chart_text(tr)
chosen_key = (corpus, tuple(s.source for s in sources), tuple(colors.items()), ss.get("lang"))
entries_of = {s.source: [e for e in entries if e.article.source == s.source] for s in all_sources}


def show_evidence(fig, event, sources_shown, actors_shown) -> None:
    """List the passages behind the clicked bar, cell or category of ``fig``."""
    points = event.selection.points if event and event.selection else []
    pick = charts.selected(fig, points, sources_shown, actors_shown)
    if pick is None:
        return
    with st.spinner(tr("evidence.loading")):
        scored = [analysis_of(e) for e in entries_of.get(pick.source, [])]
    rows = sup.source_evidence(scored, pick.measure, voices=voices, actor=pick.actor, category=pick.category)
    title = tr(f"evidence.{pick.measure}", voice=tr(f"voice.{voices}"), actor=pick.actor or "",
               category=tr.category(pick.category or ""))
    with st.container(border=True):
        st.markdown(f"**{sup.markdown_escape(title)}** · {sup.markdown_escape(pick.source)} · "
                    f"{tr('evidence.rows', n=len(rows))}")
        evidence_table(rows)


def evidence_table(rows, key=None, on_select="ignore"):
    return st.dataframe(rows, width="stretch", hide_index=True, height=sup.table_height(len(rows)), key=key,
                        column_config=sup.column_config(rows), on_select=on_select, selection_mode="single-row")


def _open_quote(rows_key: str, table_key: str) -> None:
    """A row of a quotes table was picked: open its article in the drill-down, quotes marked."""
    event = ss.get(table_key)
    picked = event.selection.rows if event is not None and event.selection else []
    rows = ss.get(rows_key) or []
    if not picked or not 0 <= picked[0] < len(rows):
        return
    row = rows[picked[0]]
    ss.update(view="drill", drill_source=row["source"], drill_article=row["article_id"], drill_measure="quotes",
              drill_only=True)


# -- page ---------------------------------------------------------------------------------
st.title(tr("title"))
session.keep_valid(ss, "view", VIEWS, "overview")
view = st.radio(tr("view.label"), VIEWS, key="view", horizontal=True, format_func=lambda v: tr(f"view.{v}"),
                label_visibility="collapsed")
st.query_params.from_dict(session.url_params(ss))  # every choice the URL carries is made by now

if view in ("overview", "actors", "drill") and not sources:
    st.info(tr("compare.choose_source"))
elif view == "overview":
    st.caption(tr("overview.caption"))
    per_row = 3
    for k in range(0, len(sources), per_row):
        cols = st.columns(per_row)
        for col, src in zip(cols, sources[k:k + per_row]):
            date = dates.get(src.source) if cid == SEEDS_ID or ss.get("with_seeds") else None
            col.html(render.source_card(src.source, src.kind, date or src.date, src.articles,
                                        sup.fmt_int(src.words, tr),
                                        sup.card_figures(src, voices, tr, show_quoted=show_quoted),
                                        color=colors[src.source], labels=sup.card_labels(tr),
                                        tooltip=tr("card.tooltip", model=src.opinion_model or "?")))
    fig = figure(("overview", *chosen_key, voices, show_quoted),
                 lambda: charts.overview_figure(sources, voices=voices, show_quoted=show_quoted, colors=colors,
                                                text=chart_text))
    event = st.plotly_chart(fig, width="stretch", key="chart_overview", on_select="rerun", selection_mode="points")
    show_evidence(fig, event, sources, actors)
    st.subheader(tr("overview.categories"), divider="gray")
    st.caption(tr("overview.categories_caption"))
    cats = figure(("categories", *chosen_key),
                  lambda: charts.category_figure(sources, colors=colors, category_label=tr.category, text=chart_text))
    cat_event = st.plotly_chart(cats, width="stretch", key="chart_categories", on_select="rerun",
                                selection_mode="points")
    show_evidence(cats, cat_event, sources, actors)
elif view == "actors":
    if not actors:
        st.info(tr("actors.choose"))
    else:
        mode = st.segmented_control(tr("actors.mode"), ("absolute", "relative"), key="tone_mode", default="absolute",
                                    format_func=lambda m: tr(f"actors.{m}"))
        relative = mode == "relative"
        st.caption(tr("actors.relative_caption" if relative else "actors.caption", voice=tr(f"voice.{voices}")))
        heat = figure(("heatmap", *chosen_key, tuple(actors), voices, relative),
                      lambda: charts.actor_heatmap(sources, actors, voices=voices, relative=relative, text=chart_text))
        heat_event = st.plotly_chart(heat, width="stretch", key="chart_heatmap", on_select="rerun",
                                     selection_mode="points")
        show_evidence(heat, heat_event, sources, actors)
        st.caption(tr("actors.shares_caption"))
        shares = figure(("actor_shares", *chosen_key, tuple(actors)),
                        lambda: charts.actor_share_figure(sources, actors, colors=colors, text=chart_text))
        share_event = st.plotly_chart(shares, width="stretch", key="chart_shares", on_select="rerun",
                                      selection_mode="points")
        show_evidence(shares, share_event, sources, actors)
        st.subheader(tr("descriptors.header"), divider="gray")
        st.caption(tr("descriptors.caption"))
        table = sup.descriptor_table(records, [s.source for s in sources], actors)
        if not table:
            st.info(tr("descriptors.none"))
        else:
            picked = evidence_table(table, key="descriptor_table", on_select="rerun")
            chosen_rows = picked.selection.rows if picked is not None and picked.selection else []
            if chosen_rows and 0 <= chosen_rows[0] < len(table):
                row = table[chosen_rows[0]]
                with st.spinner(tr("evidence.loading")):
                    scored = [analysis_of(e) for s in sources for e in entries_of[s.source]]
                rows = sup.descriptor_evidence(scored, row["actor"], row["descriptor"])
                with st.container(border=True):
                    title = tr("descriptors.passages", actor=row["actor"], descriptor=row["descriptor"])
                    st.markdown(f"**{sup.markdown_escape(title)}** · {tr('evidence.rows', n=len(rows))}")
                    evidence_table(rows)
        with st.expander(tr("actors.cell_expander")):
            c1, c2, c3 = st.columns([2, 3, 2])
            session.keep_valid(ss, "cell_actor", actors)
            cell_actor = c1.selectbox(tr("compare.actor"), actors, key="cell_actor")
            session.keep_valid(ss, "cell_source", [s.source for s in sources])
            cell_source = c2.selectbox(tr("compare.source"), [s.source for s in sources], key="cell_source")
            cell_what = c3.radio(tr("actors.show"), ("actor", "quotes"), horizontal=True, key="cell_what",
                                 format_func=lambda w: tr(f"actors.show_{w}"))
            if st.toggle(tr("actors.cell_open"), key="cell_open"):
                with st.spinner(tr("evidence.loading")):
                    scored = [analysis_of(e) for e in entries_of[cell_source]]
                rows = sup.source_evidence(scored, cell_what, voices=voices, actor=cell_actor)
                st.caption(tr("evidence.rows", n=len(rows)))
                evidence_table(rows)
elif view == "quotes":
    st.caption(tr("quotes.speakers_caption"))
    shares = {s.source: sup.speaker_shares(records, s.source) for s in sources}
    speakers_fig = figure(("speakers", *chosen_key), lambda: charts.speaker_share_figure(shares, colors=colors,
                                                                                         text=chart_text))
    speaker_event = st.plotly_chart(speakers_fig, width="stretch", key="chart_speakers", on_select="rerun",
                                    selection_mode="points")
    show_evidence(speakers_fig, speaker_event, sources, actors)
    st.subheader(tr("quotes.header"), divider="gray")
    session.keep_valid(ss, "quotes_source", [s.source for s in sources])
    quotes_source = st.selectbox(tr("compare.source"), [s.source for s in sources], key="quotes_source")
    with st.spinner(tr("evidence.loading")):
        quote_rows = [{"source": quotes_source, **r}
                      for r in sup.quote_table([analysis_of(e) for e in entries_of[quotes_source]])]
    ss["_quote_rows"] = quote_rows
    st.caption(tr("quotes.caption", n=len(quote_rows)))
    evidence_table([{k: v for k, v in r.items() if k not in ("source", "article_id")} for r in quote_rows],
                   key="quote_table", on_select=lambda: _open_quote("_quote_rows", "quote_table"))
elif view == "drill":
    session.keep_valid(ss, "drill_source", [s.source for s in sources])
    source_name = st.selectbox(tr("compare.source"), [s.source for s in sources], key="drill_source")
    src_entries = entries_of[source_name]
    keys = [e.article.article_id for e in src_entries]
    session.keep_valid(ss, "drill_article", keys)
    by_id = {e.article.article_id: e for e in src_entries}
    article_id = st.selectbox(tr("drill.article"), keys, format_func=lambda k: sup.article_label(by_id[k].article),
                              key="drill_article")
    with st.spinner(tr("evidence.loading")):
        scores = analysis_of(by_id[article_id])
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.metric(tr("drill.words"), sup.fmt_int(scores.words, tr),
              help=tr("drill.words_help", author=sup.fmt_int(scores.author_words, tr),
                      quoted=sup.fmt_int(scores.quoted_words, tr)))
    hits, words = sup.loaded_hits_words(scores, voices)
    c2.metric(tr("card.loaded"), tr.number(sup.loaded_per_1000(scores, voices)),
              help=tr("card.hits_of_words", hits=hits, words=sup.fmt_int(words, tr),
                      of=tr("card.author_words") if voices == "author" else tr("card.all_words"))
              + f" · {tr('card.partisan')}: {tr.number(sup.partisan_per_1000(scores, voices))} "
              f"({sup.partisan_hits_words(scores, voices)[0]})")
    c3.metric(tr("card.opinion_share"), tr.number(100 * scores.opinion.ratio, ".0f") + " %",
              help=tr("card.of_words", part=sup.fmt_int(scores.opinion.opinion_words, tr),
                      total=sup.fmt_int(scores.words, tr)))
    c4.metric(tr("drill.mentions"), scores.actors.total_mentions)
    c5.metric(tr("card.flesch"), tr.number(scores.readability.flesch_amstad, ".0f"), help=tr("card.flesch_note"))
    with st.expander(tr("drill.all_terms", n=len(src_entries))):
        evidence_table(sup.loaded_terms([analysis_of(e) for e in src_entries], voices))
    measure = st.radio(tr("drill.evidence_for"), DRILL_MEASURES, horizontal=True, key="drill_measure",
                       format_func=lambda m: tr(f"measure.{m}"))
    categories = sorted({h.category for h in scores.loaded.hits})
    shown_categories = shown_actors = None
    layers = set(render.LAYERS)
    if measure == "loaded":
        session.keep_valid_many(ss, "drill_categories", categories, categories)
        shown_categories = st.multiselect(tr("drill.categories"), categories, key="drill_categories",
                                          format_func=tr.category)
        rows = [r for r in sup.loaded_evidence(scores, voices) if r["category"] in shown_categories]
    elif measure == "opinion":
        st.plotly_chart(charts.opinion_strip(scores.opinion.sentences), width="stretch", key="chart_strip")
        rows = sup.opinion_evidence(scores)
    elif measure == "actors":
        mentioned = sorted({m.actor for m in scores.actors.mentions})
        session.keep_valid_many(ss, "drill_actors", mentioned, [a for a in mentioned if a in actors] or mentioned)
        shown_actors = st.multiselect(tr("compare.actors"), mentioned, key="drill_actors")
        rows = sup.actor_evidence(scores, shown_actors, voices)
    else:
        rows = sup.quote_evidence(scores) + sup.excluded_evidence(scores)
    if st.toggle(tr("drill.only"), key="drill_only"):
        layers = {"numbers", "excluded"} | {"loaded": {"loaded"}, "opinion": {"opinion"}, "actors": {"actors"},
                                            "quotes": {"quotes"}}[measure]
    st.html(render.legend_html(categories))
    text_col, table_col = st.columns([3, 2])
    with text_col:
        st.html(render.render_heading(scores))
        st.html(render.render_article(scores, layers=layers, voices=voices, categories=shown_categories,
                                      actors=shown_actors))
    with table_col:
        if not rows and measure == "loaded" and scores.loaded.hits:
            st.info(tr("drill.none_in_author", n=len(scores.loaded.hits)))
        st.caption(tr("drill.rows_caption", n=len(rows)))
        evidence_table(rows)
else:
    st.markdown(tr("about.text"))
    table = validity_table(ROOT / "README.md")
    if table is not None:
        st.subheader(tr("about.validity"), divider="gray")
        st.caption(tr("about.validity_caption", date=table.date or tr("about.date_unknown")))
        st.dataframe(table.rows, hide_index=True, width="stretch", height=sup.table_height(len(table.rows)))
        st.markdown(tr("about.validity_note"))
    models = sorted({r.get("opinion_model") or "" for r in records} - {""})
    st.markdown(tr("about.opinion_model", model=", ".join(models) or "?"))

# -- downloads (built after the charts went out; cached per corpus) ------------------------
with download_box:
    csv_scores, csv_actors, csv_quotes, csv_descriptors, xlsx = downloads(corpus, records, all_sources)
    st.download_button(tr("download.xlsx"), xlsx, file_name="framing.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_xlsx",
                       on_click="ignore")  # a download needs no rerun
    st.download_button(tr("download.scores"), csv_scores, file_name="scores.csv",
                       mime="text/csv", key="dl_scores", on_click="ignore")
    st.download_button(tr("download.actors"), csv_actors, file_name="actors.csv",
                       mime="text/csv", key="dl_actors", on_click="ignore")
    st.download_button(tr("download.quotes"), csv_quotes, file_name="quotes.csv",
                       mime="text/csv", key="dl_quotes", on_click="ignore")
    st.download_button(tr("download.descriptors"), csv_descriptors, file_name="descriptors.csv",
                       mime="text/csv", key="dl_descriptors", on_click="ignore")
    st.caption(tr("download.note"))

pool()  # the scoring workers start (and warm up) a few seconds after the first page
