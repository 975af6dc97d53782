"""The DuckDB warehouse: schema from sql/, what it knows of the raw files, one serialized writer,
atomic publication."""
from .index import read_file_index
from .load import LoadSummary, load_stage
from .publish import WarehouseBusy, publish

__all__ = ["LoadSummary", "WarehouseBusy", "load_stage", "publish", "read_file_index"]
