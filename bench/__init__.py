"""The benchmark of Koperasi Siap Digital (``make bench``, ``python -m bench``).

It generates synthetic but realistic data into its own database (never the developer's),
then measures the district dashboard and ``export_readiness`` against hand-written SQL
floors, queries per page at two scales, throughput under gunicorn, transfer sizes and the
export's peak memory. See the README's "Benchmark" section.
"""
