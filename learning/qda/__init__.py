"""qda (issue 13)."""
