"""Everything Qt. Nothing outside ``greenroom.app`` imports this package."""
