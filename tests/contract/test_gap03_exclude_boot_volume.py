"""Row 3 of docs/local-aws-differences.md: CreateSnapshots(ExcludeBootVolume=True) leaves the boot volume out."""

def test_contract_gap03_create_snapshots_excludes_boot_volume(account, devices, launch):
    """AWS: Resource type Instance = `CreateSnapshots`, "one crash-consistent snapshot per attached
    volume"; `ExcludeBootVolume=true` leaves the boot volume out (docs/aws-behaviour.md, "Creating snapshots").

    Relies on labkit fix volumes.launch_mappings (the root really is at the AMI's /dev/xvda).
    """
    lab = account
    instance_id = launch(data_volume=True)  # like the scenario's private instance
    volumes = devices(lab, instance_id)

    every = lab.ec2.create_snapshots(InstanceSpecification={"InstanceId": instance_id})["Snapshots"]
    assert sorted(s["VolumeId"] for s in every) == sorted(v["VolumeId"] for v in volumes.values())
    assert "/dev/xvda" in volumes and len(every) == 2

    data_only = lab.ec2.create_snapshots(
        InstanceSpecification={"InstanceId": instance_id, "ExcludeBootVolume": True}
    )["Snapshots"]
    assert [s["VolumeId"] for s in data_only] == [volumes["/dev/sdf"]["VolumeId"]]


def test_contract_gap03_create_snapshots_answers_each_state(lab, monkeypatch):
    """AWS: CreateSnapshots answers one SnapshotInfo per volume with its `State` (`pending` at
    first; docs/aws-behaviour.md, "Creating snapshots"). moto 5.2.5 leaves State out (the CLI prints None).

    Relies on labkit fix snapshots (`state` of moto's Snapshot, the SnapshotInfo member).
    """
    from labkit import scenario

    monkeypatch.setenv("LABKIT_SNAPSHOT_SECONDS", "5")
    found = scenario.ensure(lab)
    answer = lab.ec2.create_snapshots(InstanceSpecification={"InstanceId": found.private_instance_id})
    assert [s.get("State") for s in answer["Snapshots"]] == ["pending", "pending"]
