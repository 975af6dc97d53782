"""The DuckDB warehouse: schema from sql/, one serialized writer, atomic publication."""
from .load import LoadSummary, load_stage, read_file_index
from .publish import WarehouseBusy, publish

__all__ = ["LoadSummary", "WarehouseBusy", "load_stage", "publish", "read_file_index"]
