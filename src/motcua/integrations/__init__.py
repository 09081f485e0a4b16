"""Connections to systems outside motcua; each listens to domain events or serves interfaces."""
