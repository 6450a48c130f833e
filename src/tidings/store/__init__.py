"""The event store: one DuckDB file, its schema, rows, queries, exports, snapshots,
lock and near-duplicate linking."""

from tidings.store.core import DEFAULT_DB, Added, Store, StoreBusy, StoreError

__all__ = ["DEFAULT_DB", "Added", "Store", "StoreBusy", "StoreError"]
