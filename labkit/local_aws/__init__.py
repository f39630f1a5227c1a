"""The local AWS: a moto server on 127.0.0.1 with the kit's catalogue and fidelity fixes.

The only package of labkit that imports moto (lazily, inside functions).
"""

from .server import ACCOUNT_ID, HOST, IDENTITY_ARN, PINNED_MOTO, LocalAWS, account_key, is_alive, reset, start

__all__ = ["ACCOUNT_ID", "IDENTITY_ARN", "HOST", "PINNED_MOTO", "LocalAWS", "account_key", "is_alive", "reset",
           "start"]
