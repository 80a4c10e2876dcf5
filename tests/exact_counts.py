"""A perturbation table that shows every count as it is, for tests that read a page's arithmetic and
layout. The noise itself is tested with the shipped table (tests/monitoring/test_ptable.py,
tests/monitoring/test_disclosure_attacks.py)."""

IDENTITY = "count,target,probability,key_from,key_to\n0,0,1.0,0,256\n1,1,1.0,0,256\n"


def show_counts_exactly(settings, tmp_path) -> None:
    path = tmp_path / "ptable-exact.csv"
    path.write_text(IDENTITY, encoding="utf-8")
    settings.PTABLE_FILE = str(path)
