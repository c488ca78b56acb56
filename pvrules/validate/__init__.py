"""Validate: typed, closed models of vocabulary, catalogues, rules and cases."""
