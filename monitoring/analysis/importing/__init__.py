"""Reading import files. Pure: bytes in, rows or row-level errors out.

Three formats share one set of checks (checks.py) and one way of reading bytes (files.py):
the long format (long_format.py), a CBS open-data or StatLine CSV (cbs.py) and the indicator
catalogue (catalogue.py). Every problem is reported with its row number, column, what is wrong
and what is expected, as Dutch source texts translated when shown (checks.Text); a file with any
problem is refused whole, and a file that cannot be read at all says why (files.py). Every cell a file would
store or show first passes the personal-data check (personal_data.py); the service passes in the
guard's scan, so nothing here loads settings or word lists.
"""

from monitoring.analysis.importing.catalogue import (
    INDICATOR_OPTIONAL,
    INDICATOR_REQUIRED,
    IndicatorRow,
    read_indicators,
)
from monitoring.analysis.importing.cbs import cbs_columns, cbs_region_column, read_cbs
from monitoring.analysis.importing.checks import (
    MAX_FIGURE,
    MAX_N,
    PERSONAL_COLUMNS,
    RowError,
    Text,
    stored_error_shown,
)
from monitoring.analysis.importing.files import FileRefused, decode, table
from monitoring.analysis.importing.long_format import HEADERS, MAX_CATEGORY, ObservationRow, read_long

__all__ = [
    "HEADERS",
    "INDICATOR_OPTIONAL",
    "INDICATOR_REQUIRED",
    "MAX_CATEGORY",
    "MAX_FIGURE",
    "MAX_N",
    "PERSONAL_COLUMNS",
    "FileRefused",
    "IndicatorRow",
    "ObservationRow",
    "RowError",
    "Text",
    "cbs_columns",
    "cbs_region_column",
    "decode",
    "read_cbs",
    "read_indicators",
    "read_long",
    "stored_error_shown",
    "table",
]
