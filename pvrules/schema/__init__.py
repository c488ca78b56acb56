"""JSON Schemas of the file formats, shipped as package data; no code here."""
