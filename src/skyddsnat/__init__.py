"""Skyddsnät: case work and follow-up for Swedish municipal social child and youth care."""
