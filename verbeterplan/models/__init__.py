"""The models of the improvement plan: the points and actions of step 6 (`plan`), and the review of
step 7 (`toetsing`)."""

from .plan import BRON_VELDEN, ActieKpi, Verbeteractie, Verbeterpunt
from .toetsing import Toetsoordeel, Toetsverzoek, Voorwaarde

__all__ = [
    "BRON_VELDEN",
    "ActieKpi",
    "Toetsoordeel",
    "Toetsverzoek",
    "Verbeteractie",
    "Verbeterpunt",
    "Voorwaarde",
]
