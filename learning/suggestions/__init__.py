"""suggestions (issue 13)."""
