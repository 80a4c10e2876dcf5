"""Residents who share a computer or a network can each ask for their link; one address cannot be flooded;
and the limit never tells whether an address is known. The cache holds no address or IP in clear."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from consent import crypto

pytestmark = pytest.mark.django_db

REQUEST = reverse("resident:request")
KNOWN = "fatima@example.nl"  # the `contact` fixture's address


@pytest.fixture(autouse=True)
def fresh_limits(eager_celery, settings):
    settings.RESIDENT_LINK_REQUESTS_PER_HOUR = 3
    settings.RESIDENT_LINK_REQUESTS_PER_IP_PER_HOUR = 6
    cache.clear()
    yield
    cache.clear()


def ask(client, email: str, ip: str = "192.0.2.10"):
    return client.post(REQUEST, {"email": email}, REMOTE_ADDR=ip)


def test_residents_on_one_network_each_get_their_link(client):
    # A community centre's computer: six residents, one after the other, more than one address's limit.
    codes = [ask(client, f"bewoner{n}@example.nl").status_code for n in range(6)]
    assert codes == [200] * 6


def test_one_address_is_limited_from_every_network(client, contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        codes = [ask(client, KNOWN, ip=f"198.51.100.{n}").status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]
    assert len(mail.outbox) == 3


def test_the_address_is_counted_however_it_is_typed(client):
    codes = [ask(client, email).status_code for email in ("Anna@Example.nl", " anna@example.nl", "ANNA@EXAMPLE.NL")]
    assert codes == [200, 200, 200]
    assert ask(client, "anna@example.nl").status_code == 429


def test_one_network_is_limited_too(client):
    codes = [ask(client, f"x{n}@example.nl").status_code for n in range(7)]
    assert codes == [200] * 6 + [429]
    assert ask(client, "x0@example.nl", ip="203.0.113.5").status_code == 200  # another network is not


def test_a_network_over_its_limit_does_not_use_up_an_address(client):
    for n in range(6):
        ask(client, f"x{n}@example.nl")
    assert [ask(client, "anna@example.nl").status_code for _ in range(3)] == [429] * 3
    # From another network Anna still has all her requests.
    assert [ask(client, "anna@example.nl", ip="203.0.113.5").status_code for _ in range(3)] == [200] * 3


def test_the_default_limit_per_network_is_higher_than_per_address():
    from config import settings as defaults  # the module as read from the environment, before this test's limits

    assert defaults.RESIDENT_LINK_REQUESTS_PER_IP_PER_HOUR > defaults.RESIDENT_LINK_REQUESTS_PER_HOUR


def without_token(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_over_the_limit_a_known_and_an_unknown_address_get_the_same_answer(client, contact):
    for _ in range(3):
        ask(client, KNOWN, ip="198.51.100.1")
        ask(client, "niemand@example.nl", ip="198.51.100.2")
    known, unknown = ask(client, KNOWN, ip="198.51.100.3"), ask(client, "niemand@example.nl", ip="198.51.100.4")
    assert known.status_code == unknown.status_code == 429
    assert without_token(known) == without_token(unknown)


def test_the_cache_holds_no_address_and_no_ip_in_clear(client):
    import hashlib

    ask(client, "Anna@Example.nl", ip="192.0.2.77")
    keys = " ".join(str(key) for key in cache._cache)  # the local-memory cache of the tests
    assert keys, "the request was counted"
    plain_ip_hash = hashlib.sha256(b"192.0.2.77").hexdigest()
    for secret in ("anna@example.nl", "Anna@Example.nl", "192.0.2.77", plain_ip_hash[:32], crypto.email_hash("anna")):
        assert secret.lower() not in keys.lower()
    # Not the hash the contacts table is searched by either: the cache and the database do not share a key.
    assert crypto.email_hash("anna@example.nl")[:32] not in keys


# A pure model of the rule: a request is refused when its network is over its limit (then the address is not
# counted), or else when its address is. It consults no database, so an answer cannot depend on whether an
# address is known.
def expected_codes(requests: list[tuple[str, str]], per_address: int, per_ip: int) -> list[int]:
    by_ip: dict[str, int] = {}
    by_address: dict[str, int] = {}
    codes = []
    for email, ip in requests:
        by_ip[ip] = by_ip.get(ip, 0) + 1
        if by_ip[ip] > per_ip:
            codes.append(429)
            continue
        address = email.strip().lower()
        by_address[address] = by_address.get(address, 0) + 1
        codes.append(429 if by_address[address] > per_address else 200)
    return codes


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([KNOWN, "FATIMA@example.nl", "niemand@example.nl", "b@example.nl"]),
            st.sampled_from(["192.0.2.1", "192.0.2.2"]),
        ),
        max_size=14,
    )
)
def test_every_sequence_of_requests_is_answered_by_the_rule_alone(client, contact, requests):
    cache.clear()
    codes = [ask(client, email, ip).status_code for email, ip in requests]
    assert codes == expected_codes(requests, per_address=3, per_ip=6)
