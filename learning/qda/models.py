"""The models of qda; learning/models.py imports them."""
