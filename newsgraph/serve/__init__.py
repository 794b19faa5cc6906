"""Serving what the store knows: text rendering for the CLI (REST API and web page later)."""
