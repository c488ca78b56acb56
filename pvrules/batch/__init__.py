"""Many cases at once: ``pvrules batch`` (a portfolio) and ``pvrules sweep`` (variants)."""
