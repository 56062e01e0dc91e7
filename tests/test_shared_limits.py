"""Issue 14.4: rate limits shared across workers. The `limits` library counts in
`AQA_RATE_LIMIT_STORAGE`: `memory://` per process (the default), or a real Redis (`redis-server` on
a loopback port here) shared by every API instance pointed at it — the per-key limit, the
wrong-key limit per client address, 429 with Retry-After, and a 503 when Redis is gone."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from api.errors import RateLimited
from api.limits import RateLimiter
from aqa.components import Components, build_components
from tests.conftest import EXAMPLES, app_over, settings_for
from tests.servers import free_port, redis_server, running, serving

pytestmark = pytest.mark.integration

SEARCH = {"query": "Joint Discharge Hub"}


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server on a free loopback port, nothing persisted; stopped afterwards."""
    with redis_server(tmp_path_factory.mktemp("redis") / "redis.log") as url:
        yield url


@pytest.fixture(autouse=True)
def _empty_redis(request: pytest.FixtureRequest) -> None:
    if "redis_url" in request.fixturenames:
        import redis

        redis.Redis.from_url(request.getfixturevalue("redis_url")).flushdb()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Components:
    """A store with one report, embedded with the hash embedder: the limits do not care about meaning."""
    c = build_components(settings_for(tmp_path_factory.mktemp("limits"), embedding_backend="hash"))
    assert not c.ingestor.ingest([str(EXAMPLES / "report_0147.txt")]).failures
    return c


def statuses(urls: list[str], n: int, **kw) -> list[int]:
    """n searches, alternating between the instances."""
    return [httpx.post(f"{urls[i % len(urls)]}/v1/search", json=SEARCH, timeout=30, **kw).status_code for i in range(n)]


def test_two_instances_share_one_limit_per_key_through_redis(small, redis_url):
    settings = {"api_keys": ["k1", "k2"], "rate_limit_per_minute": 4, "rate_limit_storage": redis_url}
    with serving(app_over(small, **settings)) as a, serving(app_over(small, **settings)) as b:
        assert statuses([a, b], 4, headers={"X-API-Key": "k1"}) == [200] * 4
        for url in (a, b):  # the key's minute is used up on both instances
            r = httpx.post(f"{url}/v1/search", json=SEARCH, headers={"Authorization": "Bearer k1"})
            assert r.status_code == 429 and r.json()["error"]["code"] == "rate_limited"
            assert 1 <= int(r.headers["retry-after"]) <= 60
            assert "AQA_RATE_LIMIT_PER_MINUTE" in r.json()["error"]["message"]
        # The limit is per key: another key has its own minute.
        assert statuses([b, a], 2, headers={"X-API-Key": "k2"}) == [200, 200]


def test_without_redis_each_instance_counts_alone(small):
    with serving(app_over(small, rate_limit_per_minute=3)) as a, serving(app_over(small, rate_limit_per_minute=3)) as b:
        assert statuses([a, b], 6) == [200] * 6  # memory://: 3 a minute on each
        assert statuses([a, b], 2) == [429, 429]


def test_wrong_keys_are_counted_per_address_across_instances(small, redis_url):
    settings = {"api_keys": ["good"], "auth_failures_per_minute": 3, "rate_limit_storage": redis_url}
    with serving(app_over(small, **settings)) as a, serving(app_over(small, **settings)) as b:
        assert [httpx.post(f"{u}/v1/search", json=SEARCH, headers={"X-API-Key": "guess"}).status_code for u in (a, b, a)] == [401] * 3
        r = httpx.post(f"{b}/v1/search", json=SEARCH, headers={"X-API-Key": "good"})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1  # refused on the other instance, good key or not
        other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"))
        assert other.post(f"{a}/v1/search", json=SEARCH, headers={"X-API-Key": "good"}).status_code == 200


def test_no_key_is_written_to_redis(small, redis_url):
    import redis

    with serving(app_over(small, api_keys=["secret-key-1"], rate_limit_storage=redis_url)) as a:
        assert statuses([a], 2, headers={"X-API-Key": "secret-key-1"}) == [200, 200]
    keys = [k.decode() for k in redis.Redis.from_url(redis_url).keys("*")]
    assert keys and all(k.startswith("aqa-limits") for k in keys)
    assert not any("secret-key-1" in k or "127.0.0.1" in k for k in keys)


def test_redis_gone_is_a_503_not_an_open_door(small):
    port = free_port()  # nothing listens there
    with serving(app_over(small, rate_limit_storage=f"redis://127.0.0.1:{port}/0")) as a:
        r = httpx.post(f"{a}/v1/search", json=SEARCH, timeout=30)
        assert r.status_code == 503 and r.json()["error"]["code"] == "rate_limit_unavailable"
        assert int(r.headers["retry-after"]) >= 1
        assert httpx.get(f"{a}/healthz").status_code == 200


@pytest.mark.unit
def test_the_limiter_refuses_with_the_time_until_the_oldest_event_leaves():
    limiter = RateLimiter(per_minute=2)
    limiter.check("a")
    limiter.check("a")
    with pytest.raises(RateLimited) as e:
        limiter.check("a")
    assert 58 <= int(e.value.headers["Retry-After"]) <= 60
    limiter.refuse_if_over("b")  # another caller: nothing counted, nothing refused
    limiter.check("b")
    off = RateLimiter(per_minute=0)  # 0: no limit
    for _ in range(100):
        off.check("a")


@pytest.mark.slow
def test_two_server_processes_share_the_limit(tmp_path, redis_url):
    """`aqa serve` twice (as two workers or two hosts would run), each with its own store, one Redis."""
    env = {"AQA_EMBEDDING_BACKEND": "hash", "AQA_RATE_LIMIT_PER_MINUTE": "5", "AQA_RATE_LIMIT_STORAGE": redis_url,
           "AQA_API_KEYS": "shared-key"}
    with running_server(tmp_path / "one", env) as one, running_server(tmp_path / "two", env) as two:
        urls = [one, two]
        got = statuses(urls, 7, headers={"X-API-Key": "shared-key"})
    assert got == [200] * 5 + [429, 429]


@contextmanager
def running_server(data_dir: Path, env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    data_dir.mkdir(parents=True)
    cmd = [sys.executable, "-m", "aqa.cli", "serve", "--port", str(port), "--data-dir", str(data_dir)]
    with running(cmd, f"http://127.0.0.1:{port}/healthz", data_dir.parent / f"{data_dir.name}.log", env=env):
        yield f"http://127.0.0.1:{port}"
