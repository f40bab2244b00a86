"""Lexicons, patterns and tables kept as data."""
