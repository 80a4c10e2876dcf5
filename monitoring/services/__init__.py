"""Workflows of the numbers side: areas, imports, uploads and the comparison's loading."""

from monitoring.services.areas import DATA_DIR, UnknownMunicipality, areas_load, district_display_name
from monitoring.services.imports import ImportSummary, indicators_import, observations_import
from monitoring.services.uploads import upload_confirm, upload_create, upload_map, upload_run, uploads_clean

__all__ = [
    "DATA_DIR",
    "ImportSummary",
    "UnknownMunicipality",
    "areas_load",
    "district_display_name",
    "indicators_import",
    "observations_import",
    "upload_confirm",
    "upload_create",
    "upload_map",
    "upload_run",
    "uploads_clean",
]
