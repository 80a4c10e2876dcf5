"""Learning from signals (issue 13): theme suggestions, emerging topics, agreement between members
and exchange with qualitative-analysis tools. One package per part; each holds its own models,
views and urls, and `learning.models` and `learning.urls` gather them."""
