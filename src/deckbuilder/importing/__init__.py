"""Importing what trainers already have: an existing PowerPoint deck as an outline, an article as a
library entry."""
