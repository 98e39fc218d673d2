"""Forms of the trajectory app, one module per topic (traject, team, sessies)."""
