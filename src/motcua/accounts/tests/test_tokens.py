import pytest

from motcua.accounts.tokens import digest, generate_token, parse_token


def test_a_generated_token_parses_back_to_its_prefix_and_digest() -> None:
    # given a new token
    generated = generate_token()
    # when it is parsed as presented by a client
    parts = parse_token(generated.text)
    # then the prefix and digest are the stored ones
    assert parts is not None
    assert parts.prefix == generated.prefix
    assert parts.digest == generated.digest == digest(generated.text)


def test_two_tokens_never_share_a_secret() -> None:
    assert generate_token().text != generate_token().text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "motcua_",
        "motcua_abcdefghij_short",
        "motcua_ABCDEFGHIJ_" + "a" * 43,
        "other_abcdefghij_" + "a" * 43,
        "motcua_abcdefghij_" + "a" * 43 + "\n",
        "motcua_abcdefghij_" + "a" * 42 + "\x00",
        "motcua_abcdefghij_" + "á" * 43,
    ],
    ids=["empty", "scheme", "short", "upper-prefix", "scheme-other", "newline", "nul", "accents"],
)
def test_malformed_text_is_not_a_token(text: str) -> None:
    assert parse_token(text) is None
