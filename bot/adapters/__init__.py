"""One adapter per file; each turns raw platform payloads into `policies.events.Message`."""
