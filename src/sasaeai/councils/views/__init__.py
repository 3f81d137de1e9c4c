"""Staff pages of the councils app (function views, as in core)."""
