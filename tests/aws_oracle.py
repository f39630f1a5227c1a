"""The AWS CLI's own documented EC2 examples as an oracle for the local AWS.

The installed awscli ships, for every command, examples with the output real AWS gave
(``awscli/examples/ec2/<command>.rst``: the command, then ``Output::`` and the JSON). Nobody on
this project wrote them. For each example this module:

1. resets the local account and creates what the command's ids refer to (an instance, a volume,
   a snapshot, an AMI, a KMS key alias…), then puts the new ids in place of the documented ones;
2. runs the command with the AWS CLI (in this process, ``awscli.clidriver``), as a student would;
3. compares the answer with the documented output: every documented key present, the same JSON
   types, and the same value for states, booleans, defaults (``""``, ``[]``) and what the
   command itself asked for; ids, times, owners and free text are compared by type only; an
   id the command named must come back as the id it stands for;
4. checks no answer is an HTTP 500.

``QUIRKS`` lists the few places where the documentation itself cannot be run as printed, each
with its reason; nothing else is skipped. Used by tests/test_aws_oracle.py and bench/oracle.py;
``python tests/aws_oracle.py`` starts its own local AWS and prints the score.
"""

import contextlib
import dataclasses
import io
import json
import os
import pathlib
import re
import shlex
import sys
from dataclasses import dataclass, field

import awscli

EXAMPLES_DIR = pathlib.Path(awscli.__file__).parent / "examples" / "ec2"

# EC2 commands the lessons (tools/src), the console widgets (labkit.console, labkit.actions), the
# checks (labkit.checks) and the sharing/encryption helpers use: every example must match.
COURSE = (
    "copy-image", "copy-snapshot", "create-image", "create-snapshot", "create-snapshots", "create-tags",
    "create-volume", "delete-snapshot", "delete-volume", "deregister-image", "describe-images",
    "describe-instances", "describe-snapshot-attribute", "describe-snapshots", "describe-tags",
    "describe-volumes", "modify-snapshot-attribute", "register-image", "reset-snapshot-attribute",
    "get-ebs-default-kms-key-id", "get-ebs-encryption-by-default", "enable-ebs-encryption-by-default",
    "disable-ebs-encryption-by-default", "run-instances", "terminate-instances", "detach-volume",
)
# The rest of the EC2 volume, snapshot, image, tag and EBS-encryption commands.
_FAMILY = re.compile(r"(volume|snapshot|image|tags|-ebs-)")

# "command#n" -> why the documented example cannot be compared exactly as printed (applied as said).
QUIRKS = {
    "copy-snapshot#1": "the documented answer gives the new copy the source snapshot's id; a copy has a new id "
                       "(the answer's id is checked as a new snap- id)",
    "copy-snapshot#2": "the documented answer gives the new copy the source snapshot's id; a copy has a new id "
                       "(the answer's id is checked as a new snap- id)",
    "create-tags#3": "written for the Windows command prompt (^ continuations, cmd quoting of [Group]); "
                     "the same tag is created by the page's Linux example",
    "create-tags#4": "written for PowerShell (` continuations, \\\" quoting); the same tag is created by the "
                     "page's Linux example",
    "describe-instances#9": "written for the Windows command prompt (^ continuations); the same --query runs "
                            "in the page's Linux example",
    "describe-instances#12": "written for the Windows command prompt (^ continuations), table output",
    "describe-snapshots#1": "the documented answer's SnapshotId is not the id the command asks for; read as "
                            "that snapshot",
    "disable-image#1": 'the documented answer prints "Return": "true" (a string); Return is a boolean in the '
                       "EC2 API model and the CLI prints true",
    "enable-image#1": 'the documented answer prints "Return": "true" (a string); Return is a boolean in the '
                      "EC2 API model and the CLI prints true",
    "describe-tags#7": "the documented answer prints null for an empty tag value; Value is a string in the EC2 "
                       "API model, and the CLI prints the empty string AWS sends",
    "describe-snapshot-tier-status#1": "the documented answer names LastTieringOperationState; the EC2 API model "
                                       "(and AWS's answer) names it LastTieringOperationStatus; read as that",
    "list-snapshots-in-recycle-bin#1": "the documented answer's list is SnapshotRecycleBinInfo; the EC2 API model "
                                       "(and the CLI) name it Snapshots; read as that",
}
QUIRKS["run-instances#1"] = (
    'the documented answer prints "ClientToken": ""; the CLI always sends one (botocore fills RunInstances\' '
    "ClientToken, an idempotencyToken in the EC2 API model) and AWS echoes it, as describe-instances example 1 "
    "prints: compared by type")
# QUIRKS that cannot be run at all (the page's own Linux example runs the same request).
NOT_RUN = ("create-tags#3", "create-tags#4", "describe-instances#9", "describe-instances#12")
_MALFORMED = "the documented output is not valid JSON ({}); read as the JSON it means"
QUIRKS.update({
    "create-snapshots#1": _MALFORMED.format("an elided '...' line, a trailing comma"),
    "create-snapshots#2": _MALFORMED.format("an elided '...' line"),
    "describe-snapshots#2": _MALFORMED.format("an unclosed string, an elided '...' line, a trailing comma"),
    "describe-snapshots#6": _MALFORMED.format("a trailing comma"),
    "describe-volumes#1": _MALFORMED.format("an unclosed string"),
    "describe-image-attribute#1": _MALFORMED.format("a trailing comma"),
    "describe-image-attribute#2": _MALFORMED.format("a trailing comma"),
    "describe-export-image-tasks#1": _MALFORMED.format("a missing comma"),
    "disable-fast-snapshot-restores#1": _MALFORMED.format("a missing comma"),
    "enable-fast-snapshot-restores#1": _MALFORMED.format("a missing comma"),
    "export-image#1": _MALFORMED.format("a missing comma"),
    "import-snapshot#1": _MALFORMED.format("a missing comma") + '; and it prints "DiskImageSize": "0.0", a '
                         "string, where the EC2 API model has a Double (the CLI prints 0.0): compared as a number",
    "describe-import-snapshot-tasks#1": 'the documented answer prints "DiskImageSize": "705638400.0", a string, '
                                        "where the EC2 API model has a Double: compared as a number",
    "describe-store-image-tasks#1": 'the documented answer prints "StoreTaskFailureReason": null; the EC2 API '
                                    "model has a string, absent while the task has not failed: not compared",
    "describe-instances#14": "the documented output is a fragment (\"only the relevant information\": two "
                             "instances' ids, types and placements, brackets unbalanced); compared as the "
                             "Reservations answer it is part of",
})
# Documented outputs that are fragments of an answer, as the whole answer they belong to.
FRAGMENTS = {
    "describe-instances#14": ({"Reservations": [{"Instances": [
        {"InstanceId": "i-0123a456700123456", "InstanceType": "r4.large", "Placement": {
            "AvailabilityZone": "us-east-1c", "GroupName": "HDFS-Group-A", "PartitionNumber": 7, "Tenancy": "default"}},
        {"InstanceId": "i-9876a543210987654", "InstanceType": "r4.large", "Placement": {
            "AvailabilityZone": "us-east-1c", "GroupName": "HDFS-Group-A", "PartitionNumber": 7, "Tenancy": "default"}},
    ]}]}, "a fragment of the output"),
}
# Ways a documented command is written that this process cannot run verbatim, fixed as described
# (reported per example in Example.fixed): Windows cmd (^) and PowerShell (`) line continuations,
# a forgotten trailing backslash, and file:// arguments whose contents the page shows.


@dataclass
class Example:
    command: str            # e.g. "create-volume"
    number: int             # 1-based, in the order of the .rst file
    title: str
    argv: list              # ["ec2", "create-volume", ...] after the documented fixes of QUIRKS
    output: object = None   # the documented JSON (None: the doc shows none)
    raw_output: str = ""    # the documented output as printed
    fixed: str = ""         # the quirk applied, if any
    repaired: str = ""      # what was wrong with the documented JSON ("" if it is valid)
    files: dict = field(default_factory=dict)  # file:// arguments whose contents the page shows
    variant: int = 0        # 2, 3…: the same command with the page's next contents of a file it names

    @property
    def key(self):
        return f"{self.command}#{self.number}" + (f".{self.variant}" if self.variant else "")


@dataclass
class Result:
    example: Example
    status: str                      # match | differ | fail
    differences: list = field(default_factory=list)
    http_500: bool = False
    output: object = None
    stderr: str = ""


# --- reading the documentation --------------------------------------------------------------

def _literal_blocks(text):
    """(title, marker line, dedented block) for every ``::`` literal block of an .rst file."""
    import textwrap

    lines = text.splitlines()
    i, title, blocks = 0, "", []
    while i < len(lines):
        line = lines[i]
        heading = re.match(r"^\*\*(.+)\*\*\s*$", line.strip())
        if heading and not line.startswith((" ", "\t")):
            title = heading.group(1)
        if line.rstrip().endswith("::"):
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            body = []
            while j < len(lines) and (not lines[j].strip() or lines[j].startswith((" ", "\t"))):
                body.append(lines[j])
                j += 1
            blocks.append((title, line.strip(), textwrap.dedent("\n".join(body)).strip()))
            i = j
            continue
        i += 1
    return blocks


def _command_lines(block):
    """One shell command from a documented block: backslash continuations joined; an indented
    ``--option`` line after a line that forgot its backslash is joined too (reported as a quirk)."""
    lines = block.splitlines()
    joined, forgot = lines[0].rstrip(), False
    for line in lines[1:]:
        stripped = line.strip()
        if not stripped:
            continue
        if joined.endswith(("\\", " ^", " `")):
            joined = joined[:-1].rstrip() + " " + stripped
        elif stripped.startswith("--"):
            joined += " " + stripped
            forgot = True
        else:
            break
    return joined, forgot


def read_examples(command):
    """The documented examples of ``aws ec2 <command>``, in file order."""
    path = EXAMPLES_DIR / f"{command}.rst"
    examples = []
    for title, marker, body in _literal_blocks(path.read_text(encoding="utf-8")):
        if body.startswith("aws "):
            line, forgot = _command_lines(body)
            windows = "^" in body.split() or "`" in body.split()
            argv = shlex.split(line.replace('\\"', '"') if windows else line)[1:]
            ex = Example(command, len({e.number for e in examples}) + 1, title, argv)
            if forgot:
                ex.fixed = "a line of the command lacks its trailing backslash; joined as the text intends"
            if windows:
                ex.fixed = "written for Windows cmd/PowerShell: its line continuations and quote escapes undone"
            examples.append(ex)
            continue
        if examples and any(arg == f"file://{name}" or arg.endswith(f"file://{name}")
                            for arg in examples[-1].argv for name in re.findall(r"[\w.-]+\.\w+", marker)):
            name = next(n for n in re.findall(r"[\w.-]+\.\w+", marker) if f"file://{n}" in " ".join(examples[-1].argv))
            if name in examples[-1].files:  # the page shows other contents for the same file: run both
                first = examples[-1]
                examples.append(dataclasses.replace(first, files={**first.files}, variant=max(first.variant, 1) + 1))
            examples[-1].files[name] = body
            continue
        elif examples and not examples[-1].raw_output and (
                marker.lower().startswith("output") or body.lstrip().startswith(("{", "["))):
            examples[-1].raw_output = body
            examples[-1].output, examples[-1].repaired = _parse_output(body)
        elif examples and not examples[-1].raw_output and body.lstrip().startswith('"'):
            # "only the relevant information from the output": a fragment of an answer (see QUIRKS)
            examples[-1].raw_output = body
            examples[-1].output, examples[-1].repaired = FRAGMENTS.get(examples[-1].key, (None, "unreadable"))
    return examples


def _parse_output(text):
    """The documented JSON, and what had to be repaired to read it ("" if nothing)."""
    if not text.lstrip().startswith(("{", "[")):
        return None, ""
    try:
        return json.loads(text), ""
    except ValueError:
        pass
    # Documented output that is not valid JSON, repaired line by line so that it can still be
    # compared (each such example is in QUIRKS, with what was wrong).
    repairs, lines = [], []
    for line in text.splitlines():
        if line.strip() in ("...", "…"):
            repairs.append("an elided '...' line")
            continue
        unclosed = re.match(r'^(\s*"[^"]+": "[^"]*?)(,?)\s*$', line)
        if unclosed and line.count('"') % 2 == 1:
            line = unclosed.group(1) + '"' + unclosed.group(2)
            repairs.append("an unclosed string")
        if lines and re.search(r'["}\]\d]|true|false|null$', lines[-1].rstrip()) and \
                re.match(r'\s*["{\[]', line) and not lines[-1].rstrip().endswith((",", "[", "{")):
            lines[-1] = lines[-1].rstrip() + ","
            repairs.append("a missing comma")
        lines.append(line)
    repaired = re.sub(r",(\s*[}\]])", r"\1", "\n".join(lines))
    if repaired != "\n".join(lines):
        repairs.append("a trailing comma")
    try:
        return json.loads(repaired), ", ".join(sorted(set(repairs)))
    except ValueError:
        return None, "unreadable"


def all_commands():
    """Every documented EC2 command the oracle covers: COURSE first, then the rest of the family."""
    family = sorted(p.stem for p in EXAMPLES_DIR.glob("*.rst")
                    if _FAMILY.search(p.stem) and "fpga" not in p.stem and p.stem not in COURSE)
    return list(COURSE) + family


# --- comparing -------------------------------------------------------------------------------

_ID = re.compile(r"^(?:[a-z]+-)+[0-9a-zA-Z]{8,17}$")
_TIME = re.compile(r"^(\d{4}-\d\d-\d\d|YYYY-MM-DD)")
# compared by type only: owners, free text, and values of the documented world we cannot rebuild
_TYPE_ONLY = {
    "OwnerId", "OwnerAlias", "ImageOwnerAlias", "UserId", "Description", "Name", "ImageLocation", "Message",
    "StatusMessage", "KmsKeyId", "Arn", "RequestId", "CreationDate", "StartTime", "CreateTime", "AttachTime",
    "DeprecationTime", "LastLaunchedTime", "SourceImageRegion", "SourceImageId",
}


_STATES = {"State", "Status", "ModificationState", "Progress"}


def compare(expected, actual, command_text="", path="", substitutions=None, reads=False):
    """Differences between a documented output and ours, as readable strings (empty: they match).

    ``reads``: the command only reads (describe-*, get-*): its documented values describe a world
    we do not rebuild, so only keys, types, defaults and named ids are compared.
    """
    substitutions = substitutions or {}
    words = set(re.split(r"[\s=,\[\]{}]+", command_text))
    diffs = []
    name = path.rsplit(".", 1)[-1].split("[", 1)[0]

    def same(a, b):
        if a != b:
            diffs.append(f"{path}: documented {json.dumps(a)}, got {json.dumps(b)}")

    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path or '.'}: expected an object, got {type(actual).__name__}"]
        for key, value in expected.items():
            where = f"{path}.{key}" if path else key
            if key not in actual:
                diffs.append(f"{where}: missing (documented: {json.dumps(value)[:60]})")
                continue
            diffs += compare(value, actual[key], command_text, where, substitutions, reads)
        return diffs
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected a list, got {type(actual).__name__}"]
        if expected and not actual:
            return [f"{path}: empty (documented: {len(expected)} item(s))"]
        if not expected:
            if actual and not reads:
                same(expected, actual)
            return diffs
        for i, item in enumerate(actual[: len(expected)]):
            diffs += compare(expected[i], item, command_text, f"{path}[{i}]", substitutions, reads)
        return diffs
    if isinstance(expected, bool) or isinstance(actual, bool):
        if type(expected) is not type(actual):
            return [f"{path}: documented {json.dumps(expected)}, got {json.dumps(actual)}"]
        if not reads:
            same(expected, actual)
        return diffs
    if isinstance(expected, (int, float)):
        if not isinstance(actual, (int, float)):
            return [f"{path}: expected a number, got {json.dumps(actual)[:40]}"]
        if str(expected) in words:
            same(expected, actual)
        return diffs
    if isinstance(expected, str):
        if not isinstance(actual, str):
            return [f"{path}: expected a string, got {json.dumps(actual)[:40]}"]
        if expected.strip() in substitutions:  # an id the command named comes back as that id
            if actual != substitutions[expected.strip()]:
                diffs.append(f"{path}: should be {substitutions[expected.strip()]} (documented {expected}), got {actual}")
            return diffs
        if (expected == "" or actual == "") and not reads:  # a default: empty string
            same(expected, actual)
        elif name in _TYPE_ONLY or _TIME.match(expected) or expected.startswith("arn:"):
            pass
        elif _ID.match(expected):
            prefix = expected.rsplit("-", 1)[0]
            if not actual.startswith(prefix + "-"):
                diffs.append(f"{path}: expected a {prefix}- id, got {actual}")
        elif expected in words or (name in _STATES and not reads):
            same(expected, actual)
        return diffs
    if expected is None and actual is not None:
        diffs.append(f"{path}: documented null, got {json.dumps(actual)[:40]}")
    return diffs


# --- the world a documented command refers to ----------------------------------------------------

_ID_IN_COMMAND = re.compile(r"\b(export-ami|import-ami|import-snap|i|vol|snap|ami|subnet|sg)-[0-9a-zA-Z]{8,17}\b")


class World:
    """Resources created in the local account for one example, and the documented ids they replace."""

    _clients = {}  # (endpoint, region) -> boto3 client, shared by every example of a run

    def __init__(self, lab, region):
        self.lab = lab
        self.region = region
        self.substitutions = {}   # documented id -> our id
        self.named = {}           # the same, for the ids the command itself names

    def ec2(self, region=None):
        key = (self.lab.endpoint, region or self.region)
        if key not in self._clients:
            self._clients[key] = self.lab.session.client("ec2", endpoint_url=key[0], region_name=key[1])
        return self._clients[key]

    def instance(self, region=None, placement=None):
        from labkit import scenario

        ec2 = self.ec2(region)
        images = ec2.describe_images(Owners=["amazon"], Filters=[
            {"Name": "name", "Values": [scenario.AMI_NAME_PATTERN]}])["Images"]
        image_id = max(images, key=lambda i: i["CreationDate"])["ImageId"]
        if "_key" not in self.__dict__:
            self.__dict__["_key"] = ec2.create_key_pair(KeyName="my-key-pair")["KeyName"]
        return ec2.run_instances(ImageId=image_id, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                 KeyName=self.__dict__["_key"],
                                 Placement={"AvailabilityZone": f"{region or self.region}a", **(placement or {})},
                                 )["Instances"][0]["InstanceId"]

    def volume(self, region=None, size=8):
        return self.ec2(region).create_volume(Size=size, AvailabilityZone=f"{region or self.region}a",
                                              VolumeType="gp2")["VolumeId"]

    pending = False  # the documented snapshots are still pending (a describe filtered on status=pending)

    def snapshot(self, region=None):
        ec2 = self.ec2(region)
        if self.pending:
            os.environ["LABKIT_SNAPSHOT_SECONDS"] = "3600"
            try:
                return ec2.create_snapshot(VolumeId=self.volume(region))["SnapshotId"]
            finally:
                os.environ["LABKIT_SNAPSHOT_SECONDS"] = "0"
        snapshot_id = ec2.create_snapshot(VolumeId=self.volume(region))["SnapshotId"]
        ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot_id], WaiterConfig={"Delay": 0.1})
        return snapshot_id

    def volume_as(self, documented):
        """A volume as a documented describe-volumes answer shows it: its size and type, from a
        snapshot, encrypted, attached at the documented device."""
        ec2 = self.ec2()
        kwargs = {"Size": documented.get("Size", 8), "VolumeType": documented.get("VolumeType", "gp2"),
                  "AvailabilityZone": f"{self.region}a"}
        if str(documented.get("SnapshotId", "")).startswith("snap-"):
            kwargs["SnapshotId"] = self.make(documented["SnapshotId"])
        if documented.get("Encrypted"):
            kwargs["Encrypted"] = True
        if kwargs["VolumeType"] in ("io1", "io2"):
            kwargs["Iops"] = documented.get("Iops", 100)
        volume_id = ec2.create_volume(**kwargs)["VolumeId"]
        for attachment in documented.get("Attachments") or []:
            ec2.attach_volume(VolumeId=volume_id, InstanceId=self.make(attachment.get("InstanceId", "i-0123456789abcdef0")),
                              Device=attachment.get("Device", "/dev/sdf"))
        return volume_id

    def image(self, region=None):
        ec2 = self.ec2(region)
        snapshot_id = self.snapshot(region)
        return ec2.register_image(
            Name=f"oracle-{snapshot_id}", RootDeviceName="/dev/xvda", Architecture="x86_64",
            VirtualizationType="hvm", EnaSupport=True,
            BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot_id}}])["ImageId"]

    # --- tasks with Amazon S3, as the documented describe answers show them (still in progress) ----

    def bucket(self, name, objects=()):
        """The S3 bucket a page names, holding the objects it names (a small file each)."""
        s3 = self.lab.session.client("s3", endpoint_url=self.lab.endpoint, region_name=self.region)
        if name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
            s3.create_bucket(Bucket=name)
        for key in objects:
            s3.put_object(Bucket=name, Key=key, Body=b"a virtual machine disk")
        return name

    def _in_progress(self, call, **kwargs):
        os.environ["LABKIT_SNAPSHOT_SECONDS"] = "3600"
        try:
            return call(**kwargs)
        finally:
            os.environ["LABKIT_SNAPSHOT_SECONDS"] = "0"

    def export_task(self, region=None):
        return self._in_progress(self.ec2().export_image, ImageId=self.image(), DiskImageFormat="VMDK",
                                 S3ExportLocation={"S3Bucket": self.bucket("my-export-bucket"),
                                                   "S3Prefix": "exports/"})["ExportImageTaskId"]

    def import_image_task(self, region=None):
        self.bucket("my-import-bucket", ["vms/my-server-vm.ova"])
        return self._in_progress(self.ec2().import_image, DiskContainers=[{"Format": "ova", "UserBucket": {
            "S3Bucket": "my-import-bucket", "S3Key": "vms/my-server-vm.ova"}}])["ImportTaskId"]

    def import_snapshot_task(self, region=None):
        self.bucket("my-import-bucket", ["vms/my-server-vm.vmdk"])
        return self._in_progress(self.ec2().import_snapshot, Description="My server VMDK", DiskContainer={
            "Format": "VMDK", "UserBucket": {"S3Bucket": "my-import-bucket", "S3Key": "vms/my-server-vm.vmdk"}}
        )["ImportTaskId"]

    def vpc(self, region=None):
        if "_vpc" not in self.__dict__:
            ec2 = self.ec2(region)
            vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
            self.__dict__["_vpc"] = vpc_id
        return self.__dict__["_vpc"]

    def subnet(self, region=None):
        return self.ec2(region).create_subnet(VpcId=self.vpc(region), CidrBlock=f"10.0.{len(self.substitutions)}.0/24",
                                              AvailabilityZone=f"{region or self.region}a")["Subnet"]["SubnetId"]

    def security_group(self, region=None):
        return self.ec2(region).create_security_group(GroupName=f"oracle-{len(self.substitutions)}",
                                                      Description="oracle", VpcId=self.vpc(region))["GroupId"]

    def make(self, documented_id, region=None):
        if documented_id in self.substitutions:
            return self.substitutions[documented_id]
        prefix = documented_id.rsplit("-", 1)[0]
        made = {"i": self.instance, "vol": self.volume, "snap": self.snapshot, "ami": self.image,
                "subnet": self.subnet, "sg": self.security_group, "export-ami": self.export_task,
                "import-ami": self.import_image_task, "import-snap": self.import_snapshot_task}[prefix](region)
        self.substitutions[documented_id] = made
        return made


def _option(argv, name, default=None):
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return default


def prepare(example, world):
    """Create what the example's ids refer to; return its argv with our ids in place."""
    argv = list(example.argv)
    source_region = _option(argv, "--source-region")
    text = " ".join(argv)
    world.pending = "Name=status,Values=pending" in argv
    if example.command.startswith("describe-") and example.output is not None:  # first: as documented
        output = _unqueried(example.output, _option(argv, "--query"))
        if example.key == "describe-snapshots#1":  # QUIRKS
            output = json.loads(json.dumps(output).replace("snap-01234567890abcdef", "snap-1234567890abcdef0"))
        _documented_world(output, world)
    for match in _ID_IN_COMMAND.finditer(text):
        documented = match.group(0)
        source = source_region if source_region and documented == _option(argv, "--source-image-id", _option(
            argv, "--source-snapshot-id")) else None
        world.named[documented] = world.make(documented, source)
    key_id = _option(argv, "--kms-key-id")
    if key_id and key_id.startswith("alias/"):  # the key the command names exists, under that alias
        kms = world.lab.session.client("kms", endpoint_url=world.lab.endpoint, region_name=region_of(argv, world))
        kms.create_alias(AliasName=key_id, TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
    setup = SETUP.get(example.command)
    if setup is not None:
        setup(example, world)
    argv = [_substitute(arg, world.substitutions) for arg in argv]
    before = BEFORE.get(example.key)
    if before is not None:
        before(world, argv)
    return argv


def region_of(argv, world):
    return _option(argv, "--region", world.region)


_ID_KEYS = ("VolumeId", "SnapshotId", "ImageId", "InstanceId", "ResourceId")


_LIST_ID = {"Volumes": "VolumeId", "Snapshots": "SnapshotId", "Images": "ImageId", "Instances": "InstanceId",
            "Tags": "ResourceId"}


def _unqueried(output, query):
    """A documented answer shaped by a client-side ``--query "List[*].{Alias:Key,…}"``, back in the
    shape AWS sent (``{"List": [{"Key": …}]}``), so that its world can be rebuilt; else unchanged."""
    match = re.fullmatch(r"(\w+)\[\*\]\.\{(.+)\}", query or "")
    if not match or not isinstance(output, list):
        return output
    aliases = dict(pair.split(":", 1) for pair in match.group(2).split(","))
    return {match.group(1): [{aliases.get(k, k): v for k, v in item.items()} for item in output
                             if isinstance(item, dict)]}


def _documented_world(output, world):
    """The resources a documented describe answer lists, made and tagged as documented."""

    def walk(node, parent=None):
        if isinstance(node, dict):
            own_key = _LIST_ID.get(parent)
            for key in ("VolumeId", "SnapshotId", "ImageId", "InstanceId", "ResourceId"):
                value = node.get(key)
                if isinstance(value, str) and _ID_IN_COMMAND.fullmatch(value):
                    if key == own_key == "VolumeId" and value not in world.substitutions:
                        world.substitutions[value] = world.volume_as(node)
                    ours = world.make(value)
                    if key == own_key and isinstance(node.get("Tags"), list) and node["Tags"]:
                        world.ec2().create_tags(Resources=[ours], Tags=[
                            {"Key": t["Key"], "Value": t.get("Value") or ""} for t in node["Tags"]])
                    if key == own_key == "ResourceId" and node.get("Key"):
                        world.ec2().create_tags(Resources=[ours], Tags=[{"Key": node["Key"],
                                                                         "Value": node.get("Value") or ""}])
            for key, value in node.items():
                walk(value, key)
        elif isinstance(node, list):
            for value in node:
                walk(value, parent)

    walk(output)


def _substitute(arg, substitutions):
    for documented, ours in substitutions.items():  # whole ids only (i-123… is inside ami-123…)
        arg = re.sub(rf"(?<![\w-]){re.escape(documented)}(?![\w-])", ours, arg)
    return arg


def _share_as_documented(example, world):
    """describe-snapshot-attribute / reset-snapshot-attribute: the snapshot shared as the page shows."""
    snapshot_id = next(iter(world.named.values()))
    users = [p["UserId"] for p in (example.output or {}).get("CreateVolumePermissions", []) if "UserId" in p]
    world.ec2().modify_snapshot_attribute(SnapshotId=snapshot_id, Attribute="createVolumePermission",
                                          OperationType="add", UserIds=users or ["111122223333"])


def _attached_as_documented(example, world):
    """detach-volume: the volume attached to an instance, at the documented device."""
    volume_id = next(v for k, v in world.named.items() if k.startswith("vol-"))
    device = (example.output or {}).get("Device", "/dev/sdf")
    world.ec2().attach_volume(VolumeId=volume_id, InstanceId=world.instance(), Device=device)


def _launch_permission_as_documented(example, world):
    image_id = next(v for k, v in world.named.items() if k.startswith("ami-"))
    users = [p["UserId"] for p in (example.output or {}).get("LaunchPermissions", []) if "UserId" in p]
    world.ec2().modify_image_attribute(ImageId=image_id, LaunchPermission={
        "Add": [{"UserId": u} for u in users or ["111122223333"]]})


def _instances_as_documented(example, world):
    """describe-instances: the named instances run with an IAM instance profile, as documented, and in
    the placement group partition the page shows (a partition placement group of 7 partitions)."""
    placement = _documented_placement(example.output)
    if placement:
        world.ec2().create_placement_group(GroupName=placement["GroupName"], Strategy="partition", PartitionCount=7)
        for documented in [d for d in world.substitutions if d.startswith("i-")]:
            world.substitutions[documented] = world.instance(placement={
                "GroupName": placement["GroupName"], "PartitionNumber": placement["PartitionNumber"]})
            if documented in world.named:
                world.named[documented] = world.substitutions[documented]
    iam = world.lab.session.client("iam", endpoint_url=world.lab.endpoint, region_name=world.region)
    profile = iam.create_instance_profile(InstanceProfileName="AmazonSSMRoleForInstancesQuickSetup")["InstanceProfile"]
    for documented, ours in world.substitutions.items():
        if documented.startswith("i-"):
            world.ec2().associate_iam_instance_profile(InstanceId=ours, IamInstanceProfile={"Arn": profile["Arn"]})


def _documented_placement(node):
    """The first documented Placement with a placement group partition, or None."""
    if isinstance(node, dict):
        if node.get("GroupName") and "PartitionNumber" in node:
            return node
        node = list(node.values())
    if isinstance(node, list):
        return next((found for found in map(_documented_placement, node) if found), None)
    return None


def _s3_as_documented(example, world):
    """The S3 bucket (and the disk file an import reads, or the .bin a restore reads) the page names."""
    argv = example.argv
    for option in ("--bucket", "--s3-export-location", "--disk-container", "--disk-containers"):
        value = _option(argv, option)
        if not value:
            continue
        bucket = re.search(r"(?:S3Bucket=|^)([a-z0-9][a-z0-9.-]+)", value.replace("'", ""))
        key = re.search(r"S3Key=([^,}'\"]+)", value)
        if bucket:
            world.bucket(bucket.group(1), [key.group(1)] if key else [])
    if example.command == "create-restore-image-task":  # the AMI stored before, under the object key
        ec2 = world.ec2()
        image_id = world.make(_option(argv, "--object-key").rsplit(".", 1)[0])
        ec2.create_store_image_task(ImageId=image_id, Bucket=_option(argv, "--bucket"))
        s3 = world.lab.session.client("s3", endpoint_url=world.lab.endpoint, region_name=world.region)
        stored = s3.get_object(Bucket=_option(argv, "--bucket"), Key=f"{image_id}.bin")["Body"].read()
        s3.put_object(Bucket=_option(argv, "--bucket"), Key=_option(argv, "--object-key"), Body=stored)
    if example.command == "describe-store-image-tasks":  # one store task in progress, as documented
        world._in_progress(world.ec2().create_store_image_task, ImageId=world.make("ami-1234567890abcdef0"),
                           Bucket=world.bucket("my-ami-bucket"))


# command -> what its documented world needs beyond the ids it names (state the page describes)
SETUP = {
    "describe-snapshot-attribute": _share_as_documented,
    "reset-snapshot-attribute": _share_as_documented,
    "detach-volume": _attached_as_documented,
    "describe-instances": _instances_as_documented,
    "describe-image-attribute": _launch_permission_as_documented,
    "cancel-image-launch-permission": _launch_permission_as_documented,
    **{command: _s3_as_documented for command in (
        "export-image", "import-image", "import-snapshot", "create-store-image-task", "create-restore-image-task",
        "describe-store-image-tasks")},
}


# --- running -------------------------------------------------------------------------------------

class Cli:
    """The AWS CLI, in this process (a fresh process per command would take about 1 s each)."""

    def __init__(self, env):
        self.env = env
        self.statuses = []
        self._loader = None

    @contextlib.contextmanager
    def _environment(self):
        saved = dict(os.environ)
        os.environ.update(self.env)
        try:
            yield
        finally:
            for key in self.env:
                if key in saved:
                    os.environ[key] = saved[key]
                else:
                    os.environ.pop(key, None)

    def run(self, argv):
        from awscli.clidriver import create_clidriver

        out, err = io.StringIO(), io.StringIO()
        self.statuses = []
        with self._environment(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            driver = create_clidriver()  # one per command: a driver keeps state from its last command
            if self._loader is None:
                self._loader = driver.session.get_component("data_loader")
            driver.session.register_component("data_loader", self._loader)  # models parsed once per run
            driver.session.register("before-parse", self._received)
            rc = driver.main(["--output", "json"] + list(argv))
        return rc, out.getvalue(), err.getvalue()

    def _received(self, response_dict=None, **kwargs):
        if response_dict is not None:
            self.statuses.append(response_dict.get("status_code"))


def cli_env(lab):
    env = {k: v for k, v in lab.cli_env().items() if k.startswith(("AWS_", "LABKIT_"))}
    env.update({"AWS_MAX_ATTEMPTS": "1", "AWS_RETRY_MODE": "standard", "AWS_PAGER": "",
                "AWS_DEFAULT_OUTPUT": "json"})
    return env


def run_example(example, lab, cli, reset):
    """Run one documented example against the local AWS behind ``lab``; a Result."""
    if example.key in NOT_RUN:
        return Result(example, "quirk", [QUIRKS[example.key]])
    reset()
    region = _option(example.argv, "--region", lab.region)
    world = World(lab, region)
    saved = os.environ.get("LABKIT_SNAPSHOT_SECONDS")
    os.environ["LABKIT_SNAPSHOT_SECONDS"] = "0"
    try:
        argv = prepare(example, world)
    except Exception as exc:  # the world could not be built: the local AWS refused a plain setup call
        return Result(example, "fail", [f"setup failed: {exc}"])
    finally:
        os.environ["LABKIT_SNAPSHOT_SECONDS"] = "3600"  # new snapshots stay pending, as AWS answers
    import tempfile

    here = os.getcwd()
    try:
        with tempfile.TemporaryDirectory() as folder:
            for name, text in example.files.items():
                pathlib.Path(folder, name).write_text(text)
            for arg in argv:  # a file the page names but does not show (user data): empty
                if arg.startswith("file://") and not pathlib.Path(folder, arg[7:]).exists():
                    pathlib.Path(folder, arg[7:]).write_text("")
            os.chdir(folder)
            rc, stdout, stderr = cli.run(argv)
    finally:
        os.chdir(here)
        if saved is None:
            os.environ.pop("LABKIT_SNAPSHOT_SECONDS", None)
        else:
            os.environ["LABKIT_SNAPSHOT_SECONDS"] = saved
    http_500 = any(status >= 500 for status in cli.statuses)
    if rc != 0 or http_500:
        return Result(example, "fail", [f"exit {rc}: {stderr.strip()[:300]}"], http_500=http_500, stderr=stderr)
    if _option(argv, "--output", "json") != "json":  # text/table output: it has to succeed
        return Result(example, "match")
    try:
        actual = json.loads(stdout) if stdout.strip() else None
    except ValueError:
        return Result(example, "fail", [f"not JSON: {stdout[:200]}"])
    diffs = []
    if example.repaired == "unreadable":  # never compared silently: QUIRKS or FRAGMENTS must say how to read it
        return Result(example, "fail", ["the documented output cannot be read as JSON"], output=actual)
    if example.output is not None:
        reads = example.command.startswith(("describe-", "get-", "list-"))
        named = {} if example.key.startswith("copy-snapshot#") else world.named  # QUIRKS
        expected = example.output
        if example.key == "describe-tags#7":  # QUIRKS
            expected = json.loads(json.dumps(expected).replace("null", '""'))
        if example.key in ("disable-image#1", "enable-image#1"):  # QUIRKS
            expected = {"Return": True}
        if example.key == "describe-snapshots#1":  # QUIRKS
            expected = json.loads(json.dumps(expected).replace("snap-01234567890abcdef", "snap-1234567890abcdef0"))
        if example.key in ("import-snapshot#1", "describe-import-snapshot-tasks#1"):  # QUIRKS
            expected = json.loads(re.sub(r'"DiskImageSize": "([\d.]+)"', r'"DiskImageSize": \1', json.dumps(expected)))
        if example.key == "describe-store-image-tasks#1":  # QUIRKS
            expected = json.loads(json.dumps(expected).replace(', "StoreTaskFailureReason": null', ""))
        if example.key == "run-instances#1":  # QUIRKS
            expected = json.loads(json.dumps(expected).replace('"ClientToken": ""', '"ClientToken": "a token"'))
        expected = QUIRK_OUTPUTS.get(example.key, _as_documented)(expected)  # QUIRKS
        diffs = compare(expected, actual, " ".join(argv), substitutions=named, reads=reads)
    elif example.raw_output and not example.raw_output.lstrip().startswith(("{", "[")) and actual is not None:
        pass  # the doc shows text output of another format; the answer only has to succeed
    check = EFFECTS.get(example.key)
    if check is not None:
        diffs += [f"effect: {d}" for d in check(world, actual, argv) or []]
    return Result(example, "differ" if diffs else "match", diffs, output=actual)


# --- what each command must have done (checked after it answered, through plain boto3 reads) --------

def _tags(world, resource_id):
    found = world.ec2().describe_tags(Filters=[{"Name": "resource-id", "Values": [resource_id]}])["Tags"]
    return {t["Key"]: t["Value"] for t in found}


def _named(world, prefix):
    return [ours for documented, ours in world.named.items() if documented.startswith(prefix + "-")]


def _tag_pairs(argv):
    """The Key=…,Value=… pairs of a --tags argument list."""
    pairs, on = {}, False
    for arg in argv:
        if arg == "--tags":
            on = True
            continue
        if arg.startswith("--"):
            on = False
        if on:
            fields = dict(part.split("=", 1) for part in arg.split(",") if "=" in part)
            pairs[fields.get("Key", "").strip('"')] = fields.get("Value")
    return pairs


def _before_delete_tags(world, argv):
    for resource in [a for a in argv if _ID_IN_COMMAND.fullmatch(a)]:
        world.ec2().create_tags(Resources=[resource], Tags=[{"Key": k, "Value": "x" if v is None else v}
                                                            for k, v in _tag_pairs(argv).items()])


def _before_tag_it(world, argv):
    region = _option(argv, "--source-region", region_of(argv, world))
    for resource in [a for a in argv if _ID_IN_COMMAND.fullmatch(a)]:
        world.ec2(region).create_tags(Resources=[resource], Tags=[{"Key": "Team", "Value": "oracle"}])


def _before_volumes_tagged(world, argv):
    instance = world.ec2().describe_instances(InstanceIds=_named(world, "i"))["Reservations"][0]["Instances"][0]
    for mapping in instance["BlockDeviceMappings"]:
        world.ec2().create_tags(Resources=[mapping["Ebs"]["VolumeId"]], Tags=[{"Key": "Team", "Value": "oracle"}])


def _before_shared_with(world, argv):
    world.ec2().modify_snapshot_attribute(SnapshotId=_named(world, "snap")[0], Attribute="createVolumePermission",
                                          OperationType="add", UserIds=[_option(argv, "--user-ids")])


# "command#n" -> state the documented effect needs before the command runs
BEFORE = {
    **{f"delete-tags#{n}": _before_delete_tags for n in (1, 2, 3, 4)},
    "delete-snapshot#1": _before_tag_it,
    "deregister-image#1": _before_tag_it,
    "copy-image#3": _before_tag_it,
    "create-snapshots#2": _before_volumes_tagged,
    "modify-snapshot-attribute#1": _before_shared_with,
}


def _tags_created(world, actual, argv):
    wanted = {k: v or "" for k, v in _tag_pairs(argv).items()}
    return [f"{r}: tags {_tags(world, r)}, expected {wanted}" for r in argv
            if _ID_IN_COMMAND.fullmatch(r) and not wanted.items() <= _tags(world, r).items()]


def _tags_deleted(world, actual, argv):
    return [f"{r}: tags {sorted(_tags(world, r))} still there" for r in argv
            if _ID_IN_COMMAND.fullmatch(r) and set(_tags_pairs_keys(argv)) & set(_tags(world, r))]


def _tags_pairs_keys(argv):
    return list(_tag_pairs(argv))


def _snapshot_gone_with_tags(world, actual, argv):
    snapshot_id = _named(world, "snap")[0]
    left = [s["SnapshotId"] for s in world.ec2().describe_snapshots(OwnerIds=["self"])["Snapshots"]]
    return ([f"{snapshot_id} still listed"] if snapshot_id in left else []) + (
        [f"{snapshot_id}: tags {_tags(world, snapshot_id)} left in describe-tags"] if _tags(world, snapshot_id) else [])


def _image_gone_with_tags(world, actual, argv):
    image_id = _named(world, "ami")[0]
    left = [i["ImageId"] for i in world.ec2().describe_images(Owners=["self"])["Images"]]
    return ([f"{image_id} still listed"] if image_id in left else []) + (
        [f"{image_id}: tags {_tags(world, image_id)} left in describe-tags"] if _tags(world, image_id) else [])


def _copy_encrypted_with_named_key(world, actual, argv):
    kms = world.lab.session.client("kms", endpoint_url=world.lab.endpoint, region_name=region_of(argv, world))
    key_arn = kms.describe_key(KeyId=_option(argv, "--kms-key-id"))["KeyMetadata"]["Arn"]
    if "ImageId" in actual:
        image = world.ec2(region_of(argv, world)).describe_images(ImageIds=[actual["ImageId"]])["Images"][0]
        snapshot_ids = [m["Ebs"]["SnapshotId"] for m in image["BlockDeviceMappings"] if "Ebs" in m]
    else:
        snapshot_ids = [actual["SnapshotId"]]
    snapshots = world.ec2(region_of(argv, world)).describe_snapshots(SnapshotIds=snapshot_ids)["Snapshots"]
    return [f"{s['SnapshotId']}: Encrypted {s['Encrypted']}, KmsKeyId {s.get('KmsKeyId')}, expected {key_arn}"
            for s in snapshots if not s["Encrypted"] or s.get("KmsKeyId") != key_arn] or (
        [] if snapshots else ["the copy refers to no snapshot"])


def _image_tags_copied(world, actual, argv):
    copied = world.ec2(region_of(argv, world)).describe_images(ImageIds=[actual["ImageId"]])["Images"][0].get("Tags", [])
    return [] if {"Key": "Team", "Value": "oracle"} in copied else [f"source AMI's tags not copied: {copied}"]


def _snapshot_tags_from_volumes(world, actual, argv):
    return [f"{s['SnapshotId']}: tags {_tags(world, s['SnapshotId'])}, its volume's were Team=oracle"
            for s in actual["Snapshots"] if _tags(world, s["SnapshotId"]).get("Team") != "oracle"]


def _permissions(world):
    return world.ec2().describe_snapshot_attribute(SnapshotId=_named(world, "snap")[0],
                                                   Attribute="createVolumePermission")["CreateVolumePermissions"]


def _permission_reset(world, actual, argv):
    return [f"still shared: {_permissions(world)}"] if _permissions(world) else []


def _permission_removed(world, actual, argv):
    return [f"still shared: {_permissions(world)}"] if _permissions(world) else []


def _made_public(world, actual, argv):
    return [] if {"Group": "all"} in _permissions(world) else [f"not public: {_permissions(world)}"]


def _encryption_by_default_on(world, actual, argv):
    return [] if world.ec2().get_ebs_encryption_by_default()["EbsEncryptionByDefault"] else ["still off"]


def _volume_encrypted(world, actual, argv):
    volume = world.ec2().describe_volumes(VolumeIds=[actual["VolumeId"]])["Volumes"][0]
    return [] if volume["Encrypted"] else ["the new volume is not encrypted"]


def _volume_detached(world, actual, argv):
    volume = world.ec2().describe_volumes(VolumeIds=_named(world, "vol"))["Volumes"][0]
    return [] if volume["State"] == "available" and not volume["Attachments"] else [f"still attached: {volume}"]


def _task_listed(world, actual, argv):
    """The new task is described as in progress (what it leaves in S3 or EC2 comes when it completes:
    tests/contract/test_gap15_tasks.py)."""
    ec2 = world.ec2()
    if "ExportImageTaskId" in actual:
        found = ec2.describe_export_image_tasks(ExportImageTaskIds=[actual["ExportImageTaskId"]])["ExportImageTasks"]
    elif "SnapshotTaskDetail" in actual:
        found = ec2.describe_import_snapshot_tasks(ImportTaskIds=[actual["ImportTaskId"]])["ImportSnapshotTasks"]
    elif "ImportTaskId" in actual:
        found = ec2.describe_import_image_tasks(ImportTaskIds=[actual["ImportTaskId"]])["ImportImageTasks"]
    else:
        found = ec2.describe_store_image_tasks(ImageIds=[_option(argv, "--image-id")])["StoreImageTaskResults"]
        return [] if [t["StoreTaskState"] for t in found] == ["InProgress"] else [f"store task: {found}"]
    states = [t.get("Status") or t.get("SnapshotTaskDetail", {}).get("Status") for t in found]
    return [] if states == ["active"] else [f"task not listed as active: {found}"]


def _image_restored(world, actual, argv):
    ec2 = world.ec2()
    image = ec2.describe_images(ImageIds=[actual["ImageId"]])["Images"][0]
    source = ec2.describe_images(ImageIds=[_named(world, "ami")[0]])["Images"][0]
    sizes = [[m["Ebs"]["VolumeSize"] for m in i["BlockDeviceMappings"] if "Ebs" in m] for i in (image, source)]
    snapshots = [m["Ebs"]["SnapshotId"] for m in image["BlockDeviceMappings"] if "Ebs" in m]
    return ([] if image["Name"] == _option(argv, "--name") else [f"name {image['Name']}"]) + (
        [] if sizes[0] == sizes[1] else [f"volume sizes {sizes[0]}, stored {sizes[1]}"]) + (
        [] if snapshots and not set(snapshots) & set(_named(world, "snap")) else [f"snapshots {snapshots}"])


def _launched_volumes(world, actual, argv, expected):
    instance_id = actual["Instances"][0]["InstanceId"]
    volumes = world.ec2().describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [instance_id]}])
    found = {a["Device"]: v["Size"] for v in volumes["Volumes"] for a in v["Attachments"]}
    extra = {device: size for device, size in found.items() if device != "/dev/xvda"}
    return [] if extra == expected else [f"volumes besides the root: {extra}, expected {expected}"]


# "command#n" -> the documented effect, checked after the command answered
EFFECTS = {
    "run-instances#3": lambda world, actual, argv: _launched_volumes(world, actual, argv, {"/dev/sdh": 100}),
    "run-instances#3.2": lambda world, actual, argv: _launched_volumes(world, actual, argv, {}),  # no instance store
    **{key: _task_listed for key in ("export-image#1", "import-image#1", "import-snapshot#1",
                                     "create-store-image-task#1")},
    "create-restore-image-task#1": _image_restored,
    **{f"create-tags#{n}": _tags_created for n in (1, 2, 5)},
    **{f"delete-tags#{n}": _tags_deleted for n in (1, 2, 3, 4)},
    "delete-snapshot#1": _snapshot_gone_with_tags,
    "deregister-image#1": _image_gone_with_tags,
    "copy-image#2": _copy_encrypted_with_named_key,
    "copy-image#3": _image_tags_copied,
    "copy-snapshot#2": _copy_encrypted_with_named_key,
    "create-snapshots#2": _snapshot_tags_from_volumes,
    "reset-snapshot-attribute#1": _permission_reset,
    "modify-snapshot-attribute#1": _permission_removed,
    "modify-snapshot-attribute#2": _made_public,
    "enable-ebs-encryption-by-default#1": _encryption_by_default_on,
    "create-volume#4": _volume_encrypted,
    "detach-volume#1": _volume_detached,
}


# --- AMI and volume settings (fixes image_attributes, volume_modifications, replace_root) ----------------

QUIRKS.update({
    "enable-image-deprecation#1": "the documented date (2022-10-15) is now in the past, which AWS refuses (EnableImageDeprecation: "
                                  "\"You can't specify a date in the past\"): the same day and time a year from now is used; "
                                  "the documented answer also prints a RequestID (the CLI never prints it) and "
                                  "\"Return\": \"true\" (a boolean in the EC2 API model)",
    "disable-image-deprecation#1": "the documented answer prints a RequestID (the CLI never prints it) and \"Return\": \"true\" "
                                   "(a boolean in the EC2 API model)",
    "enable-volume-io#1": "the documented answer prints {\"Return\": true}; EnableVolumeIO has no output in the EC2 API model "
                          "and the CLI prints nothing",
    "describe-volumes-modifications#1": "the documented answer shows one \"VolumeModification\" object; the EC2 API model "
                                        "answers the list \"VolumesModifications\" (compared as its first item)",
    "describe-instance-image-metadata#1": "the documented answer is one page of a longer list (NextToken); the example's "
                                          "account fits in one page",
    "describe-instance-image-metadata#3": "the documented answer is one page of a longer list (NextToken); the example's "
                                          "account fits in one page",
})


def _as_documented(expected):
    return expected


def _without(*keys):
    return lambda expected: {k: v for k, v in expected.items() if k not in keys}


QUIRK_OUTPUTS = {
    "enable-image-deprecation#1": lambda expected: {"Return": True},
    "disable-image-deprecation#1": lambda expected: {"Return": True},
    "enable-volume-io#1": lambda expected: None,
    "describe-volumes-modifications#1": lambda expected: {"VolumesModifications": [expected["VolumeModification"]]},
    "describe-instance-image-metadata#1": _without("NextToken"),
    "describe-instance-image-metadata#3": _without("NextToken"),
}

OTHER_ACCOUNT = "111122223333"


def _other_account_ec2(world):
    """An EC2 client of another account of the local AWS (moto's x-moto-account-id header)."""
    client = world.lab.session.client("ec2", endpoint_url=world.lab.endpoint, region_name=world.region)
    client.meta.events.register("before-sign.ec2.*", lambda request, **_: request.headers.__setitem__(
        "x-moto-account-id", OTHER_ACCOUNT))
    return client


def _replace(world, documented, ours):
    world.substitutions[documented] = ours
    if documented in world.named:
        world.named[documented] = ours


def _shared_by_another_account(example, world):
    """cancel-image-launch-permission: the AMI belongs to another account, which shared it with ours."""
    other = _other_account_ec2(world)
    volume_id = other.create_volume(Size=8, AvailabilityZone=f"{world.region}a")["VolumeId"]
    snapshot_id = other.create_snapshot(VolumeId=volume_id)["SnapshotId"]
    image_id = other.register_image(Name="shared-with-you", RootDeviceName="/dev/xvda", BlockDeviceMappings=[
        {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot_id}}])["ImageId"]
    account = world.lab.session.client("sts", endpoint_url=world.lab.endpoint,
                                       region_name=world.region).get_caller_identity()["Account"]
    other.modify_image_attribute(ImageId=image_id, LaunchPermission={"Add": [{"UserId": account}]})
    documented = next(k for k in world.named if k.startswith("ami-"))
    _replace(world, documented, image_id)


def _instances_as_in_metadata(example, world):
    """describe-instance-image-metadata: the documented instances are t2.micro, tagged as shown."""
    ec2 = world.ec2()
    for item in (example.output or {}).get("InstanceImageMetadata", []):
        ours = world.substitutions[item["InstanceId"]]
        ec2.stop_instances(InstanceIds=[ours])
        ec2.modify_instance_attribute(InstanceId=ours, InstanceType={"Value": item["InstanceType"]})
        ec2.start_instances(InstanceIds=[ours])
        ec2.create_tags(Resources=[ours], Tags=item.get("Tags") or [])


def _fast_launch_as_documented(example, world):
    """describe-fast-launch-images: a Windows AMI of the account, configured for fast launch."""
    ec2 = world.ec2()
    windows = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "platform", "Values": ["windows"]}])["Images"]
    instance_id = ec2.run_instances(ImageId=windows[0]["ImageId"], InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                    Placement={"AvailabilityZone": f"{world.region}a"})["Instances"][0]["InstanceId"]
    image_id = ec2.create_image(InstanceId=instance_id, Name="windows-fast-launch")["ImageId"]
    for item in (example.output or {}).get("FastLaunchImages", []):
        ec2.enable_fast_launch(ImageId=image_id, MaxParallelLaunches=item.get("MaxParallelLaunches", 6),
                               ResourceType=item.get("ResourceType", "snapshot"))
        _replace(world, item["ImageId"], image_id)


def _modified_as_documented(example, world):
    """describe-volumes-modifications: the named volume was modified as the page shows (its size)."""
    documented = (example.output or {}).get("VolumeModification", {})
    for volume_id in _named(world, "vol"):
        world.ec2().modify_volume(VolumeId=volume_id, Size=int(documented.get("TargetSize", 150)))


def _root_snapshot_as_documented(example, world):
    """create-replace-root-volume-task: the named snapshot is a snapshot of the instance's root volume."""
    instance_id = _named(world, "i")[0]
    for documented in [k for k in world.named if k.startswith("snap-")]:
        root = _root_volume_id(world, instance_id)
        snapshot_id = world.ec2().create_snapshot(VolumeId=root)["SnapshotId"]
        _replace(world, documented, snapshot_id)


def _tasks_as_documented(example, world):
    """describe-replace-root-volume-tasks: the documented tasks were run on the documented instance."""
    for task in (example.output or {}).get("ReplaceRootVolumeTasks", []):
        made = world.ec2().create_replace_root_volume_task(InstanceId=world.substitutions[task["InstanceId"]])
        _replace(world, task["ReplaceRootVolumeTaskId"], made["ReplaceRootVolumeTask"]["ReplaceRootVolumeTaskId"])


SETUP.update({
    "cancel-image-launch-permission": _shared_by_another_account,
    "describe-instance-image-metadata": _instances_as_in_metadata,
    "describe-fast-launch-images": _fast_launch_as_documented,
    "describe-volumes-modifications": _modified_as_documented,
    "create-replace-root-volume-task": _root_snapshot_as_documented,
    "describe-replace-root-volume-tasks": _tasks_as_documented,
})


def _root_volume_id(world, instance_id):
    instance = world.ec2().describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    return next(m["Ebs"]["VolumeId"] for m in instance["BlockDeviceMappings"]
                if m["DeviceName"] == instance["RootDeviceName"])


def _image(world):
    return world.ec2().describe_images(ImageIds=_named(world, "ami"))["Images"][0]


def _public_refused(world):
    """None if making the account's AMI public works, else the error code."""
    from botocore.exceptions import ClientError

    try:
        world.ec2().modify_image_attribute(ImageId=world.image(), LaunchPermission={"Add": [{"Group": "all"}]})
    except ClientError as error:
        return error.response["Error"]["Code"]
    return None


def _before_public_sharing_allowed(world, argv):
    world.ec2().disable_image_block_public_access()


def _before_future_deprecation(world, argv):
    """QUIRKS: the documented date, a year from now (argv is changed in place)."""
    import datetime

    i = argv.index("--deprecate-at") + 1
    when = datetime.datetime.fromisoformat(argv[i].replace("Z", "+00:00"))
    argv[i] = when.replace(year=datetime.datetime.now(datetime.timezone.utc).year + 1).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _before_deprecated(world, argv):
    import datetime

    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)
    world.ec2().enable_image_deprecation(ImageId=_named(world, "ami")[0], DeprecateAt=soon)


def _before_protected(world, argv):
    world.ec2().enable_image_deregistration_protection(ImageId=_named(world, "ami")[0])


def _before_shared_image(world, argv):
    world.ec2().modify_image_attribute(ImageId=_named(world, "ami")[0], LaunchPermission={
        "Add": [{"UserId": OTHER_ACCOUNT}]})


BEFORE.update({
    "modify-image-attribute#1": _before_public_sharing_allowed,
    "disable-image-block-public-access#1": lambda world, argv: world.ec2().enable_image_block_public_access(
        ImageBlockPublicAccessState="block-new-sharing"),
    "enable-image-deprecation#1": _before_future_deprecation,
    "disable-image-deprecation#1": _before_deprecated,
    "disable-image-deregistration-protection#1": _before_protected,
    "reset-image-attribute#1": _before_shared_image,
})


def _image_made_public(world, actual, argv):
    return [] if _image(world)["Public"] else ["the AMI is not public"]


def _public_sharing_refused(world, actual, argv):
    code = _public_refused(world)
    return [] if code == "OperationNotPermitted" else [f"making an AMI public answered {code}, not OperationNotPermitted"]


def _public_sharing_allowed(world, actual, argv):
    code = _public_refused(world)
    return [] if code is None else [f"making an AMI public still refused: {code}"]


def _deprecation_time_set(world, actual, argv):
    wanted = _option(argv, "--deprecate-at")[:16] + ":00.000Z"  # rounded to the minute (seconds 12 -> 00)
    got = _image(world).get("DeprecationTime")
    return [] if got == wanted else [f"DeprecationTime {got}, expected {wanted}"]


def _deprecation_time_gone(world, actual, argv):
    got = _image(world).get("DeprecationTime")
    return [] if got is None else [f"DeprecationTime still {got}"]


def _deregistration_refused(world, actual, argv):
    from botocore.exceptions import ClientError

    problems = []
    if _image(world).get("DeregistrationProtection") != "enabled-without-cooldown":
        problems.append(f"DeregistrationProtection {_image(world).get('DeregistrationProtection')}")
    try:
        world.ec2().deregister_image(ImageId=_named(world, "ami")[0])
    except ClientError as error:
        if error.response["Error"]["Code"] != "OperationNotPermitted":
            problems.append(f"deregister answered {error.response['Error']['Code']}")
    else:
        problems.append("a protected AMI was deregistered")
    return problems


def _deregistration_allowed(world, actual, argv):
    from botocore.exceptions import ClientError

    image_id = _named(world, "ami")[0]
    try:
        world.ec2().deregister_image(ImageId=image_id)
    except ClientError as error:
        return [f"deregister refused: {error.response['Error']['Code']}"]
    left = [i["ImageId"] for i in world.ec2().describe_images(Owners=["self"])["Images"]]
    return [f"{image_id} still listed"] if image_id in left else []


def _launch_permissions_reset(world, actual, argv):
    left = world.ec2().describe_image_attribute(ImageId=_named(world, "ami")[0],
                                                Attribute="launchPermission")["LaunchPermissions"]
    return [f"still shared: {left}"] if left else []


def _no_longer_shared_with_us(world, actual, argv):
    image_id = _named(world, "ami")[0]
    left = _other_account_ec2(world).describe_image_attribute(ImageId=image_id,
                                                              Attribute="launchPermission")["LaunchPermissions"]
    return [f"the owner still shares it: {left}"] if left else []


def _auto_enable_io_on(world, actual, argv):
    value = world.ec2().describe_volume_attribute(VolumeId=_named(world, "vol")[0],
                                                  Attribute="autoEnableIO")["AutoEnableIO"]["Value"]
    return [] if value is True else [f"autoEnableIO {value}"]


def _modification_listed(world, actual, argv):
    volume_id = _named(world, "vol")[0]
    found = world.ec2().describe_volumes_modifications(VolumeIds=[volume_id])["VolumesModifications"]
    size = world.ec2().describe_volumes(VolumeIds=[volume_id])["Volumes"][0]["Size"]
    wanted = int(_option(argv, "--size"))
    problems = [] if found and found[-1]["TargetSize"] == wanted else [f"modification not listed: {found}"]
    return problems + ([] if size == wanted else [f"volume size {size}, expected {wanted}"])


def _root_volume_replaced(world, actual, argv):
    instance_id = _named(world, "i")[0]
    before = world.__dict__.get("_root_before")
    now = _root_volume_id(world, instance_id)
    volume = world.ec2().describe_volumes(VolumeIds=[now])["Volumes"][0]
    problems = [] if now != before else [f"the root volume is still {before}"]
    snapshot_id = _option(argv, "--snapshot-id")
    if snapshot_id and volume["SnapshotId"] != snapshot_id:
        problems.append(f"the new root volume comes from {volume['SnapshotId']!r}, not {snapshot_id}")
    return problems


def _before_note_root(world, argv):
    world.__dict__["_root_before"] = _root_volume_id(world, _named(world, "i")[0])


BEFORE.update({f"create-replace-root-volume-task#{n}": _before_note_root for n in (1, 2)})

EFFECTS.update({
    "modify-image-attribute#1": _image_made_public,
    "enable-image-block-public-access#1": _public_sharing_refused,
    "disable-image-block-public-access#1": _public_sharing_allowed,
    "enable-image-deprecation#1": _deprecation_time_set,
    "disable-image-deprecation#1": _deprecation_time_gone,
    "enable-image-deregistration-protection#1": _deregistration_refused,
    "disable-image-deregistration-protection#1": _deregistration_allowed,
    "reset-image-attribute#1": _launch_permissions_reset,
    "cancel-image-launch-permission#1": _no_longer_shared_with_us,
    "modify-volume-attribute#1": _auto_enable_io_on,
    "modify-volume#1": _modification_listed,
    "modify-volume#2": _modification_listed,
    "create-replace-root-volume-task#1": _root_volume_replaced,
    "create-replace-root-volume-task#2": _root_volume_replaced,
})


# --- the snapshot features: archive tier, Recycle Bin, fast snapshot restore, lock, block public access ---

def _rbin(world):
    return world.lab.session.client("rbin", endpoint_url=world.lab.endpoint, region_name=world.region)


def _snapshots_named(world, argv):
    return [a for a in argv if a.startswith("snap-") and a in world.substitutions.values()] or _named(world, "snap")


def _before_archived(world, argv):
    for snapshot_id in _snapshots_named(world, argv) or list(world.substitutions.values()):
        if snapshot_id.startswith("snap-"):
            world.ec2().modify_snapshot_tier(SnapshotId=snapshot_id, StorageTier="archive")


def _before_temporarily_restored(world, argv):
    _before_archived(world, argv)
    for snapshot_id in _snapshots_named(world, argv):
        world.ec2().restore_snapshot_tier(SnapshotId=snapshot_id, TemporaryRestoreDays=5)


def _before_snapshot_in_bin(world, argv):
    _rbin(world).create_rule(ResourceType="EBS_SNAPSHOT", RetentionPeriod={"RetentionPeriodValue": 14,
                                                                           "RetentionPeriodUnit": "DAYS"})
    for snapshot_id in _snapshots_named(world, argv):
        world.ec2().delete_snapshot(SnapshotId=snapshot_id)


def _snapshot_as_documented(example, world):
    """The named snapshot made again with the documented Description (a snapshot's description is
    set when it is created)."""
    described = (example.output or {}).get("Description")
    for documented in [d for d in world.named if d.startswith("snap-")]:
        ec2 = world.ec2()
        volume = ec2.describe_snapshots(SnapshotIds=[world.named[documented]])["Snapshots"][0]["VolumeId"]
        again = ec2.create_snapshot(VolumeId=volume, Description=described or "")["SnapshotId"]
        world.named[documented] = world.substitutions[documented] = again


SETUP["restore-snapshot-from-recycle-bin"] = _snapshot_as_documented


def _before_image_in_bin(world, argv):
    """The documented AMI (named by the command or listed in the documented answer) deregistered
    while an EC2_IMAGE rule retains it."""
    images = _named(world, "ami") or [world.make("ami-0111222333444abcd")]
    _rbin(world).create_rule(ResourceType="EC2_IMAGE", RetentionPeriod={"RetentionPeriodValue": 1,
                                                                        "RetentionPeriodUnit": "DAYS"})
    for image_id in images:
        world.ec2().deregister_image(ImageId=image_id)


def _before_locked(world, argv):
    for snapshot_id in _snapshots_named(world, argv) or [v for v in world.substitutions.values()
                                                         if v.startswith("snap-")]:
        world.ec2().lock_snapshot(SnapshotId=snapshot_id, LockMode="governance", LockDuration=365)


def _zones_in_region(world, argv):
    """The documented zones belong to the documented world's region: the same zone letters here."""
    for i, arg in enumerate(argv):
        if re.fullmatch(r"[a-z]{2}-[a-z]+-\d[a-z]", arg):
            argv[i] = world.region + arg[-1]


def _before_fast_restore_enabled(world, argv):
    _zones_in_region(world, argv)
    zones = [a for a in argv if a.startswith(world.region) and len(a) == len(world.region) + 1]
    world.ec2().enable_fast_snapshot_restores(AvailabilityZones=zones, SourceSnapshotIds=_snapshots_named(world, argv))


def _before_fast_restore_disabled(world, argv):
    """describe-fast-snapshot-restores: the documented snapshot's fast restore enabled, then disabled."""
    for snapshot_id in [v for v in world.substitutions.values() if v.startswith("snap-")]:
        zone = [f"{world.region}a"]
        world.ec2().enable_fast_snapshot_restores(AvailabilityZones=zone, SourceSnapshotIds=[snapshot_id])
        world.ec2().disable_fast_snapshot_restores(AvailabilityZones=zone, SourceSnapshotIds=[snapshot_id])


def _before_block_all_sharing(world, argv):
    world.ec2().enable_snapshot_block_public_access(State="block-all-sharing")


BEFORE.update({
    **{f"restore-snapshot-tier#{n}": _before_archived for n in (1, 2)},
    **{f"restore-snapshot-tier#{n}": _before_temporarily_restored for n in (3, 4)},
    "describe-snapshot-tier-status#1": _before_archived,
    "describe-snapshots#6": _before_archived,
    "list-snapshots-in-recycle-bin#1": _before_snapshot_in_bin,
    "restore-snapshot-from-recycle-bin#1": _before_snapshot_in_bin,
    "list-images-in-recycle-bin#1": _before_image_in_bin,
    "restore-image-from-recycle-bin#1": _before_image_in_bin,
    "enable-fast-snapshot-restores#1": _zones_in_region,
    "disable-fast-snapshot-restores#1": _before_fast_restore_enabled,
    "describe-fast-snapshot-restores#1": _before_fast_restore_disabled,
    "unlock-snapshot#1": _before_locked,
    "describe-locked-snapshots#1": _before_locked,
    "disable-snapshot-block-public-access#1": _before_block_all_sharing,
    "get-snapshot-block-public-access-state#1": _before_block_all_sharing,
})


def _tier_operation(world, snapshot_id):
    status = world.ec2().describe_snapshot_tier_status(
        Filters=[{"Name": "snapshot-id", "Values": [snapshot_id]}])["SnapshotTierStatuses"]
    return status[0].get("LastTieringOperationStatus", "") if status else ""


def _tiering_started(operation):
    def check(world, actual, argv):
        return [f"{s}: last tiering operation {_tier_operation(world, s)!r}, expected {operation}-…"
                for s in _snapshots_named(world, argv) if not _tier_operation(world, s).startswith(operation + "-")]

    return check


def _snapshot_back_from_bin(world, actual, argv):
    snapshot_id = _snapshots_named(world, argv)[0]
    listed = [s["SnapshotId"] for s in world.ec2().describe_snapshots(OwnerIds=["self"])["Snapshots"]]
    binned = [s["SnapshotId"] for s in world.ec2().list_snapshots_in_recycle_bin()["Snapshots"]]
    return ([] if snapshot_id in listed else [f"{snapshot_id} not back in describe-snapshots"]) + (
        [f"{snapshot_id} still in the Recycle Bin"] if snapshot_id in binned else [])


def _image_back_from_bin(world, actual, argv):
    image_id = _named(world, "ami")[0]
    listed = [i["ImageId"] for i in world.ec2().describe_images(Owners=["self"])["Images"]]
    return [] if image_id in listed else [f"{image_id} not back in describe-images"]


def _fast_restores(world, argv):
    zones = [a for a in argv if a.startswith(world.region) and len(a) == len(world.region) + 1]
    rows = world.ec2().describe_fast_snapshot_restores()["FastSnapshotRestores"]
    return zones, {r["AvailabilityZone"]: r["State"] for r in rows}


def _fast_restore_in(states):
    def check(world, actual, argv):
        zones, found = _fast_restores(world, argv)
        return [f"{z}: fast restore {found.get(z)}, expected one of {states}" for z in zones
                if found.get(z) not in states] or ([] if zones else ["no zone in the command"])

    return check


def _lock_listed(present):
    def check(world, actual, argv):
        snapshot_id = _snapshots_named(world, argv)[0]
        locks = world.ec2().describe_locked_snapshots(SnapshotIds=[snapshot_id])["Snapshots"]
        return [] if bool(locks) == present else [f"{snapshot_id}: locks {locks}"]

    return check


def _public_access(expected):
    def check(world, actual, argv):
        found = world.ec2().get_snapshot_block_public_access_state()["State"]
        return [] if found == expected else [f"block public access {found}, expected {expected}"]

    return check


EFFECTS.update({
    "modify-snapshot-tier#1": _tiering_started("archival"),
    **{f"restore-snapshot-tier#{n}": _tiering_started("permanent-restore") for n in (1, 4)},
    **{f"restore-snapshot-tier#{n}": _tiering_started("temporary-restore") for n in (2, 3)},
    "restore-snapshot-from-recycle-bin#1": _snapshot_back_from_bin,
    "restore-image-from-recycle-bin#1": _image_back_from_bin,
    "enable-fast-snapshot-restores#1": _fast_restore_in(("enabling", "optimizing", "enabled")),
    "disable-fast-snapshot-restores#1": _fast_restore_in(("disabling", "disabled")),
    "lock-snapshot#1": _lock_listed(True),
    "lock-snapshot#2": _lock_listed(True),
    "unlock-snapshot#1": _lock_listed(False),
    "enable-snapshot-block-public-access#1": _public_access("block-all-sharing"),
    "disable-snapshot-block-public-access#1": _public_access("unblocked"),
})

# "command#n" -> the documented answer as the EC2 API model names it (QUIRKS says why)
READ_AS = {
    "describe-snapshot-tier-status#1": lambda doc: json.loads(
        json.dumps(doc).replace('"LastTieringOperationState"', '"LastTieringOperationStatus"')),
    "list-snapshots-in-recycle-bin#1": lambda doc: {"Snapshots": doc["SnapshotRecycleBinInfo"]},
}
QUIRK_OUTPUTS.update(READ_AS)


def run_all(lab, commands=None, progress=None):
    from labkit import local_aws

    cli = Cli(cli_env(lab))
    results = []
    for command in commands or all_commands():
        for example in read_examples(command):
            results.append(run_example(example, lab, cli, lambda: local_aws.reset(lab.endpoint)))
            if progress:
                progress(results[-1])
    return results


def score(results):
    """{group: (matching, total)} for 'course' and 'rest' (documented quirks left out)."""
    out = {}
    for group in ("course", "rest"):
        chosen = [r for r in results if (r.example.command in COURSE) == (group == "course") and r.status != "quirk"]
        out[group] = (sum(r.status == "match" for r in chosen), len(chosen))
    return out


def report(results, out=sys.stdout):
    for r in results:
        if r.status not in ("match",):
            print(f"{r.status:6} {r.example.key:45} {'; '.join(r.differences)[:400]}", file=out)
    for group, (ok, total) in score(results).items():
        print(f"{group}: {ok}/{total} documented examples match", file=out)
    print(f"HTTP 500: {sum(r.http_500 for r in results)}", file=out)


def main():
    import labkit

    lab = labkit.start(quiet=True)
    results = run_all(lab)
    report(results)
    lab.local.stop()


if __name__ == "__main__":
    main()
