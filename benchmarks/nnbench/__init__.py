"""Benchmark harness for namenorm's matching hot path.

Run it with ``python benchmarks/run.py``; the modules here are its parts:

* ``text``     - a small stand-alone normaliser and a collision key used to build the data
* ``data``     - deterministic GeoNames gazetteers of a given alias count
* ``queries``  - query sets with known answers (exact, variants, absent)
* ``news``     - news-like text for the annotate benchmark
* ``adapter``  - the thin layer over namenorm's public API
* ``worker``   - measurements for one gazetteer size (runs in its own process)
* ``extras``   - annotate / compare / default-gazetteer measurements
* ``report``   - table, JSON and plot
"""

# Bump when the prepared data or the query generators change, so cached files are rebuilt.
DATA_VERSION = 4
