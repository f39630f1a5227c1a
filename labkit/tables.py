"""pandas views of what the EC2 console lists: instances, volumes, snapshots and AMIs.

Column names are the console's (English, as AWS shows them). Used by every lesson notebook
and by ``labkit.console``.
"""

import pandas as pd

from .safety import name_of


def _frame(rows, columns):
    return pd.DataFrame(rows, columns=columns)


INSTANCE_COLUMNS = ["Name", "Instance ID", "Instance state", "Instance type", "Availability Zone",
                    "Private IP address", "Public IPv4 address", "AMI ID"]


def instances(lab):
    """Instances (Instances page). Terminated ones are left out, as the console does after a while."""
    rows = []
    for reservation in lab.ec2.describe_instances()["Reservations"]:
        for inst in reservation["Instances"]:
            if inst["State"]["Name"] == "terminated":
                continue
            rows.append([
                name_of(inst.get("Tags")), inst["InstanceId"], inst["State"]["Name"], inst["InstanceType"],
                inst["Placement"]["AvailabilityZone"], inst.get("PrivateIpAddress", ""),
                inst.get("PublicIpAddress", "–"), inst["ImageId"],
            ])
    return _frame(sorted(rows), INSTANCE_COLUMNS)


VOLUME_COLUMNS = ["Name", "Volume ID", "Type", "Size", "Snapshot", "Volume state", "Attached resources",
                  "Encryption"]


def volumes(lab):
    """Volumes (Volumes page), with the snapshot each one was created from (``SnapshotId``)."""
    rows = []
    for vol in lab.ec2.describe_volumes()["Volumes"]:
        attached = ", ".join(f"{a['InstanceId']} ({a['Device']})" for a in vol.get("Attachments", []))
        rows.append([
            name_of(vol.get("Tags")), vol["VolumeId"], vol["VolumeType"], f"{vol['Size']} GiB",
            vol.get("SnapshotId") or "–", vol["State"], attached or "–",
            "Encrypted" if vol.get("Encrypted") else "Not encrypted",
        ])
    return _frame(sorted(rows), VOLUME_COLUMNS)


SNAPSHOT_COLUMNS = ["Name", "Snapshot ID", "Volume size", "Description", "Snapshot status", "Progress",
                    "Volume ID", "Encryption"]


def snapshots(lab, owner="self"):
    """Snapshots (Snapshots page: "Owned by me" when owner='self')."""
    rows = []
    for snap in lab.ec2.describe_snapshots(OwnerIds=[owner])["Snapshots"]:
        rows.append([
            name_of(snap.get("Tags")), snap["SnapshotId"], f"{snap['VolumeSize']} GiB",
            snap.get("Description", ""), snap["State"], snap.get("Progress", ""), snap.get("VolumeId", "–"),
            "Encrypted" if snap.get("Encrypted") else "Not encrypted",
        ])
    return _frame(sorted(rows, key=lambda r: (r[0], r[3], r[1])), SNAPSHOT_COLUMNS)


IMAGE_COLUMNS = ["AMI name", "AMI ID", "Owner", "Owner alias", "Visibility", "Status", "Architecture",
                 "Root device name", "Snapshot"]


def images(lab, owners=("self",)):
    """AMIs (AMIs page: "Owned by me" with owners=('self',); owners=None lists every image)."""
    kwargs = {"Owners": list(owners)} if owners else {}
    rows = []
    for img in lab.ec2.describe_images(**kwargs)["Images"]:
        snaps = [m["Ebs"]["SnapshotId"] for m in img.get("BlockDeviceMappings", []) if "Ebs" in m]
        rows.append([
            img.get("Name", ""), img["ImageId"], img.get("OwnerId", ""), img.get("ImageOwnerAlias", "–"),
            "Public" if img.get("Public") else "Private", img["State"], img.get("Architecture", ""),
            img.get("RootDeviceName", ""), ", ".join(snaps) or "–",
        ])
    return _frame(sorted(rows), IMAGE_COLUMNS)
