"""Archive page of the dashboard: sources over time for one measure, drill-down to an article.

Opens the output folder of ``framing score ARCHIVE --out DIR/``. This file only lays out
widgets and calls ``framing.app.archive_views`` (DuckDB over the Parquet files; only
aggregates and the one article asked for are read).
"""

from __future__ import annotations

import os

import streamlit as st

from framing.app import archive_views as av
from framing.app.nav import page_links

st.set_page_config(page_title="Framing comparator: archive", page_icon=":material/newspaper:", layout="wide")
page_links(st.sidebar, ["Dashboard: compare articles", "Archive over time"])
st.title("Archive over time")
st.caption("Open the output folder of `framing score ARCHIVE --out DIR/` (Parquet). "
           "Only the aggregates shown and the one article you open are read.")

folder = st.text_input("Output folder", value=os.environ.get("FRAMING_ARCHIVE", ""),
                       placeholder="e.g. scores/")
if not folder.strip():
    st.info("Enter the folder that `framing score ARCHIVE --out DIR/` wrote.")
    st.stop()
if not av.is_archive(folder):
    st.error(f"No archive output in {folder!r} (no 'articles' folder).")
    st.stop()

info = av.open_archive(folder)
st.write(f"**{info.articles:,}** articles from **{len(info.sources)}** sources, "
         f"{info.first or '?'} to {info.last or '?'}.")

left, middle, right = st.columns(3)
measure = left.selectbox("Measure", av.MEASURES)
period = middle.radio("Period", av.PERIODS, horizontal=True,
                      format_func={"month": "Month", "week": "Week"}.get)
actor = None
if measure in av.ACTOR_MEASURES:
    if not info.actors:
        st.warning("This archive names no actors.")
        st.stop()
    actor = right.selectbox("Actor", info.actors)
meaning = (av.ARTICLE_MEASURES.get(measure) or av.ACTOR_MEASURES[measure])[1]

rows = av.series(folder, measure, period=period, actor=actor)
if not rows:
    st.info("No dated articles for this choice.")
    st.stop()
title = measure + (f": {actor}" if actor else "")
st.plotly_chart(av.series_figure(rows, title=title, y_label=measure), width="stretch")
st.caption(meaning)

st.subheader("Articles behind a point")
c1, c2 = st.columns(2)
source = c1.selectbox("Source", sorted({r["source"] for r in rows}))
value = c2.selectbox("Period", sorted({r["period"] for r in rows if r["source"] == source}))
listed = av.article_list(folder, source=source, period=period, value=value)
if not listed:
    st.info("No articles.")
    st.stop()
labels = {r["article_id"]: f"{r['date'] or '–'} · {r['title'] or r['article_id']} ({r['words']} words)"
          for r in listed}
chosen = st.selectbox("Article", list(labels), format_func=labels.get)
if st.button("Open article"):
    article = av.load_article(folder, chosen, source=source)
    if article is None:
        st.error("The article is no longer in the output folder.")
    else:
        st.markdown(f"### {article['title'] or article['article_id']}")
        st.write(f"{article['source']} · {article['date'] or 'no date'} · {article['words']} words · "
                 f"opinion share {article['opinion_ratio']:.0%} · "
                 f"{len(article['loaded'])} loaded terms · {len(article['quotes'])} quotes")
        if article["url"]:
            st.write(f"URL: `{article['url']}`")
        st.markdown(av.highlight_html(article["text"], article["loaded"]), unsafe_allow_html=True)
        if article["actors"]:
            st.dataframe([{k: a[k] for k in ("actor", "mentions", "polarity", "quoted")}
                          for a in article["actors"]], hide_index=True)
