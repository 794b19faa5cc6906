"""Running the pipeline on more than one core: local worker processes (:mod:`.workers`),
a Ray cluster writing Parquet (:mod:`.ray_engine`, :mod:`.parquet`) and loading that
Parquet into a DuckDB store (:mod:`.attach`)."""
