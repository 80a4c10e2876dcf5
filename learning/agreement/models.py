"""The models of agreement; learning/models.py imports them."""
