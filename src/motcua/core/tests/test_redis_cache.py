"""The production cache on a real Redis: one client per pool, counting as Django's does."""

import os
import uuid
from collections.abc import Iterator

import pytest
from django.core.cache.backends.redis import RedisCacheClient

from motcua.core.redis_cache import RedisCache, SharedClientRedisCacheClient

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache() -> Iterator[RedisCache]:
    import redis

    try:
        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        message = f"the Redis cache tests need a Redis at {REDIS_TEST_URL}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    cache = RedisCache(REDIS_TEST_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.clear()


def test_one_client_serves_every_call(redis_cache: RedisCache) -> None:
    client = redis_cache._cache
    assert isinstance(client, SharedClientRedisCacheClient)
    assert client.get_client(write=True) is client.get_client(write=True)
    assert client.get_client(write=False) is client.get_client(write=False)
    # Django's own client makes a new one per call: the reason for ours.
    assert RedisCacheClient.get_client(client) is not RedisCacheClient.get_client(client)


def test_the_rate_limit_counts_through_it(redis_cache: RedisCache) -> None:
    assert redis_cache.add("rate:1.2.3.4", 1, timeout=60) is True
    assert redis_cache.add("rate:1.2.3.4", 1, timeout=60) is False
    assert redis_cache.incr("rate:1.2.3.4") == 2
    redis_cache.set("text", "Nguyễn Văn Ánh", timeout=60)
    assert redis_cache.get("text") == "Nguyễn Văn Ánh"
    assert redis_cache.get("missing", "—") == "—"
