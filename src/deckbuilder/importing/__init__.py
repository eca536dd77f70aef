"""Importers: drafts of library entries and outlines made from what a trainer already has."""
