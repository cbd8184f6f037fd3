"""Run outputs: per-report JSON written atomically, and the CSV tables of a run."""
