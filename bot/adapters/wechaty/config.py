"""WeChat's configuration: the WECHATY_PUPPET_SERVICE_* environment or the `[wechaty]` table."""

from __future__ import annotations

import random
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.adapters.base import AdapterError
from bot.settings import ConfigError

ENV_ENDPOINT = "WECHATY_PUPPET_SERVICE_ENDPOINT"
ENV_TOKEN = "WECHATY_PUPPET_SERVICE_TOKEN"
ENV_NO_TLS = "WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT"
ENV_SERVER_NAME = "WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME"
ENV_CA_CERT = "WECHATY_PUPPET_SERVICE_TLS_CA_CERT"
ENV_REQUIRED = (ENV_ENDPOINT, ENV_TOKEN)  # either one means "WeChat is meant to run"
# Every variable this adapter reads: (name, meaning, secret?) — for docs, check-config, logs.
ENV_VARS: tuple[tuple[str, str, bool], ...] = (
    (ENV_ENDPOINT, "host:port of the Wechaty puppet service (turns WeChat on)", False),
    (ENV_TOKEN, "the puppet service's token (sent as `authorization: Wechaty <token>`)", True),
    (ENV_SERVER_NAME, "name in the service's TLS certificate (default: the token's prefix)", False),
    (ENV_CA_CERT, "CA of the service's certificate, PEM text or a file path", False),
    (ENV_NO_TLS, "`true` for plaintext gRPC (only to a service without TLS)", False),
)


def configured(environ: Mapping[str, str], table: Mapping[str, Any] | None) -> bool:
    """Is WeChat asked for: a `[wechaty]` table, or an endpoint or token in the environment?"""
    return table is not None or any(environ.get(name, "").strip() for name in ENV_REQUIRED)


class WechatyConfigError(AdapterError, ConfigError):
    """The WeChat settings are missing or invalid; the message names the variable to set.
    A `ConfigError`, so `jianfu run` prints it as one line and exits 2."""


@dataclass(frozen=True, slots=True)
class WechatyConfig:
    """How to reach the puppet service. Built once at start-up from the environment."""

    host: str  # puppet service host (from WECHATY_PUPPET_SERVICE_ENDPOINT)
    port: int  # puppet service port
    token: str = field(default="", repr=False)  # puppet service token; never logged
    tls: bool = True  # TLS unless WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true
    server_name: str = ""  # TLS server name (SNI + certificate check); "" = the endpoint host
    ca_cert: str = field(default="", repr=False)  # PEM text or file of the CA; "" = system roots
    backoff_min: float = 1.0  # first reconnect delay ceiling, seconds
    backoff_max: float = 60.0  # reconnect delay cap, seconds
    room_cache: int = 1000  # rooms whose payload is remembered
    member_cache: int = 10000  # (room, member) display names remembered
    seen_ids: int = 5000  # message ids remembered against replays
    rpc_timeout: float = 15.0  # seconds for each unary call (Start, payloads, send)

    @property
    def endpoint(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str], table: Mapping[str, Any] | None = None
    ) -> WechatyConfig:
        """Read the WECHATY_PUPPET_SERVICE_* variables over the `[wechaty]` table of jianfu.toml.

        Raises `WechatyConfigError` naming the variable or key when they are unusable.
        """
        environ = {**_table_as_env(table or {}), **{k: v for k, v in environ.items() if v}}
        endpoint = environ.get(ENV_ENDPOINT, "").strip()
        if not endpoint:
            raise WechatyConfigError(
                f"set {ENV_ENDPOINT}=host:port (or endpoint in [wechaty]) to the Wechaty puppet "
                "service; jianfu does not discover endpoints from the token over the internet"
            )
        host, port = _parse_endpoint(endpoint)
        token = environ.get(ENV_TOKEN, "").strip()
        tls = environ.get(ENV_NO_TLS, "").strip().lower() not in {"true", "1", "yes"}
        server_name = environ.get(ENV_SERVER_NAME, "").strip() or _token_sni(token)
        ca_cert = environ.get(ENV_CA_CERT, "").strip()
        if ca_cert and not ca_cert.startswith("-----BEGIN") and not Path(ca_cert).is_file():
            raise WechatyConfigError(f"{ENV_CA_CERT}: no such file {ca_cert!r} (PEM text or path)")
        return cls(host, port, token, tls, server_name, ca_cert)

    def ssl_context(self) -> ssl.SSLContext | None:
        """The client TLS context, or None for plaintext."""
        if not self.tls:
            return None
        if self.ca_cert.startswith("-----BEGIN"):
            context = ssl.create_default_context(cadata=self.ca_cert)
        elif self.ca_cert:
            context = ssl.create_default_context(cafile=self.ca_cert)
        else:
            context = ssl.create_default_context(cafile=_certifi_roots())
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.set_alpn_protocols(["h2"])
        return context

    def metadata(self) -> dict[str, str]:
        return {"authorization": f"Wechaty {self.token}"} if self.token else {}


# Keys of the `[wechaty]` table in jianfu.toml and the variable each stands for (the variable wins).
TABLE_KEYS: dict[str, str] = {
    "endpoint": ENV_ENDPOINT,
    "tls_server_name": ENV_SERVER_NAME,
    "tls_ca_cert": ENV_CA_CERT,
    "no_tls_insecure_client": ENV_NO_TLS,
}


def _table_as_env(table: Mapping[str, Any]) -> dict[str, str]:
    env: dict[str, str] = {}
    for key, value in table.items():
        if key not in TABLE_KEYS:
            known = ", ".join(TABLE_KEYS)
            raise WechatyConfigError(f"[wechaty].{key}: unknown key (known: {known})")
        expected = bool if key == "no_tls_insecure_client" else str
        if not isinstance(value, expected):
            raise WechatyConfigError(f"[wechaty].{key}: expected a {expected.__name__}")
        env[TABLE_KEYS[key]] = str(value).lower() if isinstance(value, bool) else value
    return env


def _parse_endpoint(endpoint: str) -> tuple[str, int]:
    host, sep, port = endpoint.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise WechatyConfigError(f"{ENV_ENDPOINT}={endpoint!r} is not host:port")
    return host, int(port)


def _token_sni(token: str) -> str:
    """The official clients' server name rule: `insecure_<uuid>` → `insecure`."""
    sni, sep, _ = token.rpartition("_")
    return sni if sep else ""


def _certifi_roots() -> str | None:
    try:
        import certifi
    except ImportError:  # pragma: no cover - certifi comes with aiohttp's stack
        return None
    return str(certifi.where())


@dataclass(slots=True)
class Backoff:
    """Exponential back-off with full jitter: uniform(0, min(cap, base * 2**attempt))."""

    base: float
    cap: float
    rng: random.Random
    attempt: int = 0

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * 2 ** min(self.attempt, 30))
        self.attempt += 1
        return self.rng.uniform(0, ceiling)

    def reset(self) -> None:
        self.attempt = 0
