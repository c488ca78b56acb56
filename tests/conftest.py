"""Shared test configuration: the pvrules pytest plugin collects expert YAML tests."""

from __future__ import annotations

pytest_plugins = ["pvrules.testing.plugin"]
