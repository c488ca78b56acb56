"""The normalised value types every floor shares (bottom module, imports nothing of pvrules).

Ordinal levels are their rank (0 = lowest), enums and texts are strings,
booleans are ``bool``, numbers are ``int`` or ``float``.
"""

from __future__ import annotations

Value = str | bool | int | float
"""A normalised fact value."""

CASE = "case"
"""The variable name (and entity type) of the case as a whole."""
