"""One local AWS for a whole class, one account per student (what classroom/ runs): the access key
LABKIT<account> selects the account for boto3 and for the AWS CLI, accounts do not see each
other's resources, and resetting one student's account leaves the others alone."""

import json
import os
import subprocess
import sys

import boto3
import pytest

from labkit import local_aws, scenario
from labkit.lab import Lab

ANA, BRUNO = "900000000001", "900000000002"


@pytest.fixture(scope="module")
def class_aws():
    server = local_aws.start(0)
    yield server
    server.stop()


def lab_of(server, account):
    session = boto3.Session(aws_access_key_id=local_aws.account_key(account), aws_secret_access_key="testing",
                            region_name="us-east-1")
    return Lab("mock", "us-east-1", account, f"arn:aws:sts::{account}:user/moto", server.endpoint, session)


def cli(server, account, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "LABKIT_"))}
    env.update(AWS_ACCESS_KEY_ID=local_aws.account_key(account), AWS_SECRET_ACCESS_KEY="testing",
               AWS_DEFAULT_REGION="us-east-1", AWS_ENDPOINT_URL=server.endpoint,
               AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull)
    out = subprocess.run([sys.executable, "-m", "awscli", *args, "--output", "json"], capture_output=True,
                         text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def snapshot_in(lab):
    found = scenario.ensure(lab)
    volume = lab.ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id",
                                                "Values": [found.private_instance_id]}])["Volumes"][0]["VolumeId"]
    return lab.ec2.create_snapshot(VolumeId=volume, Description="mío")["SnapshotId"]


def mine(lab):
    return {s["SnapshotId"] for s in lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]}


def test_each_student_has_their_own_account_on_one_local_aws(class_aws):
    ana, bruno = lab_of(class_aws, ANA), lab_of(class_aws, BRUNO)
    snap_a, snap_b = snapshot_in(ana), snapshot_in(bruno)
    assert mine(ana) == {snap_a} and mine(bruno) == {snap_b}
    default = lab_of(class_aws, local_aws.ACCOUNT_ID)
    default.session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                    region_name="us-east-1")
    assert not ({snap_a, snap_b} & mine(default)), "a student's snapshot is in moto's default account"
    # The course page's CLI commands, verbatim, land in the same account as boto3.
    assert cli(class_aws, ANA, "sts", "get-caller-identity")["Account"] == ANA
    listed = cli(class_aws, ANA, "ec2", "describe-snapshots", "--owner", "self")["Snapshots"]
    assert [s["SnapshotId"] for s in listed] == [snap_a]
    assert {s["OwnerId"] for s in listed} == {ANA}


def test_resetting_one_account_leaves_the_others_alone(class_aws):
    ana, bruno = lab_of(class_aws, "900000000011"), lab_of(class_aws, "900000000012")
    snap_a, snap_b = snapshot_in(ana), snapshot_in(bruno)
    assert local_aws.reset(class_aws.endpoint, ana.account_id)
    assert mine(ana) == set() and scenario.find(ana) is None
    assert mine(bruno) == {snap_b}
    assert snap_a not in mine(bruno)
    scenario.ensure(ana)  # the course's start again, in that account only
    assert scenario.find(ana) is not None


def test_a_students_labkit_reset_resets_their_account_only(class_aws):
    ana, bruno = lab_of(class_aws, "900000000021"), lab_of(class_aws, "900000000022")
    snap_a, snap_b = snapshot_in(ana), snapshot_in(bruno)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "LABKIT_"))}
    env.update(LABKIT_ENDPOINT=class_aws.endpoint, LABKIT_ACCOUNT=ana.account_id)  # what the hub gives ana
    out = subprocess.run([sys.executable, "-m", "labkit", "reset"], capture_output=True, text=True, env=env,
                         timeout=120)
    assert out.returncode == 0 and "escenario del curso listo" in out.stdout, out.stderr
    assert snap_a not in mine(ana) and scenario.find(ana) is not None
    assert mine(bruno) == {snap_b}, "ana's reset emptied bruno's account"


# --- a student's server asks the class's AWS for its account (classroom/singleuser.py) ---------

@pytest.fixture(scope="module")
def serving_class():
    """The class's local AWS as `python -m labkit serve` runs it for the hub."""
    from labkit import serve

    server = local_aws.start(0, wrap=serve.preparing_accounts)
    yield server
    server.stop()


def prepare(server, account):
    import urllib.request

    req = urllib.request.Request(f"{server.endpoint}/labkit/prepare-account/{account}", data=b"", method="POST")
    with urllib.request.urlopen(req, timeout=120) as resp:
        return json.loads(resp.read())


def kit_vpcs(lab):
    return lab.ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [scenario.NAMES["vpc"]]}])["Vpcs"]


def test_preparing_an_account_builds_the_course_there_and_answers_its_environment(serving_class):
    carla, dario = "900000000031", "900000000032"
    answer = prepare(serving_class, carla)
    assert f"cuenta {carla}" in answer["summary"] and serving_class.endpoint in answer["summary"]
    env = answer["env"]
    assert env["LABKIT_ENDPOINT"] == env["AWS_ENDPOINT_URL"] == serving_class.endpoint
    found = scenario.find(lab_of(serving_class, carla))
    assert found is not None, "the course scenario is not in the prepared account"
    assert scenario.find(lab_of(serving_class, dario)) is None, "preparing one account built another"
    # The AWS CLI (the student's `!aws` and terminal) with exactly that environment is in carla's
    # account and sees the course's instances there.
    base = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "LABKIT_"))}
    out = subprocess.run([sys.executable, "-m", "awscli", "sts", "get-caller-identity"], capture_output=True,
                         text=True, env={**base, **env}, timeout=120)
    assert out.returncode == 0 and json.loads(out.stdout)["Account"] == carla, out.stderr
    # Asking again (the student's server restarted) builds nothing new.
    prepare(serving_class, carla)
    assert scenario.find(lab_of(serving_class, carla)) == found
    assert len(kit_vpcs(lab_of(serving_class, carla))) == 1


def test_one_account_asked_for_many_times_at_once_gets_one_scenario(serving_class):
    from concurrent.futures import ThreadPoolExecutor

    account = "900000000041"
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: prepare(serving_class, account), range(4)))
    assert {a["env"]["AWS_ACCESS_KEY_ID"] for a in answers} == {local_aws.account_key(account)}
    assert len(kit_vpcs(lab_of(serving_class, account))) == 1
