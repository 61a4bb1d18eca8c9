"""DNS rebinding: the fetcher connects to the address it checked, on every hop.

Two loopback servers share one port: 127.0.0.2 plays the public site (the test declares it
public) and 127.0.0.1 the internal service an attacker wants to reach. A monkeypatched resolver
answers the public address first and the internal one on every later lookup, as a rebinding DNS
server does; the internal server must never see a request.
"""
from __future__ import annotations

import datetime
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

import flows.fetch as fetch_module
from extractors.pipeline import Options
from flows.fetch import fetch_sources, pinned_transport
from flows.sources import Source

OPTS = Options(respect_robots=False, fetch_retries=0, fetch_timeout=5.0, host_rate=1000.0)  # private hosts refused
PUBLIC, INTERNAL = "127.0.0.2", "127.0.0.1"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.seen.append((self.path, self.headers.get("Host")))
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", f"http://internal.test:{self.server.server_port}/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = f"<html><body><p>{self.server.body}</p></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve(host: str, port: int, body: str, tls: ssl.SSLContext | None = None) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), _Handler)
    server.seen, server.body = [], body
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def servers():
    public = _serve(PUBLIC, 0, "public page")
    internal = _serve(INTERNAL, public.server_port, "internal secret")
    yield public, internal
    for server in (public, internal):
        server.shutdown()
        server.server_close()


@pytest.fixture
def rebinding_dns(monkeypatch):
    """First lookup of a name: the public address; every later one: the internal address."""
    lookups: list[str] = []

    def resolve(host, port):
        lookups.append(host)
        return [PUBLIC] if lookups.count(host) == 1 and host != "internal.test" else [INTERNAL]

    monkeypatch.setattr(fetch_module, "resolve", resolve)
    monkeypatch.setattr(fetch_module, "is_public", lambda address: address == PUBLIC)
    fetch_module._clients.clear()  # connections pooled by earlier tests were opened with the real resolver
    yield lookups
    fetch_module._clients.clear()


def test_connection_goes_to_the_address_that_was_checked(servers, rebinding_dns):
    public, internal = servers
    outcomes = []
    for _ in range(3):
        outcomes.append(fetch_sources([Source(f"http://rebind.test:{public.server_port}/page")], OPTS)[0])
        fetch_module._clients.clear()  # a fresh connection, so a fresh lookup
    assert b"public page" in outcomes[0].fetched.content
    assert [o["quarantine"]["reason"] for o in outcomes[1:]] == ["blocked_url"] * 2  # the rebound answers
    assert internal.seen == []
    assert public.seen == [("/page", f"rebind.test:{public.server_port}")]  # the Host header keeps the name


def test_each_answer_is_vetted_before_any_connection(servers, rebinding_dns, monkeypatch):
    public, internal = servers
    monkeypatch.setattr(fetch_module, "resolve", lambda host, port: [PUBLIC, INTERNAL])
    q = fetch_sources([Source(f"http://mixed.test:{public.server_port}/")], OPTS)[0]["quarantine"]
    assert q["reason"] == "blocked_url" and INTERNAL in q["message"]
    assert public.seen == internal.seen == []


def test_a_redirect_onto_an_internal_name_is_refused(servers, rebinding_dns):
    public, internal = servers
    q = fetch_sources([Source(f"http://rebind.test:{public.server_port}/redirect")], OPTS)[0]["quarantine"]
    assert q["reason"] == "blocked_url" and "internal.test" in q["message"]
    assert internal.seen == [] and [path for path, _ in public.seen] == ["/redirect"]


def _certificate(tmp_path, name: str):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def test_tls_keeps_the_name_for_sni_and_the_certificate(tmp_path, rebinding_dns):
    pytest.importorskip("cryptography")
    cert_file, key_file = _certificate(tmp_path, "pinned.test")
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert_file, key_file)
    names: list[str | None] = []
    server_tls.sni_callback = lambda sock, name, ctx: names.append(name)
    server = _serve(PUBLIC, 0, "over tls", tls=server_tls)
    try:
        client_tls = ssl.create_default_context(cafile=str(cert_file))
        with httpx.Client(transport=pinned_transport(False, verify=client_tls)) as client:
            response = client.get(f"https://pinned.test:{server.server_port}/")
        assert response.status_code == 200 and b"over tls" in response.content
        assert names == ["pinned.test"]  # SNI carried the name while the socket went to the pinned address
        assert server.seen == [("/", f"pinned.test:{server.server_port}")]
    finally:
        server.shutdown()
        server.server_close()
