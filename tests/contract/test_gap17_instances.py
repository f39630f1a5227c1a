"""Row 17 of docs/local-aws-differences.md: an instance as AWS describes it (the AWS CLI's documented
run-instances and describe-instances answers), partition placement groups, instance-store mappings."""

import json
import re
from pathlib import Path

import awscli

EXAMPLES = Path(awscli.__file__).parent / "examples" / "ec2"


def documented_instance(command):
    """The first instance of the first documented output of ``aws ec2 <command>`` (installed awscli)."""
    text = (EXAMPLES / f"{command}.rst").read_text(encoding="utf-8")
    block = text.split("Output::", 1)[1].split("**Example", 1)[0]
    answer = json.loads(re.sub(r"For more information.*", "", block, flags=re.S))
    return (answer["Reservations"][0] if "Reservations" in answer else answer)["Instances"][0]


def test_contract_gap17_an_instance_has_the_settings_aws_reports(account, launch):
    """AWS: describe-instances reports CPU options, capacity reservation, hibernation, enclave and
    maintenance options, DNS name options, platform details and usage operation of every instance
    (awscli/examples/ec2/describe-instances.rst example 1; docs/aws-behaviour.md, "Instances"); with no
    security group asked for, the instance is in its VPC's default group; the interface RunInstances
    made has no description, is deleted with the instance and its address has a DNS name.

    Relies on labkit fix instances.
    """
    ec2 = account.ec2
    instance_id = launch()
    got = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    documented = documented_instance("describe-instances")
    for key in ("CpuOptions", "CapacityReservationSpecification", "HibernationOptions", "EnclaveOptions",
                "MaintenanceOptions", "PrivateDnsNameOptions", "PlatformDetails", "UsageOperation",
                "UsageOperationUpdateTime"):
        assert key in documented and key in got, key
    assert got["CpuOptions"] == {"CoreCount": 1, "ThreadsPerCore": 2}  # t3.micro: 2 vCPUs, 1 core
    assert got["CapacityReservationSpecification"] == documented["CapacityReservationSpecification"]
    assert got["HibernationOptions"] == documented["HibernationOptions"] == {"Configured": False}
    assert got["EnclaveOptions"] == documented["EnclaveOptions"]
    assert got["MaintenanceOptions"]["AutoRecovery"] == documented["MaintenanceOptions"]["AutoRecovery"]
    assert (got["PlatformDetails"], got["UsageOperation"]) == ("Linux/UNIX", "RunInstances")
    vpc = got["VpcId"]
    default = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                    {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]
    assert got["SecurityGroups"] == [{"GroupName": "default", "GroupId": default["GroupId"]}]
    eni = got["NetworkInterfaces"][0]
    assert (eni["Description"], eni["Attachment"]["DeleteOnTermination"]) == ("", True)
    assert eni["PrivateIpAddresses"][0]["PrivateDnsName"] == got["PrivateDnsName"]


def test_contract_gap17_run_instances_answers_a_launching_instance(account):
    """AWS: run-instances answers the instance `pending`, with StateReason pending, metadata options
    pending, its interface `attaching` and `"Tags": []` (awscli/examples/ec2/run-instances.rst example 1).

    Relies on labkit fixes volumes (RunInstances answer) and instances.
    """
    from labkit import scenario

    ec2 = account.ec2
    got = ec2.run_instances(ImageId=scenario.base_image_id(account), InstanceType="t2.micro",
                            MinCount=1, MaxCount=1)["Instances"][0]
    documented = documented_instance("run-instances")
    assert got["StateReason"] == documented["StateReason"] == {"Code": "pending", "Message": "pending"}
    assert got["MetadataOptions"]["State"] == documented["MetadataOptions"]["State"] == "pending"
    assert got["NetworkInterfaces"][0]["Attachment"]["Status"] == "attaching"
    assert got["Tags"] == documented["Tags"] == []
    assert got["CpuOptions"] == documented["CpuOptions"] == {"CoreCount": 1, "ThreadsPerCore": 1}  # t2.micro


def test_contract_gap17_partition_placement_group(account, aws_error):
    """AWS: an instance launched into a partition placement group reports its group and partition
    (describe-instances examples 11-12: `Placement.GroupName`, `PartitionNumber`, filters
    `placement-group-name` and `placement-partition-number`); without a partition number AWS spreads
    the instances over the partitions; an unknown group is `InvalidPlacementGroup.Unknown`.

    Relies on labkit fix instances (placement groups).
    """
    from labkit import scenario

    ec2 = account.ec2
    image = scenario.base_image_id(account)
    ec2.create_placement_group(GroupName="HDFS-Group-A", Strategy="partition", PartitionCount=3)
    group = ec2.describe_placement_groups(GroupNames=["HDFS-Group-A"])["PlacementGroups"][0]
    assert (group["Strategy"], group["PartitionCount"], group["State"]) == ("partition", 3, "available")

    def run(**placement):
        return ec2.run_instances(ImageId=image, InstanceType="r4.large", MinCount=1, MaxCount=1, Placement={
            "GroupName": "HDFS-Group-A", **placement})["Instances"][0]["InstanceId"]

    chosen = run(PartitionNumber=3)
    spread = [run(), run()]
    placements = {i["InstanceId"]: i["Placement"] for r in ec2.describe_instances(Filters=[
        {"Name": "placement-group-name", "Values": ["HDFS-Group-A"]}])["Reservations"] for i in r["Instances"]}
    assert placements[chosen]["PartitionNumber"] == 3
    assert sorted(placements[i]["PartitionNumber"] for i in spread) == [1, 2]
    in_three = ec2.describe_instances(Filters=[{"Name": "placement-partition-number", "Values": ["3"]}])
    assert [i["InstanceId"] for r in in_three["Reservations"] for i in r["Instances"]] == [chosen]
    code, message, _ = aws_error(ec2.run_instances, ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                 Placement={"GroupName": "no-such-group"})
    assert (code, message) == ("InvalidPlacementGroup.Unknown", "The Placement Group 'no-such-group' is unknown.")


def test_contract_gap17_instance_store_mapping_is_accepted(account):
    """AWS: a block device mapping may name an instance store volume (`VirtualName`, no `Ebs`;
    run-instances example 3's mapping.json); an EBS-only instance type gets no volume for it.

    Relies on labkit fixes instances (the request's check) and volumes (launch mappings).
    """
    from labkit import scenario

    ec2 = account.ec2
    instance_id = ec2.run_instances(ImageId=scenario.base_image_id(account), InstanceType="t2.micro", MinCount=1,
                                    MaxCount=1, BlockDeviceMappings=[{"DeviceName": "/dev/sdc",
                                                                      "VirtualName": "ephemeral1"}])["Instances"][0]
    volumes = ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [instance_id["InstanceId"]]}])
    assert [a["Device"] for v in volumes["Volumes"] for a in v["Attachments"]] == ["/dev/xvda"]
