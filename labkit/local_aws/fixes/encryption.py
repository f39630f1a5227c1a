"""Encryption fixes (docs/local-aws-differences.md row 8): ``CopySnapshot`` encrypts as AWS does.

- ``Encrypted=True`` without a key uses the account's EBS default key (``alias/aws/ebs``,
  ``arn:aws:kms:REGION:ACCOUNT:key/…``); a copy of an encrypted snapshot stays encrypted with
  its key; "encryption by default" encrypts every copy.
- ``KmsKeyId`` without ``Encrypted`` is ``InvalidParameterDependency``, as in AWS.
- A key that does not exist: AWS accepts the call and the copy ends in state ``error``.
- The copy is ``pending`` like any new snapshot; in the same region with the same key it
  copies no data (it inherits the source's blocks for the EBS direct APIs).

Used by 07_cifrado_y_compartir (via the local AWS).
"""

from . import _util, state


def copy_snapshot(backend, source_id, source_region, description, encrypted=False, kms_key_id=None):
    """CopySnapshot as AWS does it (see module docstring)."""
    from moto.ec2.models import ec2_backends
    from moto.ec2.models.elastic_block_store import Snapshot
    from moto.ec2.utils import random_snapshot_id

    _util.check_description(description)
    if kms_key_id and not encrypted:
        raise _util.ec2_error("InvalidParameterDependency", "The parameter KmsKeyId requires the parameter Encrypted to be set.")
    source_backend = ec2_backends[backend.account_id][source_region or backend.region_name]
    source = source_backend.snapshots.get(source_id)
    if source is None or not state.visible(source, backend.account_id):
        raise _util.snapshot_not_found(source_id)
    encrypted = bool(encrypted or source.encrypted or getattr(backend, "ebs_encryption_by_default", False))
    key_arn, unusable = None, False
    if encrypted:
        if kms_key_id:
            key_arn = state.resolve_key(backend, kms_key_id)
            if key_arn is None:
                key_arn, unusable = kms_key_id, True
        elif source.encrypted:
            key_arn = source.kms_key_id
        else:
            key_arn = state.default_key_arn(backend)
    copy = Snapshot(backend, random_snapshot_id(), volume=source.volume, description=description,
                    encrypted=encrypted, kms_key_id=key_arn)
    state.set_size(copy, source.volume_size)
    backend.snapshots[copy.id] = copy
    state.start_pending(copy)
    if unusable:
        state.fail_when_done(copy)
    same_data = source_backend is backend and key_arn == source.kms_key_id
    state.init_copy(source_backend, source, copy, incremental=same_data)
    return copy


def _copy_snapshot_backend(self, source_snapshot_id, source_region, description, kms_key_id=None, encrypted=False):
    """``EBSBackend.copy_snapshot`` as AWS's CopySnapshot (used by CopyImage for each snapshot)."""
    return copy_snapshot(self, source_snapshot_id, source_region, description, encrypted or bool(kms_key_id),
                         kms_key_id)


def _copy_snapshot_response(self):
    from moto.core.responses import ActionResult

    source_id = self._get_param("SourceSnapshotId")
    source_region = self._get_param("SourceRegion")
    description = self._get_param("Description")
    encrypted = self._get_bool_param("Encrypted", False)
    kms_key_id = self._get_param("KmsKeyId")
    tags = self._parse_tag_specification().get("snapshot", {})
    self.error_on_dryrun()
    copy = copy_snapshot(self.ec2_backend, source_id, source_region, description, encrypted, kms_key_id)
    copy.add_tags(tags)
    return ActionResult({"SnapshotId": copy.id, "Tags": copy.tag_set})


def _get_ebs_default_kms_key_id_response(self):
    """GetEbsDefaultKmsKeyId: the account's default key for EBS (``alias/aws/ebs`` until changed)."""
    from moto.core.responses import ActionResult

    self.error_on_dryrun()
    backend = self.ec2_backend
    key = backend.default_kms_key_id
    if not key or state.is_aws_managed_ebs_key(backend, key):
        key = state.EBS_ALIAS
    return ActionResult({"KmsKeyId": key})


def _reset_ebs_default_kms_key_id_response(self):
    """ResetEbsDefaultKmsKeyId: back to the AWS managed key, answered by its ARN."""
    from moto.core.responses import ActionResult

    self.error_on_dryrun()
    backend = self.ec2_backend
    backend.default_kms_key_id = ""
    return ActionResult({"KmsKeyId": state.resolve_key(backend, state.EBS_ALIAS)})


def _modify_ebs_default_kms_key_id_response(self):
    """ModifyEbsDefaultKmsKeyId: an unknown key is KMS's NotFoundException, as an EC2 error (moto: HTTP 500)."""
    from moto.core.responses import ActionResult

    self.error_on_dryrun()
    backend = self.ec2_backend
    key_id = self._get_param("KmsKeyId")
    arn = state.resolve_key(backend, key_id)
    if arn is None:
        raise _util.ec2_error("NotFoundException", f"Key '{key_id}' does not exist")
    backend.default_kms_key_id = arn
    return ActionResult({"KmsKeyId": arn})


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.models.elastic_block_store import EBSBackend
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore

    return [
        (EBSBackend, "copy_snapshot", _copy_snapshot_backend),
        (ElasticBlockStore, "copy_snapshot", _copy_snapshot_response),
        (ElasticBlockStore, "get_ebs_default_kms_key_id", _get_ebs_default_kms_key_id_response),
        (ElasticBlockStore, "reset_ebs_default_kms_key_id", _reset_ebs_default_kms_key_id_response),
        (ElasticBlockStore, "modify_ebs_default_kms_key_id", _modify_ebs_default_kms_key_id_response),
    ]
