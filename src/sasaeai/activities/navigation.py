"""This app's entries in the staff menu and dashboard (see core.navigation)."""
