"""Helpers for testing knowledge bases: expert YAML tests and a pytest plugin."""
