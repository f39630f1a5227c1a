"""Row 4 of docs/local-aws-differences.md: describe-snapshots --owner self lists only your own snapshots."""

import json


def test_contract_gap04_owner_self_lists_only_own_snapshots(account, own_snapshot):
    """AWS: `describe-snapshots` takes `--owner-ids self` and then lists only your own snapshots
    (docs/aws-behaviour.md, "AMIs"); a new account has none, not the snapshots behind public AMIs.

    Relies on labkit fix snapshots (DescribeSnapshots OwnerIds and visibility).
    """
    lab = account
    assert lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"] == []
    assert lab.ec2.describe_snapshots()["Snapshots"] == []  # public AMIs' snapshots are not yours
    mine = own_snapshot("mío")["SnapshotId"]
    listed = lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]
    assert [s["SnapshotId"] for s in listed] == [mine]
    assert listed[0]["OwnerId"] == lab.account_id
    assert lab.ec2.describe_snapshots(OwnerIds=["137112412989"])["Snapshots"] == []  # amazon's: private


def test_contract_gap04_cli_describe_snapshots_owner_self(account, own_snapshot, cli):
    """Course FAQ, verbatim: `aws ec2 describe-snapshots --owner self` lists only the student's
    snapshots (`--owner` abbreviates `--owner-ids`, docs/aws-behaviour.md "AMIs"; the empty account is
    checked through boto3 in the previous test).

    Relies on labkit fix snapshots (DescribeSnapshots OwnerIds).
    """
    mine = own_snapshot("del estudiante")["SnapshotId"]
    listed = json.loads(cli("aws ec2 describe-snapshots --owner self").stdout)["Snapshots"]
    assert [s["SnapshotId"] for s in listed] == [mine]  # not the ~1300 (here 6) behind public AMIs
