"""Sentence meaning on this machine: the text-embedding model behind content relevance.

Depends on core, numpy and the model's package (wordllama), never on Qt, the speech stack or the
store. analysis receives the model through its TextSimilarity protocol and never imports this
package, so the pure metrics stay pure and the model loads only where it is used.
"""

from __future__ import annotations

from greenroom.meaning.model import MeaningModel, MeaningUnavailable, shared_model

__all__ = ["MeaningModel", "MeaningUnavailable", "shared_model"]
