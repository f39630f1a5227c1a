"""The course's starting state: public and private instance, idempotent, tagged."""

from labkit import safety, scenario, tables


def test_scenario_is_idempotent(lab):
    first = scenario.ensure(lab)
    second = scenario.ensure(lab)
    assert first == second
    names = set(tables.instances(lab)["Name"])
    assert names == {"Instancia pública", "Instancia privada"}


def test_everything_is_tagged_as_the_kits(lab):
    found = scenario.ensure(lab)
    for rid in (found.vpc_id, found.public_subnet_id, found.private_subnet_id,
                found.public_instance_id, found.private_instance_id):
        tags = lab.ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [rid]}])["Tags"]
        assert safety.is_owned(tags), rid


def test_private_instance_has_a_data_volume(lab):
    found = scenario.ensure(lab)
    vols = lab.ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [found.private_instance_id]}])["Volumes"]
    devices = {v["Attachments"][0]["Device"] for v in vols}
    assert "/dev/sdf" in devices


def test_public_instance_has_public_ip_private_does_not(lab):
    frame = tables.instances(lab).set_index("Name")
    assert frame.loc["Instancia pública", "Public IPv4 address"] != "–"
    assert frame.loc["Instancia privada", "Public IPv4 address"] == "–"


def test_images_table_shows_foreign_owners_without_owners_filter(lab):
    everything = tables.images(lab, owners=None)
    assert {"amazon", "aws-marketplace"} <= set(everything["Owner alias"])
    assert (everything["Owner"] != lab.account_id).all()
    assert tables.images(lab).empty  # --owners self: nothing before the student makes an image


def test_every_volume_is_named_after_its_instance_and_role(lab):
    found = scenario.ensure(lab)
    vols = lab.ec2.describe_volumes()["Volumes"]
    names = sorted(safety.name_of(v.get("Tags")) for v in vols)
    assert names == ["Instancia privada - datos", "Instancia privada - raíz", "Instancia pública - raíz"]
    for volume in vols:
        assert safety.is_owned(volume["Tags"]), volume["VolumeId"]
    data = [v for v in vols if safety.name_of(v["Tags"]).endswith("datos")][0]
    assert data["Attachments"][0]["InstanceId"] == found.private_instance_id
    assert data["Attachments"][0]["Device"] == "/dev/sdf"


def test_both_subnets_share_one_zone(lab):
    found = scenario.ensure(lab)
    subnets = lab.ec2.describe_subnets(SubnetIds=[found.public_subnet_id, found.private_subnet_id])["Subnets"]
    assert {s["AvailabilityZone"] for s in subnets} == {f"{lab.region}a"}


def test_a_half_built_scenario_is_completed_in_its_own_vpc(account):
    vpc_id = account.ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=scenario._tags("vpc", "VPC del curso"))[
        "Vpc"]["VpcId"]
    account.ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.1.0/24", AvailabilityZone=f"{account.region}a")
    found = scenario.ensure(account)
    assert found.vpc_id == vpc_id
    assert scenario.find(account) == found
    kit_vpcs = account.ec2.describe_vpcs(Filters=scenario._filters())["Vpcs"]
    assert [v["VpcId"] for v in kit_vpcs] == [vpc_id]


def test_lesson_begin_cleans_what_an_interrupted_lesson_08_left(account):
    """Lesson 08 stopped halfway (a Recycle Bin rule and a locked snapshot left behind): on the
    local AWS, ``lesson.begin`` removes the lesson's rule first (so its snapshots are deleted for
    good, not kept in the bin) and unlocks its governance-locked snapshot to delete it."""
    from labkit import actions, lesson

    ec2 = account.ec2
    volume = ec2.create_volume(Size=1, AvailabilityZone=f"{account.region}a")["VolumeId"]
    snap = actions.create_snapshot(account, volume, "08 · prueba de archivo")
    ec2.lock_snapshot(SnapshotId=snap, LockMode="governance", LockDuration=1)
    rbin = account.client("rbin")
    rbin.create_rule(ResourceType="EBS_SNAPSHOT", Description="08 · papelera",
                     RetentionPeriod={"RetentionPeriodValue": 7, "RetentionPeriodUnit": "DAYS"})
    other = rbin.create_rule(ResourceType="EC2_IMAGE", Description="de otra persona",
                             RetentionPeriod={"RetentionPeriodValue": 1, "RetentionPeriodUnit": "DAYS"})
    lesson.begin(account, snapshot_descriptions=["08 · prueba de archivo"], recycle_bin_rules=["08 · papelera"])
    assert ec2.describe_snapshots(OwnerIds=["self"], Filters=[
        {"Name": "description", "Values": ["08 · prueba de archivo"]}])["Snapshots"] == []
    assert rbin.list_rules(ResourceType="EBS_SNAPSHOT")["Rules"] == []
    assert [r["Identifier"] for r in rbin.list_rules(ResourceType="EC2_IMAGE")["Rules"]] == [other["Identifier"]]
    assert ec2.list_snapshots_in_recycle_bin()["Snapshots"] == []
