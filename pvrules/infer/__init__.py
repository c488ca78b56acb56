"""Infer: evaluate compiled rules on a case, with durable_rules or in plain Python."""
