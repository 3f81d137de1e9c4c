"""This app's part of the demo data (called by core.demo in INSTALLED_APPS order)."""


def load(ctx) -> None:
    """Idempotent: add nothing when the app's demo data is already there."""
