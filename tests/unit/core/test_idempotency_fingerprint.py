"""A retried request is recognised whatever its JSON spacing; another request is not."""

from __future__ import annotations

import pytest

from core.errors import InvalidInput
from core.idempotency import request_fingerprint, validate_key


def test_same_json_content_gives_the_same_fingerprint() -> None:
    a = request_fingerprint("POST", "/x", b'{"to": "en_route", "reason": null}')
    b = request_fingerprint("POST", "/x", b'{"reason":null,"to":"en_route"}')
    assert a == b


def test_another_body_or_path_gives_another_fingerprint() -> None:
    base = request_fingerprint("POST", "/x", b'{"to": "en_route"}')
    assert base != request_fingerprint("POST", "/x", b'{"to": "on_site"}')
    assert base != request_fingerprint("POST", "/y", b'{"to": "en_route"}')


def test_a_body_that_is_not_json_is_still_fingerprinted() -> None:
    assert request_fingerprint("POST", "/x", b"\xff\x00") != request_fingerprint("POST", "/x", b"")


@pytest.mark.parametrize("key", ["", "x" * 256, "tab\there"])
def test_unusable_keys_are_refused(key: str) -> None:
    with pytest.raises(InvalidInput):
        validate_key(key)
