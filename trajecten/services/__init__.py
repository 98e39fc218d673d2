"""Every write in a trajectory goes through a service; one module per topic, all importable from here.

A service checks the rule, locks the trajectory row (so two people acting at once never lose each
other's work), changes what it must, records an audit event and schedules side effects after commit.
"""

from .traject import *  # noqa: F403  the trajectory, its steps, team and sessions
from .traject import WorkflowFout, gebeurtenis_vastleggen  # noqa: F401  named for readers and linters
