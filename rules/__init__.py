"""Advisory rules shipped as package data; no code here."""
