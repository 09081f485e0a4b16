"""API endpoints for calendar."""

from ninja import Router

router = Router(tags=["calendar"])
