"""Example case files shipped as package data; no code here."""
