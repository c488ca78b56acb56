"""The support of a firing; lives in :mod:`pvrules.infer.support` (re-exported here)."""

from pvrules.infer.support import FactUse, support

__all__ = ["FactUse", "support"]
