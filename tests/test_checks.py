"""Every exercise check in ``labkit.checks``, four ways: the right answer, nothing done, at least one
plausible wrong answer, and the right answer in another shape (text, spaces, ``--owners=self``, the
CLI instead of boto3). No check may pass when the student did nothing.

``CASES`` holds one list per check; ``test_every_check_is_tested_four_ways`` fails when a check is
added to ``checks.CHECKS`` without its cases. The 03 checks have more cases in test_checks_03.py.
"""

from types import SimpleNamespace

import pytest

from labkit import checks, scenario, storage

PUBLIC, PRIVATE = scenario.NAMES["public"], scenario.NAMES["private"]
KINDS = ("right", "nothing", "wrong", "shape")


# --- account helpers (what a student would have done) -------------------------------------------
def _env(lab):
    found = scenario.ensure(lab)
    ec2 = lab.ec2

    def volume(instance_id, device):
        return ec2.describe_volumes(Filters=[
            {"Name": "attachment.instance-id", "Values": [instance_id]},
            {"Name": "attachment.device", "Values": [device]}])["Volumes"][0]

    return SimpleNamespace(lab=lab, ec2=ec2, found=found, volume=volume,
                           public_root=volume(found.public_instance_id, "/dev/xvda"),
                           private_root=volume(found.private_instance_id, "/dev/xvda"),
                           private_data=volume(found.private_instance_id, "/dev/sdf"))


def _snapshot(e, volume_id, description="x"):
    snap = e.ec2.create_snapshot(VolumeId=volume_id, Description=description)["SnapshotId"]
    e.ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snap], WaiterConfig={"Delay": 1})
    return snap


def _register(e, name, snapshot_id, arch="x86_64", device="/dev/xvda", root="/dev/xvda"):
    return e.ec2.register_image(Name=name, RootDeviceName=root, Architecture=arch, VirtualizationType="hvm",
                                BlockDeviceMappings=[{"DeviceName": device, "Ebs": {"SnapshotId": snapshot_id}}])["ImageId"]


def _run(e, image_id, count=1):
    e.ec2.run_instances(ImageId=image_id, MinCount=count, MaxCount=count, InstanceType="t3.micro")


def _al2023(e, arch):
    return e.ec2.describe_images(Owners=["amazon"], Filters=[
        {"Name": "name", "Values": ["al2023-ami-2023*"]}, {"Name": "architecture", "Values": [arch]}])["Images"][0]["ImageId"]


# --- each check: (kind, what the student did and answered -> Feedback, words the message must hold) ---
def _root_snapshot(answer):
    return lambda e: checks.root_snapshot(e.lab, PUBLIC, answer(e) if callable(answer) else answer)


def _snapshot_of_volume(e, volume_id=None, description="DEMO 16 · raíz de la instancia pública", cli=None):
    if cli:
        cli(f'aws ec2 create-snapshot --volume-id {e.public_root["VolumeId"]} --description "{description}"')
    elif volume_id:
        _snapshot(e, volume_id, description)
    return checks.snapshot_of_volume(e.lab, PUBLIC, "/dev/xvda", "DEMO 16 · raíz de la instancia pública")


def _snapshots_of_instance(e, instance="private", exclude_boot=False, cli=None):
    desc = "DEMO 16 · instancia privada completa"
    instance_id = getattr(e.found, f"{instance}_instance_id") if instance else None
    if cli:
        cli(["aws", "ec2", "create-snapshots", "--instance-specification", f"InstanceId={instance_id}",
             "--description", desc])
    elif instance_id:
        e.ec2.create_snapshots(InstanceSpecification={"InstanceId": instance_id, "ExcludeBootVolume": exclude_boot},
                               Description=desc)
    return checks.snapshots_of_instance(e.lab, PRIVATE, desc)


def _image_from_snapshot(e, how):
    snap = _snapshot(e, e.public_root["VolumeId"])
    other = _snapshot(e, e.private_data["VolumeId"])
    if how == "right":
        _register(e, "demo17-ejercicio", snap)
    elif how == "other-snapshot":
        _register(e, "demo17-ejercicio", other)
    elif how == "arm":
        _register(e, "demo17-ejercicio", snap, arch="arm64")
    elif how == "device-mismatch":
        _register(e, "demo17-ejercicio", snap, device="/dev/sda1")
    elif how == "cli":
        e.cli(["aws", "ec2", "register-image", "--name", "demo17-ejercicio", "--root-device-name", "/dev/xvda",
               "--architecture", "x86_64", "--virtualization-type", "hvm",
               "--block-device-mappings", f"DeviceName=/dev/xvda,Ebs={{SnapshotId={snap}}}"])
    return checks.image_from_snapshot(e.lab, "demo17-ejercicio", snap)


def _instances(e, how, at_least=1, made_in="el ejercicio 1"):
    if how != "no-image":
        image = _register(e, "demo17-ejercicio", _snapshot(e, e.public_root["VolumeId"]))
        if how == "one":
            _run(e, image)
        elif how == "three-at-once":
            _run(e, image, count=3)
        elif how == "other-image":
            _run(e, _al2023(e, "x86_64"))
        elif how == "terminated":
            e.ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1)
            ids = [i["InstanceId"] for r in e.ec2.describe_instances(Filters=[
                {"Name": "image-id", "Values": [image]}])["Reservations"] for i in r["Instances"]]
            e.ec2.terminate_instances(InstanceIds=ids)
    return checks.instances_from_image(e.lab, "demo17-ejercicio", at_least=at_least, made_in=made_in)


def _cleanup(e, how):
    snap = _snapshot(e, e.public_root["VolumeId"], "06 · ejercicio de limpieza")
    image = _register(e, "ami-06-ejercicio", snap)
    if how in ("right", "deregister-only"):
        e.ec2.deregister_image(ImageId=image)
    if how == "right":
        e.ec2.delete_snapshot(SnapshotId=snap)
    if how == "cli":
        e.cli(f"aws ec2 deregister-image --image-id {image}")
        e.cli(f"aws ec2 delete-snapshot --snapshot-id {snap}")
    if how == "snapshot-first":
        assert e.cli(f"aws ec2 delete-snapshot --snapshot-id {snap}", check=False).returncode != 0
    return checks.cleaned_up(e.lab, image, snap)


def _shared(e, how):
    snap = _snapshot(e, e.private_data["VolumeId"], "07 · sin cifrar")
    if how == "right":
        e.ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission", OperationType="add",
                                        UserIds=["444455556666"])
    elif how == "cli":
        e.cli(["aws", "ec2", "modify-snapshot-attribute", "--snapshot-id", snap, "--attribute",
               "createVolumePermission", "--operation-type", "add", "--user-ids", "444455556666"])
    elif how == "other-account":
        e.ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission", OperationType="add",
                                        UserIds=["111122223333"])
    elif how == "public":
        e.ec2.modify_snapshot_attribute(SnapshotId=snap, Attribute="createVolumePermission", OperationType="add",
                                        GroupNames=["all"])
    return checks.shared_with(e.lab, snap, "444455556666")


def _encrypted(e, how):
    source = _snapshot(e, e.private_data["VolumeId"], "07 · sin cifrar")
    if how == "nothing":
        return checks.encrypted_copy_of(e.lab, None, source)
    if how == "source":
        return checks.encrypted_copy_of(e.lab, source, source)
    plain = how == "unencrypted"
    copy = e.ec2.copy_snapshot(SourceSnapshotId=source, SourceRegion=e.lab.region, Encrypted=not plain,
                               Description="07 · copia")["SnapshotId"]
    answer = f"  {copy}\n" if how == "spaces" else copy
    return checks.encrypted_copy_of(e.lab, answer, source)


def _history(second_start=0, blocks=False):
    model = storage.Model()
    vol = model.create_volume(20)
    if blocks:   # the same history written with block ranges (2048 blocks per GiB)
        vol.write_blocks(0, 8 * 2048).snapshot("lunes")
        vol.write_blocks(4 * 2048, 6 * 2048).snapshot("martes")
        vol.write_blocks(8 * 2048, 11 * 2048).snapshot("miércoles")
        return model
    vol.write(8).snapshot("lunes")
    vol.write(2, start_gib=second_start).snapshot("martes")
    vol.write(3, start_gib=8).snapshot("miércoles")
    return model


POLICY = {"volume_gib": 200, "change_pct": 1, "keep": 14}

CASES = {
    "root_snapshot": [
        ("right", _root_snapshot(lambda e: e.public_root["SnapshotId"]), ["nació"]),
        ("nothing", _root_snapshot(None), ["`respuesta`"]),
        ("wrong", _root_snapshot(lambda e: e.public_root["VolumeId"]), ["volumen raíz"]),
        ("wrong", _root_snapshot(lambda e: _al2023(e, "x86_64")), ["`AMI`"]),
        ("wrong", _root_snapshot("snap-0123456789abcdef0"), ["no es el `snapshot`"]),
        ("shape", _root_snapshot(lambda e: f' "{e.public_root["SnapshotId"]}" '), []),
    ],
    "incremental_total": [
        ("right", lambda e: checks.incremental_total(35, written=30, changed=5), ["35 GiB"]),
        ("nothing", lambda e: checks.incremental_total(None, written=30, changed=5), ["`gib`"]),
        ("wrong", lambda e: checks.incremental_total(60, written=30, changed=5), ["dos copias completas"]),
        ("wrong", lambda e: checks.incremental_total(105, written=30, changed=5), ["tamaño del volumen"]),
        ("wrong", lambda e: checks.incremental_total("treinta", written=30, changed=5), ["número"]),
        ("shape", lambda e: checks.incremental_total("35", written=30, changed=5), []),
        ("shape", lambda e: checks.incremental_total(" 35 GiB ", written=30, changed=5), []),
        ("shape", lambda e: checks.incremental_total(35.0, written=30, changed=5), []),
    ],
    "arm64_image": [
        ("right", lambda e: checks.arm64_image(e.lab, _al2023(e, "arm64")), ["arm64"]),
        ("nothing", lambda e: checks.arm64_image(e.lab, None), ["`respuesta`"]),
        ("wrong", lambda e: checks.arm64_image(e.lab, _al2023(e, "x86_64")), ["Architecture"]),
        ("wrong", lambda e: checks.arm64_image(e.lab, "arm64"), ["`ami-`"]),
        ("shape", lambda e: checks.arm64_image(e.lab, f" {_al2023(e, 'arm64')}\n"), []),
    ],
    "create_image_reboot": [
        ("right", lambda e: checks.create_image_reboot("b"), ["--no-reboot"]),
        ("nothing", lambda e: checks.create_image_reboot(None), ["«a», «b» o «c»"]),
        ("wrong", lambda e: checks.create_image_reboot("a"), ["--no-reboot"]),
        ("wrong", lambda e: checks.create_image_reboot("c"), ["detenida"]),
        ("shape", lambda e: checks.create_image_reboot(" B) "), []),
    ],
    "instances_from_image": [
        ("right", lambda e: _instances(e, "one"), ["1 instancia"]),
        ("nothing", lambda e: _instances(e, "no-image"), ["crea primero la `AMI` en el ejercicio 1"]),
        ("nothing", lambda e: _instances(e, "image-only"), ["hay 0 instancias"]),
        ("wrong", lambda e: _instances(e, "other-image"), ["hay 0 instancias"]),
        ("wrong", lambda e: _instances(e, "terminated"), ["hay 0 instancias"]),
        ("wrong", lambda e: _instances(e, "one", at_least=3), ["hay 1 instancia", "al menos 3"]),
        ("shape", lambda e: _instances(e, "three-at-once", at_least=3), ["3 instancias"]),
    ],
    "persistent_data": [
        ("right", lambda e: checks.persistent_data("b"), ["fuera de las instancias"]),
        ("nothing", lambda e: checks.persistent_data(None), ["«a», «b» o «c»"]),
        ("wrong", lambda e: checks.persistent_data("a"), ["perderías"]),
        ("wrong", lambda e: checks.persistent_data("c"), ["perderías"]),
        ("shape", lambda e: checks.persistent_data("(B)"), []),
    ],
    "cleaned_up": [
        ("right", lambda e: _cleanup(e, "right"), ["primero la `AMI`"]),
        ("nothing", lambda e: _cleanup(e, "nothing"), ["sigue registrada", "`deregister-image`"]),
        ("wrong", lambda e: _cleanup(e, "deregister-only"), ["sigue ahí", "`delete-snapshot`"]),
        ("wrong", lambda e: _cleanup(e, "snapshot-first"), ["sigue registrada"]),
        ("shape", lambda e: _cleanup(e, "cli"), []),
    ],
    "documented_owner_option": [
        ("right", lambda e: checks.documented_owner_option("--owners self"), ["documentada"]),
        ("nothing", lambda e: checks.documented_owner_option(None), ["opción completa"]),
        ("wrong", lambda e: checks.documented_owner_option("--owner self"), ["abreviatura"]),
        ("wrong", lambda e: checks.documented_owner_option("--owner-ids self"), ["describe-snapshots"]),
        ("shape", lambda e: checks.documented_owner_option("--owners=self"), []),
        ("shape", lambda e: checks.documented_owner_option("  --owners   'self' "), []),
    ],
    "shared_with": [
        ("right", lambda e: _shared(e, "right"), ["444455556666"]),
        ("nothing", lambda e: _shared(e, "nothing"), ["nadie"]),
        ("wrong", lambda e: _shared(e, "other-account"), ["111122223333"]),
        ("wrong", lambda e: _shared(e, "public"), ["público"]),
        ("shape", lambda e: _shared(e, "cli"), []),
    ],
    "encrypted_copy_of": [
        ("right", lambda e: _encrypted(e, "right"), ["copia cifrada"]),
        ("nothing", lambda e: _encrypted(e, "nothing"), ["`respuesta`"]),
        ("wrong", lambda e: _encrypted(e, "unencrypted"), ["no está cifrado"]),
        ("wrong", lambda e: _encrypted(e, "source"), ["original"]),
        ("shape", lambda e: _encrypted(e, "spaces"), []),
    ],
    "snapshot_of_volume": [
        ("right", lambda e: _snapshot_of_volume(e, e.public_root["VolumeId"]), ["/dev/xvda"]),
        ("nothing", lambda e: _snapshot_of_volume(e), ["no hay ningún"]),
        ("wrong", lambda e: _snapshot_of_volume(e, e.private_root["VolumeId"]), ["otro volumen"]),
        ("wrong", lambda e: _snapshot_of_volume(e, e.public_root["VolumeId"], description="DEMO 16"), ["descripción"]),
        ("shape", lambda e: _snapshot_of_volume(e, cli=e.cli), []),
    ],
    "snapshots_of_instance": [
        ("right", lambda e: _snapshots_of_instance(e), ["de cada volumen"]),
        ("nothing", lambda e: _snapshots_of_instance(e, instance=None), ["no hay `snapshots`"]),
        ("wrong", lambda e: _snapshots_of_instance(e, exclude_boot=True), ["raíz", "Exclude root volume"]),
        ("wrong", lambda e: _snapshots_of_instance(e, instance="public"), ["raíz"]),
        ("shape", lambda e: _snapshots_of_instance(e, cli=e.cli), []),
    ],
    "console_instance_api": [
        ("right", lambda e: checks.console_instance_api("CreateSnapshots"), ["create-snapshots"]),
        ("nothing", lambda e: checks.console_instance_api(None), ["nombre de la API"]),
        ("wrong", lambda e: checks.console_instance_api("CreateSnapshot"), ["singular"]),
        ("wrong", lambda e: checks.console_instance_api("CreateImage"), ["nombre de la API"]),
        ("shape", lambda e: checks.console_instance_api(" create-snapshots "), []),
        ("shape", lambda e: checks.console_instance_api("ec2:CreateSnapshots"), []),
    ],
    "image_from_snapshot": [
        ("right", lambda e: _image_from_snapshot(e, "right"), ["arranca"]),
        ("nothing", lambda e: _image_from_snapshot(e, "nothing"), ["ninguna `AMI`"]),
        ("wrong", lambda e: _image_from_snapshot(e, "other-snapshot"), ["no viene de ese `snapshot`"]),
        ("wrong", lambda e: _image_from_snapshot(e, "device-mismatch"), ["--root-device-name"]),
        ("wrong", lambda e: _image_from_snapshot(e, "arm"), ["arm64"]),
        ("shape", lambda e: _image_from_snapshot(e, "cli"), []),
    ],
    "register_image_command": [
        ("right", lambda e: checks.register_image_command("aws ec2 register-image"), ["register-image"]),
        ("nothing", lambda e: checks.register_image_command(None), ["escribe el comando"]),
        ("wrong", lambda e: checks.register_image_command("aws ec2 create-image"), ["instancia"]),
        ("wrong", lambda e: checks.register_image_command("aws ec2 copy-image"), ["no parte de un `snapshot`"]),
        ("shape", lambda e: checks.register_image_command("  AWS EC2  register-image --name demo "), []),
        ("shape", lambda e: checks.register_image_command("!aws ec2 register-image"), []),
    ],
    "deletion_billed": [
        ("right", lambda e: checks.deletion_billed(20, data=20, changed=5), ["20 GiB"]),
        ("nothing", lambda e: checks.deletion_billed(None, data=20, changed=5), ["`gib`"]),
        ("wrong", lambda e: checks.deletion_billed(5, data=20, changed=5), ["solo lo que B guarda"]),
        ("wrong", lambda e: checks.deletion_billed(25, data=20, changed=5), ["antes de borrar A"]),
        ("shape", lambda e: checks.deletion_billed("20", data=20, changed=5), []),
        ("shape", lambda e: checks.deletion_billed(" 20.0 ", data=20, changed=5), []),
    ],
    "own_history": [
        ("right", lambda e: checks.own_history(_history()), ["8 + 2 + 3"]),
        ("nothing", lambda e: checks.own_history(None), ["storage.Model()"]),
        ("wrong", lambda e: checks.own_history(_history(second_start=8)), ["segundo"]),
        ("shape", lambda e: checks.own_history(_history(second_start=6)), []),
        ("shape", lambda e: checks.own_history(_history(blocks=True)), []),
    ],
    "policy_cost": [
        ("right", lambda e: checks.policy_cost(11.3, **POLICY), ["11.30 USD", "2026-11", "us-east-1"]),
        ("nothing", lambda e: checks.policy_cost(None, **POLICY), ["`usd`"]),
        ("wrong", lambda e: checks.policy_cost(140.0, **POLICY), ["copias completas"]),
        ("wrong", lambda e: checks.policy_cost(35.0, **POLICY), ["90 días"]),
        ("wrong", lambda e: checks.policy_cost((11, 3), **POLICY), ["punto", "`usd = 11.3`"]),
        ("shape", lambda e: checks.policy_cost("11.30", **POLICY), []),
        ("shape", lambda e: checks.policy_cost("11,3", **POLICY), []),
    ],
}
ACCOUNT_FREE = {"incremental_total", "create_image_reboot", "persistent_data", "documented_owner_option",
                "console_instance_api", "register_image_command", "deletion_billed", "own_history", "policy_cost"}


def test_every_check_is_tested_four_ways():
    assert set(CASES) == set(checks.CHECKS), "a check without its cases (or a case for no check)"
    for name, cases in CASES.items():
        assert {kind for kind, _, _ in cases} == set(KINDS), f"{name}: missing a kind"


def _flat():
    for name, cases in CASES.items():
        for i, (kind, run, words) in enumerate(cases):
            yield pytest.param(name, kind, run, words, id=f"{name}-{kind}-{i}")


@pytest.mark.parametrize("name, kind, run, words", list(_flat()))
def test_check(name, kind, run, words, request):
    env = None
    if name not in ACCOUNT_FREE:
        env = _env(request.getfixturevalue("lab"))
        env.cli = request.getfixturevalue("cli")
    feedback = run(env)
    assert isinstance(feedback, checks.Feedback)
    if kind in ("right", "shape"):
        assert feedback.ok, feedback.message
        assert feedback.message.startswith("✅ ¡Correcto! ")
    else:
        assert not feedback.ok, f"{name} passed with {kind}: {feedback.message}"
        assert feedback.message.startswith("❌ Todavía no: ") and "\n\n💡 Pista: " in feedback.message
        assert "Todavía no: todavía" not in feedback.message
    for word in words:
        assert word in feedback.message, feedback.message


def test_a_malformed_id_is_spanish_feedback_not_a_traceback(lab):
    feedback = checks.encrypted_copy_of(lab, "snap-zz", "snap-0123456789abcdef0")
    assert not feedback.ok and feedback.message.startswith("❌ Todavía no:")


def test_checks_produce_their_result_in_one_place(monkeypatch):
    """Every registered check goes through ``check``'s wrapper (where a teacher's live view can hook)."""
    for name, fn in checks.CHECKS.items():
        assert getattr(fn, "__wrapped__", None) is not None, name
        assert getattr(checks, name) is fn
