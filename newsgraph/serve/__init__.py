"""Serving what the store knows: the REST API (``api``), the server-rendered web page
(``web``) over one query layer (``queries``), the daily digest and watchlists, and text
rendering for the CLI."""
