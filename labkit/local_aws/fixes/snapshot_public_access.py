"""Block public access for snapshots (docs/local-aws-differences.md row 13), per account and region.

``EnableSnapshotBlockPublicAccess`` (``block-all-sharing`` or ``block-new-sharing``),
``DisableSnapshotBlockPublicAccess`` (``unblocked``) and ``GetSnapshotBlockPublicAccessState``
answer as AWS does; while either mode is on, making a snapshot public is refused (the
``snapshots`` fix asks ``state.block_public_access``). Sharing with given accounts still works.

Used by 07_cifrado_y_compartir and 08_que_sigue (through the local AWS).
"""

from . import _util, state

MODES = ("block-all-sharing", "block-new-sharing")


def _enable_response(self):
    from moto.core.responses import ActionResult

    value = self._get_param("State")
    self.error_on_dryrun()
    if value not in MODES:
        raise _util.ec2_error("InvalidParameterValue", f"Value ({value}) for parameter State is invalid. "
                                                       "Valid values: block-all-sharing, block-new-sharing")
    state.set_block_public_access(self.ec2_backend, value)
    return ActionResult({"State": value})


def _disable_response(self):
    from moto.core.responses import ActionResult

    self.error_on_dryrun()
    state.set_block_public_access(self.ec2_backend, "unblocked")
    return ActionResult({"State": "unblocked"})


def _get_response(self):
    from moto.core.responses import ActionResult

    self.error_on_dryrun()
    return ActionResult({"State": state.block_public_access(self.ec2_backend), "ManagedBy": "account"})


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    return [
        (ElasticBlockStore, "enable_snapshot_block_public_access", _enable_response),
        (ElasticBlockStore, "disable_snapshot_block_public_access", _disable_response),
        (ElasticBlockStore, "get_snapshot_block_public_access_state", _get_response),
    ]
