"""The web pages, one module per part of the work."""
