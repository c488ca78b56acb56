"""The broken-rules corpus is data, not tests: keep the plugin away from it."""

from __future__ import annotations

collect_ignore_glob = ["bad/*", "bad_kb/*", "bad_knowledge/*"]
