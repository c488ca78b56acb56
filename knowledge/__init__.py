"""Vocabulary, catalogues and sources shipped as package data; no code here."""
