"""The discrete-event engine: one Exercise owns one simpy.Environment."""
