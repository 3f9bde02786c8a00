"""The scenario library that ships with simex.

This folder installs as the data package `simex.library` (see pyproject.toml),
so `pip install simex` users have the scenarios and the JSON Schema too;
`simex.library_index` finds them by name. Nothing here is code to import.
"""
