"""Agencies placed in China's administrative hierarchy (province, prefecture, county, township)."""
from .divisions import gazetteer
from .identity import agency_key
from .resolve import Region, resolve_region

__all__ = ["Region", "agency_key", "gazetteer", "resolve_region"]
