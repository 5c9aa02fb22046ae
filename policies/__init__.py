"""Pure detectors: no I/O, no clock, no platform. Same input, same findings.

Imports here point only to the standard library, `jieba` and `policies.*` itself;
`tests/test_purity.py` enforces it.
"""
