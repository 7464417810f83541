"""Extract loaders: statutory returns as councils export them, checked, into the DuckDB raw tables.

Public interface (others call these):

- :func:`cscdash.extracts.loader.load_paths` (con, paths, la_code=None, progress=None) -> LoadResult:
  one all-or-nothing load of files and folders;
- :func:`cscdash.extracts.loader.validate_paths` (paths, la_code=None, progress=None) -> LoadResult:
  the same checks, nothing written;
- :class:`cscdash.extracts.problems.Problem` and ``format_text`` / ``format_csv`` for reports;
- ``cscdash.extracts.command.run_load`` / ``run_validate`` behind ``python -m cscdash load|validate``.

How a load flows: ``detect`` (what is this file, which year) -> ``returns`` (find and recognise the files,
then stage each return: ``yearly`` for SSDA903 / CIN census / workforce census, ``annex_a_staging`` for
Annex A, ``local_staging`` for every local source declared in ``specs/local/<source>.yml`` (``local``);
type and check the fields with ``fields`` against the year's ``specs/*.yml``; row and cross-table checks in
``integrity``) -> if no error: ``store`` merges with what is loaded (``stitch`` for episodes across years)
and writes the changes with one template for every raw table (``sql_templates/replace_rows.sql``) in one
transaction, logged in ``loads`` and ``load_problems``.
"""
