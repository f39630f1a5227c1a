"""The course's starting state: a VPC with a public and a private subnet, the public and the
private instance (DEMO #16 step 3 speaks of "la instancia privada"), their root volumes, and a
data volume on the private one. Idempotent: found by tags, built only when missing.

Used by every notebook (``labkit.scenario.ensure(lab)``) and by ``python -m labkit reset``.
"""

from dataclasses import dataclass

from . import messages, safety

SCENARIO = "snapshots-y-ami"
INSTANCE_TYPE = "t3.micro"
AMI_NAME_PATTERN = "al2023-ami-2023*-x86_64"
DATA_VOLUME_GIB = 10
DATA_DEVICE = "/dev/sdf"
ROOT_GIB = 8
NAMES = {
    "vpc": "VPC del curso",
    "public_subnet": "Subred pública",
    "private_subnet": "Subred privada",
    "public": "Instancia pública",
    "private": "Instancia privada",
}
# Real-AWS cost estimate shown before building (us-east-1 on-demand list prices).
PRICE_T3_MICRO_HOUR = 0.0104
PRICE_GP3_GB_MONTH = 0.08


@dataclass(frozen=True)
class Scenario:
    """Ids of the course's starting resources."""

    vpc_id: str
    public_subnet_id: str
    private_subnet_id: str
    public_instance_id: str
    private_instance_id: str


def _filters():
    return [
        {"Name": f"tag:{safety.SCENARIO_KEY}", "Values": [SCENARIO]},
        {"Name": f"tag:{safety.OWNER_KEY}", "Values": [safety.OWNER_VALUE]},
    ]


def find(lab):
    """The scenario already in ``lab``'s account, or None."""
    vpc_id = _kit_vpc(lab)
    return _find_in(lab, vpc_id) if vpc_id else None


def _kit_vpc(lab):
    vpcs = lab.ec2.describe_vpcs(Filters=_filters())["Vpcs"]
    return vpcs[0]["VpcId"] if vpcs else None


def _find_in(lab, vpc_id):
    ec2 = lab.ec2
    subnets = ec2.describe_subnets(Filters=_filters() + [{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    by_name = {safety.name_of(s.get("Tags")): s["SubnetId"] for s in subnets}
    alive = {"Name": "instance-state-name", "Values": ["pending", "running", "stopping", "stopped"]}
    reservations = ec2.describe_instances(Filters=_filters() + [alive])["Reservations"]
    instances = {safety.name_of(i.get("Tags")): i["InstanceId"] for r in reservations for i in r["Instances"]}
    try:
        return Scenario(
            vpc_id,
            by_name[NAMES["public_subnet"]],
            by_name[NAMES["private_subnet"]],
            instances[NAMES["public"]],
            instances[NAMES["private"]],
        )
    except KeyError:
        return None


def cost_per_hour():
    """Rough USD per hour of the scenario on real AWS (2 instances + their EBS volumes)."""
    gib = 2 * ROOT_GIB + DATA_VOLUME_GIB
    return 2 * PRICE_T3_MICRO_HOUR + gib * PRICE_GP3_GB_MONTH / 730


def ensure(lab, confirm=False):
    """Return the course scenario, building whatever is missing (tagged as the kit's).

    On real AWS building needs ``confirm=True`` (it costs money); finding never does.
    """
    vpc_id = _kit_vpc(lab)
    found = _find_in(lab, vpc_id) if vpc_id else None
    if found:
        return found
    if not lab.is_mock and not confirm:
        raise messages.error(
            messages.SCENARIO_NEEDS_CONFIRM, code="LabkitConfirm", itype=INSTANCE_TYPE,
            gib=2 * ROOT_GIB + DATA_VOLUME_GIB, per_hour=f"{cost_per_hour():.3f}", region=lab.region,
        )
    return _build(lab, vpc_id)


def _tags(kind, name):
    return [safety.tag_spec(kind, name, **{safety.SCENARIO_KEY: SCENARIO})]


def base_image_id(lab):
    """The newest Amazon Linux 2023 x86_64 image owned by Amazon in this region."""
    images = lab.ec2.describe_images(
        Owners=["amazon"],
        Filters=[{"Name": "name", "Values": [AMI_NAME_PATTERN]}, {"Name": "state", "Values": ["available"]}],
    )["Images"]
    return max(images, key=lambda i: i["CreationDate"])["ImageId"]


def _build(lab, leftover_vpc_id=None):
    """Build what is missing; a kit VPC left by a half-built (or destroyed) scenario is reused
    with its kit subnets and gateway, on the local AWS and on real AWS alike."""
    ec2 = lab.ec2
    if leftover_vpc_id:
        vpc_id = leftover_vpc_id
        subnets = _clear_leftover_vpc(lab, vpc_id)
    else:
        vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=_tags("vpc", NAMES["vpc"]))["Vpc"]["VpcId"]
        subnets = {}
    zone = f"{lab.region}a"  # every region has its zone "a"; both subnets in one zone, as in the lessons
    for key, cidr in (("public_subnet", "10.0.1.0/24"), ("private_subnet", "10.0.2.0/24")):
        if key not in subnets:
            subnets[key] = ec2.create_subnet(
                VpcId=vpc_id, CidrBlock=cidr, AvailabilityZone=zone, TagSpecifications=_tags("subnet", NAMES[key])
            )["Subnet"]["SubnetId"]
    attached = ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}])
    if not attached["InternetGateways"]:
        igw = ec2.create_internet_gateway(TagSpecifications=_tags("internet-gateway", "IGW del curso"))
        igw_id = igw["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
        rtb = ec2.create_route_table(VpcId=vpc_id, TagSpecifications=_tags("route-table", "Rutas públicas"))
        rtb_id = rtb["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=rtb_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id)
        ec2.associate_route_table(RouteTableId=rtb_id, SubnetId=subnets["public_subnet"])

    image_id = base_image_id(lab)
    public = _run(lab, image_id, subnets["public_subnet"], "public", public_ip=True)
    private = _run(lab, image_id, subnets["private_subnet"], "private", data_volume=True)
    if not lab.is_mock:
        ec2.get_waiter("instance_running").wait(InstanceIds=[public, private])
    _name_data_volume(lab, private)
    return Scenario(vpc_id, subnets["public_subnet"], subnets["private_subnet"], public, private)


def _clear_leftover_vpc(lab, vpc_id):
    """The kit subnets of a leftover kit VPC, by role. On the local AWS other subnets in it are
    removed (everything there is the student's); on real AWS they are left alone."""
    subnets = lab.ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    roles = {NAMES[key]: key for key in ("public_subnet", "private_subnet")}
    kept = {}
    for subnet in subnets:
        role = roles.get(safety.name_of(subnet.get("Tags")))
        if role and safety.is_owned(subnet.get("Tags")) and role not in kept:
            kept[role] = subnet["SubnetId"]
        elif lab.is_mock:
            lab.ec2.delete_subnet(SubnetId=subnet["SubnetId"])
    return kept


def _run(lab, image_id, subnet_id, role, public_ip=False, data_volume=False):
    mappings = []
    if data_volume:
        mappings.append({"DeviceName": DATA_DEVICE, "Ebs": {"VolumeSize": DATA_VOLUME_GIB, "VolumeType": "gp3",
                                                            "DeleteOnTermination": True}})
    kwargs = {"BlockDeviceMappings": mappings} if mappings else {}
    if public_ip:
        kwargs["NetworkInterfaces"] = [{"DeviceIndex": 0, "SubnetId": subnet_id, "AssociatePublicIpAddress": True}]
    else:
        kwargs["SubnetId"] = subnet_id
    # Volumes are named "<instance> - raíz" at launch; the data volume is renamed just after.
    reservation = lab.ec2.run_instances(
        ImageId=image_id, InstanceType=INSTANCE_TYPE, MinCount=1, MaxCount=1,
        TagSpecifications=_tags("instance", NAMES[role]) + _tags("volume", f"{NAMES[role]} - raíz"),
        **kwargs,
    )
    return reservation["Instances"][0]["InstanceId"]


def _name_data_volume(lab, instance_id):
    """Name the private instance's data volume "<instance> - datos", as a student would."""
    volumes = lab.ec2.describe_volumes(Filters=[
        {"Name": "attachment.instance-id", "Values": [instance_id]},
        {"Name": "attachment.device", "Values": [DATA_DEVICE]},
    ])["Volumes"]
    lab.ec2.create_tags(
        Resources=[v["VolumeId"] for v in volumes], Tags=[{"Key": "Name", "Value": f"{NAMES['private']} - datos"}]
    )


def destroy(lab, confirm=False):
    """Remove what the kit made in ``lab``'s region: its AMIs, its snapshots, the scenario's
    instances (their volumes go with them) and its unattached volumes — only resources tagged
    ``labkit:owner=labkit``. The network (VPC, subnets, route table, gateway) stays: it costs
    nothing and the next ``ensure`` reuses it. On real AWS it needs ``confirm=True``.
    Returns True when the scenario was there. Used by teachers at the end of a real-AWS class.
    """
    from botocore.exceptions import ClientError

    found = find(lab)
    if not lab.is_mock and not confirm:
        raise messages.error(messages.DESTROY_NEEDS_CONFIRM, code="LabkitConfirm", region=lab.region)
    ec2 = lab.ec2
    kit = [{"Name": f"tag:{safety.OWNER_KEY}", "Values": [safety.OWNER_VALUE]}]
    for image in ec2.describe_images(Owners=["self"], Filters=kit)["Images"]:
        if safety.is_owned(image.get("Tags")):
            ec2.deregister_image(ImageId=image["ImageId"])
    for snap in ec2.describe_snapshots(OwnerIds=["self"], Filters=kit)["Snapshots"]:
        if safety.is_owned(snap.get("Tags")):
            try:
                ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])
            except ClientError as exc:  # used by an AMI that is not the kit's: it stays
                if exc.response["Error"]["Code"] not in ("InvalidSnapshot.InUse", "InvalidSnapshot.NotFound"):
                    raise
    alive = {"Name": "instance-state-name", "Values": ["pending", "running", "stopping", "stopped"]}
    reservations = ec2.describe_instances(Filters=kit + [alive])["Reservations"]
    instances = [i["InstanceId"] for r in reservations for i in r["Instances"] if safety.is_owned(i.get("Tags"))]
    if instances:
        ec2.terminate_instances(InstanceIds=instances)
    available = {"Name": "status", "Values": ["available"]}
    for volume in ec2.describe_volumes(Filters=kit + [available])["Volumes"]:
        if safety.is_owned(volume.get("Tags")):
            ec2.delete_volume(VolumeId=volume["VolumeId"])
    return found is not None
