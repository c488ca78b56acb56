"""pvrules: rule-based decision support on municipal collaboration.

Advisory rules (data, not code) encode balance principles of Mark Moore's
public value triangle; pvrules evaluates them on the facts of a case and
produces explained recommendations. The pipeline: load → validate → compile →
infer → explain → render. Start with :class:`pvrules.pipeline.Pipeline`.
"""

__version__ = "0.1.0"
