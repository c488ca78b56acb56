"""Load: read YAML/JSON files safely, with line numbers, from files or package data."""
