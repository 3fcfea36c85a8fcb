"""Greenroom: rehearse job interviews until they stop being frightening."""

from __future__ import annotations

__version__ = "0.1.0"
