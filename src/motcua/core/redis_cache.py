"""Django's Redis cache with one Redis client per connection pool, kept for the process.

Django's `RedisCacheClient.get_client` makes a new `redis.Redis` for every cache call, and a
redis-py 8 client builds its table of response callbacks in its constructor: about a
millisecond of CPU per call, two or three calls per rate-limited public request. A client is
safe to share between threads (it takes a connection from its pool per command), so one per
pool is kept instead.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    # The stubs leave out Django's private helpers this overrides around.
    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
            client = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    """`CACHES` backend `motcua.core.redis_cache.RedisCache`: Django's, sharing its clients."""

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
