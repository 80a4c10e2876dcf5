"""The pure layer: files, frames and lists in, results out. No ORM and no settings in here, so every
rule is tested on small hand-made data: periods, reading import files, the comparison engine and its
verdicts, the pivot, small-count protection (disclosure) and the charts."""
