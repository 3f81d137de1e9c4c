"""Staff and public pages of the resource directory."""
