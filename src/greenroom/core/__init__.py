"""Pure-Python domain layer: dataclasses, errors, clock. Standard library only."""
