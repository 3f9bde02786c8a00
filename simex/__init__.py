"""simex: a discrete-event engine for multi-agency tabletop exercises.

The engine library. It never imports a UI toolkit (textual, rich) or the
`tui` package: screens, the network server and reports sit on top of it.
"""
from simex.scenario.model import Scenario

__all__ = ["Scenario"]
__version__ = "0.1.0"
