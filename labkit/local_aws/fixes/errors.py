"""Error fixes (docs/local-aws-differences.md row 10): AWS's not-found messages and ``Invalid…ID.Malformed``.

An operation moto does not implement answers ``UnsupportedOperation`` (HTTP 400, the kit's Spanish
"solo existe en AWS real") instead of moto's HTTP 500.

moto answers ``InvalidSnapshot.NotFound`` with an empty message (the CLI prints ``None``) and
a malformed id with NotFound. AWS says "The snapshot 'snap-…' does not exist." and answers an
id that is not ``prefix-`` + 8 or 17 hex digits with ``Invalid…ID.Malformed``.

Used by every lesson that shows an AWS error (01–07), through the local AWS.
"""

from labkit import aws_ids

from . import _util

# Last component of an EC2 query parameter name -> id prefix (aws_ids: shape and Malformed code).
_ID_PARAMS = {
    "SnapshotId": "snap", "SourceSnapshotId": "snap", "VolumeId": "vol", "InstanceId": "i",
    "ImageId": "ami", "SourceImageId": "ami",
}


def malformed(querystring):
    """The first malformed resource id in an EC2 request, as (code, message), or None."""
    for key, values in querystring.items():
        parts = [p for p in key.split(".") if not p.isdigit()]
        if not parts or parts[-1] not in _ID_PARAMS:
            continue
        prefix = _ID_PARAMS[parts[-1]]
        for value in values:
            if not aws_ids.well_formed(prefix, value):
                return aws_ids.MALFORMED[prefix], f'Invalid id: "{value}" (expecting "{prefix}-...")'
    return None


def _call_action(self):
    from moto.core.responses import ActionResult
    from moto.ec2.responses import EC2Response

    error = malformed(self.querystring or {})
    if error is None:
        try:
            return _util.original(EC2Response, "call_action")(self)
        except NotImplementedError:  # moto: "not yet implemented" (HTTP 500); AWS-shaped instead
            error = _util.not_emulated(self._get_action())
    else:
        error = _util.ec2_error(*error)
    status, headers, body = self.serialized(ActionResult(error))
    headers["status"] = status
    status, headers, body = self._transform_response(self.response_headers, (body, headers))
    headers, body = self._enrich_response(headers, body)
    return status, headers, body


def _get_snapshot(self, snapshot_id):
    snapshot = self.snapshots.get(snapshot_id)
    if snapshot is None:
        raise _util.snapshot_not_found(snapshot_id)
    return snapshot


def _matching(resources, ids, filters, not_found):
    """moto's describe for ``resources`` ({id: resource}), with AWS's not-found error for the first unknown id."""
    from moto.ec2.utils import generic_filter

    matches = list(resources.values())
    if ids:
        missing = [i for i in ids if i not in resources]
        if missing:
            raise not_found(missing[0])
        matches = [r for r in matches if r.id in ids]
    if filters:
        matches = generic_filter(filters, matches)
    return matches


def _describe_snapshots(self, snapshot_ids=None, filters=None):
    return _matching(self.snapshots, snapshot_ids, filters, _util.snapshot_not_found)


def _describe_volumes(self, volume_ids=None, filters=None):
    return _matching(self.volumes, volume_ids, filters, _util.volume_not_found)


def _create_tags(self, resource_ids, tags):
    """AWS refuses a tag with an empty key (CreateTags and every TagSpecifications)."""
    from moto.ec2.models.tags import TagBackend

    if any(not key for key in tags):
        raise _util.ec2_error("InvalidParameterValue", "Tag key cannot be null or empty")
    return _util.original(TagBackend, "create_tags")(self, resource_ids, tags)


def patches():
    """(moto class, attribute, replacement) for every attribute this module patches."""
    from moto.ec2.models.elastic_block_store import EBSBackend
    from moto.ec2.models.tags import TagBackend
    from moto.ec2.responses import EC2Response

    return [
        (TagBackend, "create_tags", _create_tags),
        (EC2Response, "call_action", _call_action),
        (EBSBackend, "get_snapshot", _get_snapshot),
        (EBSBackend, "describe_snapshots", _describe_snapshots),
        (EBSBackend, "describe_volumes", _describe_volumes),
    ]
