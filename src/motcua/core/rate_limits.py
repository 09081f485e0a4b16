"""Modest request limits for public endpoints, counted in the shared cache.

A fixed window per key (an address and an endpoint): cheap, and good enough to keep one
address from using an expensive public check as a free service.
"""

from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The caller's address as the server sees it (a proxy must set REMOTE_ADDR correctly)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def allow_request(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one request under `key`; False once more than `limit` came within the window."""
    cache_key = f"rate:{key}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
