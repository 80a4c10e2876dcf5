"""Monitoring's models, in two modules for its two jobs: the figures and triangulation."""

from monitoring.models.figures import Area, Import, Indicator, Observation, ObservationChange, Source, Upload
from monitoring.models.triangulation import DataRequest, Inquiry, LinkRequest, SavedTable

__all__ = [
    "Area",
    "DataRequest",
    "Import",
    "Indicator",
    "Inquiry",
    "LinkRequest",
    "Observation",
    "ObservationChange",
    "SavedTable",
    "Source",
    "Upload",
]
