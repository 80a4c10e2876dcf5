from django.db import models

from consent import crypto


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token: a database dump shows no plain value.

    Encrypted values cannot be searched or ordered in the database; look a
    contact up by its keyed e-mail hash instead.
    """

    def from_db_value(self, value, expression, connection):
        return None if value is None else crypto.decrypt(value)

    def value_to_string(self, obj) -> str:
        # `dumpdata` and other serialisers never get the plain value.
        return "[versleuteld]"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value in (None, "") else crypto.encrypt(value)
