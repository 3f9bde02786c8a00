"""TLS on the room's network without a certificate authority.

`simex serve --tls-self-signed` makes a certificate for this exercise (kept
beside the journal, so a resumed server keeps it) and prints its SHA-256
fingerprint on the console and the handout. A participant pins it with
`simex join wss://... --fingerprint AB:CD:...`: the connection is encrypted
and the client checks, before it sends its join code, that the server holds
that very certificate; a laptop pretending to be the server is refused.
"""
from __future__ import annotations

import datetime
import hashlib
import ipaddress
import os
import socket
import ssl
from pathlib import Path

PIN_MIN_HEX = 16   # 64 bits: what a person copies from a handout is enough on a venue's network


def fingerprint(der: bytes) -> str:
    """SHA-256 of a DER certificate as people compare it: AB:CD:..."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def certificate_fingerprint(cert: Path) -> str:
    return fingerprint(ssl.PEM_cert_to_DER_cert(cert.read_text(encoding="ascii")))


def normalise_pin(text: str) -> str:
    """A fingerprint as typed (colons, spaces, any case) -> hex; ValueError if it cannot be one."""
    pin = "".join(ch for ch in text if ch not in ": -").upper()
    if len(pin) < PIN_MIN_HEX or len(pin) > 64 or any(ch not in "0123456789ABCDEF" for ch in pin):
        raise ValueError(f"a fingerprint is {PIN_MIN_HEX} to 64 hexadecimal digits (AB:CD:...), "
                         f"as printed on the handout; got {text!r}")
    return pin


def matches(der: bytes, pin: str) -> bool:
    return fingerprint(der).replace(":", "").startswith(pin)


def pinned_client_context() -> ssl.SSLContext:
    """Encrypts without trusting any authority: the pin check replaces it."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def self_signed(cert: Path, key: Path, host: str, days: int = 365) -> str:
    """The exercise's certificate: made once (the key readable by its owner
    only), reused after a resume. Returns its fingerprint."""
    if not (cert.exists() and key.exists()):
        _make(cert, key, host, days)
    return certificate_fingerprint(cert)


def _names(host: str) -> list[str]:
    names = {host, "localhost", "127.0.0.1", socket.gethostname()}
    try:
        names.update(socket.gethostbyname_ex(socket.gethostname())[2])
    except OSError:
        pass
    return sorted(n for n in names if n and n not in ("0.0.0.0", "::"))


def _make(cert: Path, key: Path, host: str, days: int) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private = ec.generate_private_key(ec.SECP256R1())
    alt = []
    for name in _names(host):
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt.append(x509.DNSName(name))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "simex exercise server")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                   .public_key(private.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=days))
                   .add_extension(x509.SubjectAlternativeName(alt), critical=False)
                   .sign(private, hashes.SHA256()))
    key_bytes = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())
    fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)   # never readable by others, not even briefly
    with os.fdopen(fd, "wb") as out:
        out.write(key_bytes)
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
