"""Every write in a trajectory goes through a service; one module per topic, all importable from here.

A service checks the rule, locks the trajectory row (so two people acting at once never lose each
other's work), changes what it must, records an audit event and schedules side effects after commit.
"""

from .controle import (  # noqa: F401,E501  3b
    controle_bevestigen,
    controle_uitnodigen,
    opmerking_verwijderen,
    stap_opmerking_plaatsen,
    versie_gecontroleerd_markeren,
)
from .kpi import (  # noqa: F401,E501  step 2
    kpi_aanmaken,
    kpi_verwijderbezwaren,
    kpi_verwijderen,
    kpi_wijzigen,
    kpis_goedkeuren,
    meting_vastleggen,
    meting_verwijderen,
)
from .proces import (  # noqa: F401,E501  3a
    processtap_toevoegen,
    processtap_verplaatsen,
    processtap_verwijderen,
    processtap_wijzigen,
    processtappen_importeren,
    procesversie_aanmaken,
    procesversie_wijzigen,
)
from .traject import *  # noqa: F403  the trajectory, its steps, team and sessions
from .traject import WorkflowFout, gebeurtenis_vastleggen  # noqa: F401  named for readers and linters
