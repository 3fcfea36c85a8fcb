"""The practice room: set-up, the timed interview, feedback and the session summary."""
