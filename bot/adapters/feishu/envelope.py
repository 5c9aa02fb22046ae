"""What wraps a Feishu event: the encrypted body and the request signature.

With an Encrypt Key set in the app's event subscription, Feishu POSTs `{"encrypt": "<b64>"}`:
AES-256-CBC with key = SHA-256(encrypt key), the first 16 bytes of the decoded data the IV, the
rest the ciphertext of the event JSON, PKCS#7 padded. Each request is signed in headers:
`X-Lark-Signature` = hex(SHA-256(X-Lark-Request-Timestamp + X-Lark-Request-Nonce + encrypt key +
raw body)). AES comes from `cryptography` (its wheels carry OpenSSL).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from bot.adapters.refusals import Refused

BLOCK = 16  # AES block and IV size in bytes
TIMESTAMP_HEADER = "X-Lark-Request-Timestamp"
NONCE_HEADER = "X-Lark-Request-Nonce"
SIGNATURE_HEADER = "X-Lark-Signature"


class EnvelopeError(ValueError):
    """An encrypted body that does not decrypt; the message says why (never the key)."""


def decrypt(encrypted: str, encrypt_key: str) -> bytes:
    """The plaintext of an `encrypt` field. `EnvelopeError` when it is not base64, too short,
    not whole blocks, or its padding is wrong (the wrong key, most likely)."""
    try:
        data = base64.b64decode(encrypted, validate=True)
    except (binascii.Error, ValueError):
        raise EnvelopeError("encrypt is not base64") from None
    if len(data) < 2 * BLOCK or len(data) % BLOCK:
        raise EnvelopeError("encrypt is not an IV and whole AES blocks")
    key = hashlib.sha256(encrypt_key.encode()).digest()
    decryptor = Cipher(algorithms.AES(key), modes.CBC(data[:BLOCK])).decryptor()
    padded = decryptor.update(data[BLOCK:]) + decryptor.finalize()
    unpadder = padding.PKCS7(BLOCK * 8).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        raise EnvelopeError("encrypt does not decrypt with FEISHU_ENCRYPT_KEY") from None


def signature(timestamp: str, nonce: str, encrypt_key: str, body: bytes) -> str:
    """hex(SHA-256(timestamp + nonce + encrypt key + body)), as Feishu signs a request."""
    return hashlib.sha256((timestamp + nonce + encrypt_key).encode() + body).hexdigest()


def check_signature(headers: Mapping[str, str], encrypt_key: str, body: bytes) -> Refused | None:
    """Why a request's signature headers are refused, or None when they are good."""
    timestamp = headers.get(TIMESTAMP_HEADER)
    nonce = headers.get(NONCE_HEADER)
    given = headers.get(SIGNATURE_HEADER)
    if not timestamp or not nonce or not given:
        headers_named = f"{TIMESTAMP_HEADER}, {NONCE_HEADER} or {SIGNATURE_HEADER}"
        return Refused("missing_sign", f"missing {headers_named} header")
    expected = signature(timestamp, nonce, encrypt_key, body)
    if not hmac.compare_digest(given.strip().lower().encode(), expected.encode()):
        return Refused("bad_sign", f"{SIGNATURE_HEADER} does not match")
    return None
