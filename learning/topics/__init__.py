"""topics (issue 13)."""
