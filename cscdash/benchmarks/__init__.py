"""Published DfE benchmarks: statistical neighbours, region, England, quartile bands and ranks.

Modules: ``files`` (the shipped files), ``database`` (load them into DuckDB and the comparator view),
``comparators`` (tidy frames for charts and the CLI), ``ranking`` (bands A-D and ranks),
``measures`` (polarity and precision), ``command`` (the ``benchmarks`` CLI command).
"""
