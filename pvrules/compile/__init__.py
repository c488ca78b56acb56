"""Compile: rules as written → engine-neutral condition tree (IR) with strata."""
