"""Unattended, parallel, resumable extraction of a whole archive (``nianbao extract``).

The run folder ``OUT``::

    OUT/<stem>.json              one report per document (OUTPUT.md); stems shared by several inputs are
    OUT/<rel dir>/<stem>.json    kept apart as described in nianbao.bulk.naming
    OUT/reports.csv              one row per document (UTF-8 with BOM), rebuilt at the end of every run
    OUT/reports.xlsx             the same for Excel: one sheet per table, Chinese headers
    OUT/fields_long.csv          one row per field value of every extracted report, with provenance and status
    OUT/codebook.csv             each field id with its Chinese label path, table, template versions and type
    OUT/config.yaml              the resolved configuration the outputs were made with (a comment on top
                                 says so when some were made with other settings)
    OUT/run.log                  the log of every run (appended), main process and workers
    OUT/nianbao.sqlite           the run database (WAL; -wal/-shm files next to it while a run is on)
    OUT/.nianbao.lock            held while a run writes the folder

Modules: ``inputs`` (what to process), ``naming`` (where JSON goes), ``store`` (the database),
``worker``/``pool`` (processes with a per-document timeout), ``executor`` (the local pool or
``ray_executor``, Ray actors on a cluster, behind one interface), ``progress`` (what is shown) and
``runner`` (``run_extract``, the one call the CLI makes).
"""
