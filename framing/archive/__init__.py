"""Archives: score many articles (one per row) locally or on Dask, report over time."""
