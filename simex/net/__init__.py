"""Network play: one server process owns the exercise; participants,
evaluators and observers join over websockets with a code per role."""
