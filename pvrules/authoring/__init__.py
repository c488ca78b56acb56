"""Tools for domain experts: lint, coverage, graphs and schemas of the rules."""
