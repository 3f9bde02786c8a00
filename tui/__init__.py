"""Terminal consoles (Textual) on top of the simex engine. The engine never
imports this package; this package talks to the engine through a Session."""
