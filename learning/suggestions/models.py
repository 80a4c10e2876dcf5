"""The models of suggestions; learning/models.py imports them."""
