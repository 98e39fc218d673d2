"""Models of the trajectory app, one module per topic."""

from .kpi import KPI_BEWAAKTE_VELDEN, KPI_KERNVELDEN, Kpi, KpiMeting
from .proces import ProcesControle, ProcesStap, ProcesVersie, StapOpmerking
from .traject import (
    Gebeurtenis,
    Sessie,
    StapStatus,
    Teamlid,
    Traject,
    TrajectGroupObjectPermission,
    TrajectUserObjectPermission,
)

__all__ = [
    "KPI_BEWAAKTE_VELDEN",
    "KPI_KERNVELDEN",
    "Kpi",
    "KpiMeting",
    "ProcesControle",
    "ProcesStap",
    "ProcesVersie",
    "StapOpmerking",
    "Gebeurtenis",
    "Sessie",
    "StapStatus",
    "Teamlid",
    "Traject",
    "TrajectGroupObjectPermission",
    "TrajectUserObjectPermission",
]
