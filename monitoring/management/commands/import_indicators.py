from monitoring.management.importcommand import ImportCommand
from monitoring.services import indicators_import


class Command(ImportCommand):
    help = (
        "Load or update the indicator catalogue from a CSV file, all or nothing. Headers at least "
        "code,name,unit,polarity,source,themes,definition (optional: name_en,periodicity,lowest_level,owner,"
        "reference); polarity higher_is_better|higher_is_worse|neutral; unit percentage|aantal|per_1000|euro|"
        "gemiddelde; themes by name or short name separated by '|'. Prints 'rows: N, new: A, changed: B, "
        "unchanged: C'; a refused file prints one line per problem and exits non-zero. --dry-run changes nothing."
    )
    importer = staticmethod(indicators_import)
