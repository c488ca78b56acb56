"""Explain: why, why not, what would change it, and the advice built from a result."""
