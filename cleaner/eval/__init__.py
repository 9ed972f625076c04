"""`cleaner eval`: score cleaners, ours and others, against a labelled gold set for quality and speed.

`gold` loads the three gold-set layouts, `metrics` holds the Scrapinghub, snippet, chrome-label
and metadata measures, `adapters` gives every cleaner one shape, and `report` runs them and
formats the tables. Nothing is imported here, so `from cleaner import score` stays cheap.
"""
