"""Row 8 of docs/local-aws-differences.md: copy-snapshot --encrypted encrypts with alias/aws/ebs."""

import re


def test_contract_gap08_copy_snapshot_encrypted_default_key(account, own_snapshot, aws_error):
    """AWS: "An unencrypted snapshot cannot be encrypted in place: copy it (`copy-snapshot
    --encrypted [--kms-key-id …]`); `--kms-key-id` requires `--encrypted`. Volumes from an
    encrypted snapshot are encrypted"; the default key is `alias/aws/ebs` (docs/aws-behaviour.md,
    "Encryption and sharing").

    Relies on labkit fix encryption.copy_snapshot (and volumes.create_volume for the volume).
    """
    lab = account
    source = own_snapshot("sin cifrar")
    assert source["Encrypted"] is False
    copy_id = lab.ec2.copy_snapshot(SourceSnapshotId=source["SnapshotId"], SourceRegion=lab.region,
                                    Encrypted=True, Description="copia cifrada")["SnapshotId"]
    copy = lab.ec2.describe_snapshots(SnapshotIds=[copy_id])["Snapshots"][0]
    ebs_key = lab.client("kms").describe_key(KeyId="alias/aws/ebs")["KeyMetadata"]["Arn"]
    assert copy["Encrypted"] is True
    assert copy["KmsKeyId"] == ebs_key
    assert re.fullmatch(rf"arn:aws:kms:{lab.region}:{lab.account_id}:key/[0-9a-f-]+", ebs_key)

    code, message, _ = aws_error(lab.ec2.copy_snapshot, SourceSnapshotId=source["SnapshotId"],
                                 SourceRegion=lab.region, KmsKeyId="alias/aws/ebs")
    assert code == "InvalidParameterDependency"
    assert message == "The parameter KmsKeyId requires the parameter Encrypted to be set."

    volume = lab.ec2.create_volume(SnapshotId=copy_id, AvailabilityZone=f"{lab.region}a")
    assert volume["Encrypted"] is True and volume["KmsKeyId"] == ebs_key
