"""``workbench users`` / ``workbench tokens``, and ``serve`` refusing open addresses alone."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli


@pytest.fixture()
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from workbench.store import dispose_engines

    folder = tmp_path / "instance"
    monkeypatch.setenv("WORKBENCH_INSTANCE", str(folder))
    monkeypatch.delenv("WORKBENCH_DATABASE_URL", raising=False)
    yield folder
    dispose_engines()


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.output


def test_serve_on_an_open_address_needs_accounts(instance: Path) -> None:
    for host in ("0.0.0.0", "::", "192.0.2.1"):
        code, output = run("serve", "--host", host, "--port", "5999")
        assert code != 0
        assert f"refusing to serve on {host} without accounts" in output
        assert "workbench users add" in output and "Traceback" not in output


def test_serve_with_accounts_gets_past_the_refusal(instance: Path) -> None:
    run("users", "add", "ann", "--admin", "--password-stdin", stdin="long enough pw\n")
    with socket.socket() as busy:  # a busy port: the next check speaks, nothing is served
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, output = run("serve", "--host", "0.0.0.0", "--port", str(port))
    assert "refusing" not in output
    assert code != 0 and f"port {port} on 0.0.0.0 is already in use" in output


def test_users_add_list_remove(instance: Path) -> None:
    code, output = run("users", "add", "ann", "--admin", stdin="s3cret-pass\ns3cret-pass\n")
    assert code == 0, output
    assert "added administrator ann" in output
    assert run("users", "add", "bob", "--password-stdin", stdin="another pass\n")[0] == 0
    code, output = run("users", "list")
    lines = output.strip().splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["ann", "admin"], ["bob", "-"]]
    code, output = run("users", "add", "ANN", "--password-stdin", stdin="whatever12\n")
    assert code != 0 and "already a user called 'ANN'" in output
    assert run("users", "remove", "bob") == (0, "removed bob\n")
    code, output = run("users", "remove", "bob")
    assert code != 0 and "no user called 'bob'" in output


def test_password_is_asked_twice_and_checked(instance: Path) -> None:
    code, output = run("users", "add", "ann", stdin="first-pass\nsecond-pass\nfirst-pass\n"
                                                    "first-pass\n")
    assert code == 0 and "do not match" in output.lower()
    code, output = run("users", "add", "bob", "--password-stdin", stdin="short\n")
    assert code != 0 and "a password has 8 to 1000 characters" in output
    code, output = run("users", "add", "two words", "--password-stdin", stdin="long enough\n")
    assert code != 0 and "no spaces" in output
    assert run("users", "list")[1].startswith("ann\t")


def test_tokens_add_list_revoke(instance: Path) -> None:
    from workbench.review.accounts import user_for_token
    from workbench.store import session_scope

    run("users", "add", "ann", "--password-stdin", stdin="long enough pw\n")
    result = CliRunner().invoke(cli, ["tokens", "add", "ann", "--name", "nightly export"])
    assert result.exit_code == 0
    token = result.stdout.strip()
    assert token.startswith("wb_") and len(token) > 40
    with session_scope() as session:
        user = user_for_token(session, token)
        assert user is not None and user.name == "ann"
    code, output = run("tokens", "list")
    fields = output.strip().split("\t")
    assert fields[:3] == ["1", "ann", "nightly export"] and fields[4] != "never used"
    assert token not in output
    assert run("tokens", "revoke", "1")[1] == "revoked token 1 of ann\n"
    with session_scope() as session:
        assert user_for_token(session, token) is None
    code, output = run("tokens", "revoke", "1")
    assert code != 0 and "no token 1" in output
    code, output = run("tokens", "add", "nobody")
    assert code != 0 and "no user called 'nobody'" in output
