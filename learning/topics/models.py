"""The models of topics; learning/models.py imports them."""
