"""DuckDB as the embedded engine for event data larger than memory: filters run as SQL over a Parquet
file (the loader's cache, an export), reading only the columns and row groups a view needs."""

from eventmap.engine.parquet_view import ParquetView, count_parquet, filter_parquet

__all__ = ["ParquetView", "count_parquet", "filter_parquet"]
