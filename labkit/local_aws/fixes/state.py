"""The local AWS's own state, kept on moto's objects: every read and write goes through here.

moto's ``Snapshot`` and ``Ami`` objects lack facts the fixes need. The fixes store them in the
objects' ``__dict__`` (so they die with the object on ``/moto-api/reset``), under the keys
below, and only through the named functions of this module:

- snapshot life cycle: when the pending time started and ends, the final status;
- snapshot size: the volume's size when the snapshot was taken (moto reads the live volume);
- lineage (EBS direct APIs): the parent snapshot, the blocks a snapshot stores itself, and
  whether the snapshot was made by ``StartSnapshot``;
- AMIs: the block device mappings the AMI was registered with, and a state set by moto;
- visibility: who owns and who may see a snapshot;
- keys: the account's EBS default KMS key and key look-ups;
- AMI settings (block public access, deprecation, deregistration protection, fast launch), volume
  attributes, and the pace of volume modifications and replace-root-volume tasks.

The patch modules (snapshots, images, volumes, encryption, ebs_direct, errors, image_attributes,
volume_modifications, replace_root) import this
module and ``_util``, never each other (tests/contract/test_fixes_machinery.py checks it).
"""

import copy
import math
import time

from .. import settings

PENDING = "pending"
COMPLETED = "completed"
ERROR = "error"
RECOVERING = "recovering"

# Snapshot keys
_STARTED = "_labkit_started"      # now() (wall clock) when the pending time began
_READY_AT = "_labkit_ready_at"    # now() when it ends; None: not pending; inf: until finish()
_FINAL = "_labkit_final"          # status once not pending (completed, error)
_SIZE = "_labkit_size"            # GiB of the volume when the snapshot was taken
_PARENT = "_labkit_parent"        # id of the snapshot this one is incremental to
_BLOCKS = "_labkit_blocks"        # index -> Block stored by this snapshot itself
_DIRECT = "_labkit_direct"        # True: made by the EBS direct StartSnapshot
# AMI keys
_MAPPINGS = "_labkit_mappings"    # block device mappings the AMI was registered/created with
_AMI_STATE = "_labkit_state"      # state moto set (deregistered, …); default available

EBS_ALIAS = "alias/aws/ebs"


# --- snapshot life cycle -------------------------------------------------------------------

def now():
    """Seconds of the wall clock. Not time.monotonic(): that restarts with the machine, and a saved
    account (labkit/local_aws/persistence.py) may be read back after a reboot or on another machine."""
    return time.time()


def start_pending(snapshot, seconds=None):
    """Make ``snapshot`` pending now, for ``seconds`` (default: LABKIT_SNAPSHOT_SECONDS).

    ``seconds=math.inf`` keeps it pending until :func:`finish` (EBS direct snapshots).
    """
    seconds = settings.snapshot_seconds() if seconds is None else seconds
    started = now()
    snapshot.__dict__[_STARTED] = started
    snapshot.__dict__[_READY_AT] = started + seconds if seconds > 0 else None


def finish(snapshot, status=COMPLETED):
    """End ``snapshot``'s pending time now with ``status`` (completed or error)."""
    snapshot.__dict__[_READY_AT] = None
    snapshot.__dict__[_FINAL] = status


def fail_when_done(snapshot):
    """When the pending time ends, the snapshot is in ``error`` (AWS: e.g. an unusable KMS key)."""
    snapshot.__dict__[_FINAL] = ERROR


def is_pending(snapshot):
    ready = snapshot.__dict__.get(_READY_AT)
    return ready is not None and now() < ready


def status(snapshot):
    """pending, completed, error, or recovering (just restored from the Recycle Bin)."""
    if recovering(snapshot):
        return RECOVERING
    return PENDING if is_pending(snapshot) else snapshot.__dict__.get(_FINAL, COMPLETED)


def set_final_status(snapshot, value):
    """The status once the pending time is over (what moto writes to ``Snapshot.status``)."""
    snapshot.__dict__[_FINAL] = value


def progress(snapshot):
    """AWS's ``Progress`` string: 0% … 99% while pending, 100% once completed (99% while recovering,
    as the AWS CLI's documented restore-snapshot-from-recycle-bin answer shows)."""
    if recovering(snapshot):
        return "99%"
    if not is_pending(snapshot):
        return "100%" if status(snapshot) == COMPLETED else "0%"
    ready = snapshot.__dict__[_READY_AT]
    if math.isinf(ready):
        return "0%"
    started = snapshot.__dict__[_STARTED]
    done = (now() - started) / (ready - started)
    return f"{max(0, min(99, int(done * 100)))}%"


# --- snapshot size -------------------------------------------------------------------------

def set_size(snapshot, gib):
    snapshot.__dict__[_SIZE] = gib


def size(snapshot):
    """GiB of the volume when ``snapshot`` was taken (moto's own snapshots: the volume's size now)."""
    stored = snapshot.__dict__.get(_SIZE)
    return stored if stored is not None else snapshot.volume.size


# --- visibility ------------------------------------------------------------------------------

def own(backend, resource):
    """True when ``resource`` (snapshot, AMI) belongs to ``backend``'s account."""
    return getattr(resource, "owner_id", None) == backend.account_id


def visible(snapshot, account):
    """AWS lists your own snapshots and those public or shared with your account."""
    return (
        snapshot.owner_id == account
        or "all" in snapshot.create_volume_permission_groups
        or account in snapshot.create_volume_permission_userids
    )


def restorable_by(snapshot, users, account):
    """RestorableByUserIds: public snapshots, and those the given accounts own or may use."""
    if "all" in snapshot.create_volume_permission_groups:
        return True
    for user in users:
        user = account if user == "self" else user
        if user == snapshot.owner_id or user in snapshot.create_volume_permission_userids:
            return True
    return False


# --- lineage ---------------------------------------------------------------------------------

def mark_direct(snapshot, parent_id=None):
    """``snapshot`` was made by StartSnapshot (incremental to ``parent_id``, or full)."""
    snapshot.__dict__.update({_DIRECT: True, _BLOCKS: {}, _PARENT: parent_id})


def is_direct(snapshot):
    return bool(snapshot.__dict__.get(_DIRECT))


def set_parent(snapshot, parent_id):
    snapshot.__dict__[_PARENT] = parent_id


def own_blocks(snapshot):
    """index -> Block that ``snapshot`` stores itself (a live dict: PutSnapshotBlock writes to it)."""
    return snapshot.__dict__.setdefault(_BLOCKS, {})


def parent_of(backend, snapshot):
    parent_id = snapshot.__dict__.get(_PARENT)
    return backend.snapshots.get(parent_id) if parent_id else None


def chain(backend, snapshot):
    """``snapshot`` and its ancestors, oldest last."""
    seen, result = set(), []
    while snapshot is not None and snapshot.id not in seen:
        seen.add(snapshot.id)
        result.append(snapshot)
        snapshot = parent_of(backend, snapshot)
    return result


def effective_blocks(backend, snapshot):
    """index -> Block of everything ``snapshot`` restores (inherited blocks included)."""
    blocks = {}
    for link in reversed(chain(backend, snapshot)):
        blocks.update(own_blocks(link))
    return blocks


def lineage_root(backend, snapshot):
    return chain(backend, snapshot)[-1].id


def latest_snapshot_of(backend, volume_id):
    """The account's newest CreateSnapshot snapshot of ``volume_id`` (None when there is none)."""
    mine = [s for s in backend.snapshots.values()
            if own(backend, s) and s.volume.id == volume_id and not is_direct(s)]
    return max(mine, key=lambda s: s.start_time) if mine else None


def link_new_snapshot(backend, snapshot, volume, previous):
    """A CreateSnapshot snapshot is incremental to the volume's ``previous`` snapshot, or to the
    snapshot the volume was created from (docs/aws-behaviour.md: "Incremental snapshots")."""
    if previous is not None:
        set_parent(snapshot, previous.id)
    elif volume.snapshot_id and volume.snapshot_id in backend.snapshots:
        set_parent(snapshot, volume.snapshot_id)


def hand_down_blocks(backend, snapshot):
    """Before deleting ``snapshot``: its children keep the blocks they inherited from it."""
    for other in list(backend.snapshots.values()):
        if other.__dict__.get(_PARENT) == snapshot.id:
            merged = dict(own_blocks(snapshot))
            merged.update(own_blocks(other))
            other.__dict__[_BLOCKS] = merged
            other.__dict__[_PARENT] = snapshot.__dict__.get(_PARENT)


def init_copy(source_backend, source, copy_, incremental):
    """CopySnapshot: same region and key -> no data copied (inherits); else a full copy."""
    if incremental:
        set_parent(copy_, source.id)
    else:
        copy_.__dict__[_BLOCKS] = dict(effective_blocks(source_backend, source))


# --- AMIs ------------------------------------------------------------------------------------

def set_mappings(ami, mappings):
    ami.__dict__[_MAPPINGS] = mappings


def has_mappings(ami):
    """True for AMIs the fixes registered or created (False: catalogue's, or moto's copy-image)."""
    return _MAPPINGS in ami.__dict__


def mappings(ami):
    """The AMI's block device mappings (a fresh copy, safe to change)."""
    stored = ami.__dict__.get(_MAPPINGS)
    if stored is None:  # an AMI moto made (catalogue, copy-image): its one bookkeeping snapshot
        snapshot = ami.ebs_snapshot
        stored = [{"DeviceName": ami.root_device_name, "Ebs": {
            "DeleteOnTermination": True, "SnapshotId": snapshot.id, "VolumeSize": snapshot.volume_size,
            "VolumeType": "gp3", "Encrypted": bool(snapshot.encrypted)}}]
    return copy.deepcopy(stored)


def image_snapshot_ids(ami):
    """The snapshots an AMI's block device mappings refer to."""
    return [m["Ebs"]["SnapshotId"] for m in mappings(ami) if m.get("Ebs", {}).get("SnapshotId")]


def image_using_snapshot(backend, snapshot_id):
    """A registered AMI whose mappings use ``snapshot_id`` (None if no AMI does)."""
    for ami in list(backend.amis.values()):
        if snapshot_id in image_snapshot_ids(ami):
            return ami
    return None


def set_ami_state(ami, value):
    ami.__dict__[_AMI_STATE] = value


def ami_state(ami):
    """The AMI's state: what moto set, else pending while any of its snapshots is, else available."""
    value = ami.__dict__.get(_AMI_STATE, "available")
    if value == "available" and has_mappings(ami):
        snapshots = ami.ec2_backend.snapshots
        for snapshot_id in image_snapshot_ids(ami):
            snapshot = snapshots.get(snapshot_id)
            if snapshot is not None and status(snapshot) == PENDING:
                return PENDING
    return value


# --- keys ------------------------------------------------------------------------------------

def _kms(backend):
    from moto.kms import kms_backends

    return kms_backends[backend.account_id][backend.region_name]


def default_key_arn(backend):
    """The ARN of the key EBS uses by default (creates ``alias/aws/ebs`` the first time)."""
    return backend.default_kms_key_id or backend._create_default_encryption_key()


def resolve_key(backend, key_id):
    """The ARN of ``key_id`` (key id, key ARN, alias name or alias ARN), or None if unknown."""
    if key_id in (EBS_ALIAS,) or str(key_id).endswith(":" + EBS_ALIAS):
        backend._create_default_encryption_key()
    try:
        return _kms(backend).describe_key(key_id).arn
    except Exception:  # moto raises its own NotFound / ValidationException types
        return None


def is_aws_managed_ebs_key(backend, key_arn):
    """True when ``key_arn`` is the AWS-managed ``alias/aws/ebs`` key."""
    if not key_arn:
        return False
    kms = _kms(backend)
    if not kms.alias_exists(EBS_ALIAS):
        return False
    return kms.describe_key(EBS_ALIAS).arn == key_arn


# --- AMI attributes, volume attributes and paced tasks ---------------------------------------
# (image_attributes, volume_modifications, replace_root). Times are wall-clock seconds
# (now()), so that a paced task saved by the kit's persistence still ends after a restart.

_IMAGE_BPA = "_labkit_image_block_public_access"  # EC2 backend: True = block-new-sharing
_DEPRECATE_AT = "_labkit_deprecate_at"            # AMI: datetime (UTC) it is deprecated at
_PROTECTION = "_labkit_protection"                # AMI: (state, cooldown) of deregistration protection
_PROTECTED_UNTIL = "_labkit_protected_until"      # AMI: now() when the cooldown ends after disabling
_PACE = "_labkit_pace"                            # task object: (now() when started, seconds)
_VOLUME_ATTRIBUTES = "_labkit_volume_attributes"  # Volume: {"autoEnableIO": bool}
_ROOT_TASKS = "_labkit_replace_root_tasks"        # EC2 backend: task id -> task (dict)
_FAST_LAUNCH = "_labkit_fast_launch"              # AMI: fast launch configuration (dict)


def image_public_sharing_blocked(backend):
    """Block public access for AMIs: on by default in a new account (docs/aws-behaviour.md)."""
    return backend.__dict__.get(_IMAGE_BPA, True)


def set_image_public_sharing_blocked(backend, blocked):
    backend.__dict__[_IMAGE_BPA] = bool(blocked)


def deprecate_at(ami):
    return ami.__dict__.get(_DEPRECATE_AT)


def set_deprecate_at(ami, when):
    """``when``: a UTC datetime, or False (deprecation cancelled; None: never set)."""
    ami.__dict__[_DEPRECATE_AT] = when


def protection(ami):
    """(enabled, with_cooldown) of the AMI's deregistration protection; None if never set."""
    return ami.__dict__.get(_PROTECTION)


def set_protection(ami, enabled, with_cooldown=False):
    ami.__dict__[_PROTECTION] = (bool(enabled), bool(with_cooldown))


def protected_until(ami):
    return ami.__dict__.get(_PROTECTED_UNTIL)


def set_protected_until(ami, epoch_seconds):
    ami.__dict__[_PROTECTED_UNTIL] = epoch_seconds


def start_pace(obj, seconds=None):
    """Start ``obj``'s paced life now, for ``seconds`` (default: LABKIT_SNAPSHOT_SECONDS)."""
    seconds = settings.snapshot_seconds() if seconds is None else seconds
    obj.__dict__[_PACE] = (now(), max(0.0, float(seconds)))


def paced(obj):
    """True when ``obj`` has a paced life (started by :func:`start_pace`)."""
    return _PACE in obj.__dict__


def pace_fraction(obj):
    """How far ``obj``'s paced life is, from 0.0 to 1.0 (1.0: over, or never started)."""
    started, seconds = obj.__dict__.get(_PACE, (0.0, 0.0))
    if seconds <= 0:
        return 1.0
    return max(0.0, min(1.0, (now() - started) / seconds))


def pace_end(obj):
    """now() when ``obj``'s paced life ends (None if never started)."""
    if _PACE not in obj.__dict__:
        return None
    started, seconds = obj.__dict__[_PACE]
    return started + seconds


def volume_attributes(volume):
    """The volume's attributes (a live dict): ``autoEnableIO`` (default False)."""
    return volume.__dict__.setdefault(_VOLUME_ATTRIBUTES, {"autoEnableIO": False})


def root_volume_tasks(backend):
    """task id -> replace-root-volume task of ``backend`` (a live dict)."""
    return backend.__dict__.setdefault(_ROOT_TASKS, {})


def fast_launch(ami):
    return ami.__dict__.get(_FAST_LAUNCH)


def set_fast_launch(ami, config):
    ami.__dict__[_FAST_LAUNCH] = config
# --- timed operations (archive tier, fast snapshot restore, recycle-bin recovery) -----------------
# These keep wall-clock UTC times (what AWS answers: TieringStartTime, EnablingTime…), so they
# survive the kit's persistence; each takes LABKIT_SNAPSHOT_SECONDS (read when it starts) to finish.

def utcnow():
    """:func:`now` as a naive UTC datetime, the form moto keeps its own times in."""
    import datetime

    return datetime.datetime.fromtimestamp(now(), datetime.timezone.utc).replace(tzinfo=None)


def deadline(start, seconds=None):
    """When an operation started at ``start`` ends (LABKIT_SNAPSHOT_SECONDS after it)."""
    import datetime

    seconds = settings.snapshot_seconds() if seconds is None else seconds
    return start + datetime.timedelta(seconds=seconds)


def reached(moment):
    return moment is not None and utcnow() >= moment


def _fraction(start, end):
    total = (end - start).total_seconds()
    if total <= 0:
        return 1.0
    return max(0.0, min(1.0, (utcnow() - start).total_seconds() / total))


# --- archive tier --------------------------------------------------------------------------------
_TIER = "_labkit_tier"            # the last archive/restore operation of a snapshot (dict)

ARCHIVAL, TEMPORARY, PERMANENT = "archival", "temporary-restore", "permanent-restore"


def tiering(snapshot):
    """The snapshot's last tiering operation: {op, start, end, archived_at, expires}, or None."""
    return snapshot.__dict__.get(_TIER)


def start_tiering(snapshot, operation, days=None):
    """Start archiving (``archival``) or restoring (``temporary-restore`` for ``days``, ``permanent-restore``)."""
    import datetime

    previous = dict(tiering(snapshot) or {})
    start = utcnow()
    end = deadline(start)
    record = {"op": operation, "start": start, "end": end, "archived_at": previous.get("archived_at")}
    if operation == ARCHIVAL:
        record["archived_at"] = end
    if operation == TEMPORARY:
        record["days"] = days
        record["expires"] = end + datetime.timedelta(days=days)
    snapshot.__dict__[_TIER] = record
    return record


def change_restore_period(snapshot, days):
    """A temporarily restored snapshot: its restore period becomes ``days`` (from the restore's end)."""
    import datetime

    record = dict(tiering(snapshot))
    record["days"] = days
    record["expires"] = record["end"] + datetime.timedelta(days=days)
    snapshot.__dict__[_TIER] = record
    return record


def make_restore_permanent(snapshot):
    """A temporarily restored snapshot stays in the standard tier for good (at once)."""
    record = dict(tiering(snapshot))
    now = utcnow()
    record.update({"op": PERMANENT, "start": now, "end": now})
    record.pop("expires", None)
    snapshot.__dict__[_TIER] = record
    return record


def storage_tier(snapshot):
    """standard or archive, now."""
    record = tiering(snapshot)
    if not record:
        return "standard"
    done = reached(record["end"])
    if record["op"] == ARCHIVAL:
        return "archive" if done else "standard"
    if record["op"] == TEMPORARY:
        return "standard" if done and not reached(record["expires"]) else "archive"
    return "standard" if done else "archive"


def tiering_in_progress(snapshot):
    record = tiering(snapshot)
    return bool(record) and not reached(record["end"])


def temporarily_restored(snapshot):
    record = tiering(snapshot)
    return bool(record) and record["op"] == TEMPORARY and storage_tier(snapshot) == "standard"


def tiering_status(snapshot):
    """SnapshotTierStatus fields of the last operation (empty for a snapshot never archived)."""
    record = tiering(snapshot)
    if not record:
        return {}
    done = reached(record["end"])
    operation = record["op"]
    words = {ARCHIVAL: "Archival", TEMPORARY: "Temporary restore", PERMANENT: "Permanent restore"}[operation]
    fields = {
        "LastTieringStartTime": record["start"],
        "LastTieringProgress": 100 if done else int(_fraction(record["start"], record["end"]) * 100),
        "LastTieringOperationStatus": f"{operation}-{'completed' if done else 'in-progress'}",
        "LastTieringOperationStatusDetail": f"{words} {'completed successfully' if done else 'in progress'}",
    }
    if reached(record.get("archived_at")):
        fields["ArchivalCompleteTime"] = record["archived_at"]
    if restore_expiry(snapshot) is not None:
        fields["RestoreExpiryTime"] = record["expires"]
    return fields


def restore_expiry(snapshot):
    """When a temporarily restored snapshot goes back to the archive (None otherwise)."""
    record = tiering(snapshot)
    if record and record["op"] == TEMPORARY and not reached(record["expires"]):
        return record["expires"]
    return None


# --- snapshot lock -------------------------------------------------------------------------------
_LOCK = "_labkit_lock"            # {mode, created, days, until, cool_off, cool_off_until, duration_start}


def set_lock(snapshot, lock):
    snapshot.__dict__[_LOCK] = lock


def clear_lock(snapshot):
    snapshot.__dict__.pop(_LOCK, None)


def lock_of(snapshot):
    """The snapshot's lock (its duration starts once the snapshot is completed), or None."""
    import datetime

    lock = snapshot.__dict__.get(_LOCK)
    if lock is None:
        return None
    if lock.get("duration_start") is None and status(snapshot) == COMPLETED:
        lock["duration_start"] = utcnow()  # locked while pending: the duration starts on completion
        if lock.get("days") is not None:
            lock["until"] = lock["duration_start"] + datetime.timedelta(days=lock["days"])
    return lock


def lock_state(snapshot):
    """governance, compliance-cooloff, compliance or expired (None: never locked)."""
    lock = lock_of(snapshot)
    if lock is None:
        return None
    if reached(lock.get("until")):
        return "expired"
    if lock["mode"] == "compliance" and lock.get("cool_off_until") and not reached(lock["cool_off_until"]):
        return "compliance-cooloff"
    return lock["mode"]


def is_locked(snapshot):
    return lock_state(snapshot) in ("governance", "compliance", "compliance-cooloff")


# --- account settings kept on the region's EC2 backend -----------------------------------------
_BPA = "_labkit_snapshot_block_public_access"
_FSR = "_labkit_fast_restores"     # (snapshot id, zone) -> record
_RULES = "_labkit_rbin_rules"       # rule id -> rule (the Recycle Bin retention rules)
_BIN = "_labkit_recycle_bin"        # {"snapshots": {id: entry}, "images": {id: entry}}


def block_public_access(backend):
    """block-all-sharing, block-new-sharing or unblocked (the default)."""
    return backend.__dict__.get(_BPA, "unblocked")


def set_block_public_access(backend, value):
    backend.__dict__[_BPA] = value


def fast_restores(backend):
    """(snapshot id, zone) -> {owner, enabling, optimizing, enabled, disabling, disabled} (times)."""
    return backend.__dict__.setdefault(_FSR, {})


def fast_restore_state(record):
    if record.get("disabling") is not None:
        return "disabled" if reached(record["disabled"]) else "disabling"
    if reached(record["enabled"]):
        return "enabled"
    return "optimizing" if reached(record["optimizing"]) else "enabling"


def disable_fast_restores(backend, snapshot_id):
    """A deleted or archived snapshot's fast restores are disabled (AWS does it automatically)."""
    now = utcnow()
    for (snap_id, _zone), record in fast_restores(backend).items():
        if snap_id == snapshot_id and record.get("disabling") is None:
            record["disabling"] = record["disabled"] = now


def rbin_rules(backend):
    return backend.__dict__.setdefault(_RULES, {})


def recycle_bin(backend, kind):
    """``kind`` (snapshots or images) -> {id: {resource, tags, enter, exit}} of this account and region."""
    return backend.__dict__.setdefault(_BIN, {"snapshots": {}, "images": {}})[kind]


def retention_days(backend, resource_type, tags):
    """Days a deleted resource is kept by the Recycle Bin: the longest matching rule (None: no rule)."""
    best = None
    for rule in rbin_rules(backend).values():
        if rule["ResourceType"] != resource_type or rule.get("Status") != "available":
            continue
        wanted = rule.get("ResourceTags") or []
        excluded = rule.get("ExcludeResourceTags") or []
        if wanted and not any(_tag_matches(t, tags) for t in wanted):
            continue
        if excluded and any(_tag_matches(t, tags) for t in excluded):
            continue
        days = rule["RetentionPeriod"]["RetentionPeriodValue"]
        best = days if best is None else max(best, days)
    return best


def _tag_matches(rule_tag, tags):
    key = rule_tag.get("ResourceTagKey")
    value = rule_tag.get("ResourceTagValue")
    return key in tags and (value is None or value == "" or tags[key] == value)


def put_in_recycle_bin(backend, kind, resource, tags, days):
    import datetime

    enter = utcnow()
    recycle_bin(backend, kind)[resource.id] = {
        "resource": resource, "tags": dict(tags), "enter": enter, "exit": enter + datetime.timedelta(days=days)}


def take_from_recycle_bin(backend, kind, resource_id):
    """The entry of ``resource_id`` removed from the bin (None when it is not there or expired)."""
    entry = recycle_bin(backend, kind).pop(resource_id, None)
    if entry is None or reached(entry["exit"]):
        return None
    return entry


def in_recycle_bin(backend, kind):
    """The bin's live entries (expired ones are gone for good)."""
    box = recycle_bin(backend, kind)
    for resource_id in [i for i, e in box.items() if reached(e["exit"])]:
        box.pop(resource_id)
    return box


_RECOVERING = "_labkit_recovering_until"


def start_recovering(snapshot):
    """A snapshot restored from the Recycle Bin is ``recovering`` for LABKIT_SNAPSHOT_SECONDS."""
    snapshot.__dict__[_RECOVERING] = deadline(utcnow())


def recovering(snapshot):
    until = snapshot.__dict__.get(_RECOVERING)
    return until is not None and not reached(until)


_RESOURCE_TYPES = {"snapshots": "EBS_SNAPSHOT", "images": "EC2_IMAGE"}


def keep_if_a_rule_covers(backend, kind, resource, tags):
    """On delete: put ``resource`` (a snapshot or an AMI) in the Recycle Bin when a retention rule of
    its region covers it; True when it went there (the caller still removes it from the account)."""
    days = retention_days(backend, _RESOURCE_TYPES[kind], tags or {})
    if days is None:
        return False
    put_in_recycle_bin(backend, kind, resource, tags or {}, days)
    return True
