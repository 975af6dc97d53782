"""Imported by the fork server only (pipeline/pool.py PRELOAD): builds the table that every parse
reads, the place-name gazetteer (half a second), once, so that each forked worker starts with it
instead of building it again on its first file."""
from .regions.divisions import gazetteer

gazetteer()
