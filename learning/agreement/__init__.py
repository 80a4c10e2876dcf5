"""agreement (issue 13)."""
