"""Monitoring's forms, one module per page group, as in views/ and services/.

Forms validate and normalise; choices they cannot know are passed in by the view."""
