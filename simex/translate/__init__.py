"""Translating a scenario's player-facing texts with the tools translators use.

`simex translate export` writes every text of a scenario as a gettext .po
file or an XLIFF 1.2 file, with a stable context and a note per text;
`simex translate import` writes the translations back into the YAML by
targeted edits (yamledit), so comments and layout are kept and a file with
nothing new comes back byte for byte."""
