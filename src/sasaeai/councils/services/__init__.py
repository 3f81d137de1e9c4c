"""Council services (STYLE §4): each takes the actor, validates, writes in one transaction."""
