"""API endpoints for organizations."""

from ninja import Router

router = Router(tags=["organizations"])
