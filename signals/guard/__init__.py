"""The personal-data guard: finds personal data in a note before it is stored."""

from signals.guard.detector import get_detector, scan
from signals.guard.findings import Finding, Kind, replace_findings

__all__ = ["Finding", "Kind", "get_detector", "replace_findings", "scan"]
