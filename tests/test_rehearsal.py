"""Real mode (``mode="aws"``) against the rehearsal account (labkit/local_aws/rehearsal.py): a
local AWS that plays a real account — slow snapshots, thousands of public AMIs, a colleague's
untagged volume, snapshot and AMI — and witnesses every destructive request on a resource
without the kit's tag. On a real account the kit must make none (docs/aws-behaviour.md: the kit
only changes what it tagged, as the README promises)."""

import json
import re
from pathlib import Path

import pytest

import labkit
from labkit import actions, lesson, safety, scenario, sharing
from labkit.local_aws import rehearsal as rehearsal_module

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# A Python traceback, or botocore's English errors, reaching the student.
ENGLISH = re.compile(r"Traceback \(most recent call last\)|botocore\.exceptions|WaiterError|ClientError:|"
                     r"ParamValidationError|EndpointConnectionError")


@pytest.fixture(scope="module")
def _rehearsal():
    r = rehearsal_module.start(public_images=3000, snapshot_seconds=2.0)
    yield r
    r.stop()


@pytest.fixture
def rehearsal(_rehearsal, monkeypatch):
    """The module's rehearsal account, with its slow snapshots (the local AWS reads this per snapshot)."""
    for key, value in _rehearsal.pace().items():
        monkeypatch.setenv(key, value)
    return _rehearsal


@pytest.fixture(scope="module")
def _colleague(_rehearsal):
    return rehearsal_module.add_colleague(_rehearsal.lab())


@pytest.fixture
def colleague(rehearsal, _colleague):
    """The colleague's untagged resources, and how they look before the test."""
    lab = rehearsal.lab()
    before = rehearsal_module.describe_colleague(lab, _colleague)
    yield _colleague
    assert rehearsal_module.describe_colleague(lab, _colleague) == before


def test_the_cost_is_shown_before_anything_is_created(rehearsal):
    lab = rehearsal.lab()
    rehearsal.clear()
    with pytest.raises(labkit.LabkitError, match=r"USD por hora en eu-west-1") as info:
        scenario.ensure(lab)
    assert "confirm=True" in info.value.todo
    assert all(not a.startswith(("Create", "Run", "Register")) for a in rehearsal.actions())


def test_the_identity_cannot_touch_amazons_amis(rehearsal):
    from botocore.exceptions import ClientError

    lab = rehearsal.lab()
    amazon = scenario.base_image_id(lab)
    with pytest.raises(ClientError) as info:
        lab.ec2.deregister_image(ImageId=amazon)  # boto3 directly: no guard rail in the way
    assert info.value.response["Error"]["Code"] in ("AuthFailure", "UnauthorizedOperation")
    assert "credenciales" not in labkit.messages.explain(info.value).what
    assert lab.ec2.describe_images(ImageIds=[amazon])["Images"][0]["State"] == "available"


# --- the matrix: every destructive call the kit can make, aimed at what it did not create -------

def _kit_ami_on(lab, snapshot_id, name):
    """An AMI the kit registered (so, tagged) on a snapshot it did NOT make."""
    return actions.create_image_from_snapshot(lab, snapshot_id, name)


MATRIX = {
    "delete_snapshot": lambda lab, c: actions.delete_snapshot(lab, c["snapshot"]),
    "deregister_image": lambda lab, c: actions.deregister_image(lab, c["image"]),
    "deregister_image+snapshots": lambda lab, c: actions.deregister_image(lab, c["image"], delete_snapshots=True),
    "deregister_amazon_image": lambda lab, c: actions.deregister_image(lab, scenario.base_image_id(lab)),
    "deregister_kit_ami_on_their_snapshot": lambda lab, c: actions.deregister_image(
        lab, _kit_ami_on(lab, c["snapshot"], "ami-del-kit-sobre-ajeno"), delete_snapshots=True),
    "share_snapshot": lambda lab, c: sharing.share_snapshot(lab, c["snapshot"], "111122223333"),
    "require_owned_volume": lambda lab, c: safety.require_owned(lab, c["volume"]),
}


@pytest.mark.parametrize("name", MATRIX)
def test_no_destructive_request_on_what_the_kit_did_not_tag(rehearsal, colleague, name):
    lab = rehearsal.lab()
    scenario.ensure(lab, confirm=True)
    rehearsal.clear()
    with pytest.raises(labkit.LabkitError) as info:
        MATRIX[name](lab, colleague)
    assert info.value.code == "LabkitNotOwned", info.value
    assert rehearsal.untouchable_hits == []


def test_lesson_begin_leaves_what_it_did_not_tag_even_with_the_lessons_names(rehearsal, colleague):
    lab = rehearsal.lab()
    scenario.ensure(lab, confirm=True)
    kit_ami = _kit_ami_on(lab, colleague["snapshot"], "ami-06-limpieza")  # the kit's AMI, their snapshot
    rehearsal.clear()
    lesson.begin(lab, snapshot_descriptions=["respaldo de producción"], image_names=["produccion-colega",
                 "ami-06-limpieza"], volume_names=["producción (de un colega)"])
    assert rehearsal.untouchable_hits == []
    assert ("DeregisterImage" in rehearsal.actions()
            and lab.ec2.describe_images(ImageIds=[kit_ami])["Images"] == [])  # the kit's own AMI did go


def test_destroy_removes_only_the_kits_resources(rehearsal, colleague):
    lab = rehearsal.lab()
    scenario.ensure(lab, confirm=True)
    mine = actions.create_snapshot(lab, _data_volume(lab), "del kit, para limpiar")
    rehearsal.clear()
    with pytest.raises(labkit.LabkitError, match="confirm=True"):
        scenario.destroy(lab)
    assert rehearsal.actions() == [] or all(a.startswith("Describe") for a in rehearsal.actions())
    assert scenario.destroy(lab, confirm=True)
    assert rehearsal.untouchable_hits == []
    assert mine not in {s["SnapshotId"] for s in lab.ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]}
    assert scenario.find(lab) is None


def _data_volume(lab):
    found = scenario.ensure(lab, confirm=True)
    return lab.ec2.describe_volumes(Filters=[
        {"Name": "attachment.instance-id", "Values": [found.private_instance_id]},
        {"Name": "attachment.device", "Values": [scenario.DATA_DEVICE]}])["Volumes"][0]["VolumeId"]


def test_the_partial_deregistration_is_reported_as_what_happened(rehearsal):
    lab = rehearsal.lab()
    snap = actions.create_snapshot(lab, _data_volume(lab), "compartido por dos AMI")
    first = actions.create_image_from_snapshot(lab, snap, "primera-de-dos")
    second = actions.create_image_from_snapshot(lab, snap, "segunda-de-dos")
    result = actions.deregister_image(lab, first, delete_snapshots=True)
    assert (result.image_id, result.deleted, result.kept) == (first, [], {snap: second})
    note = str(result.notes[0])
    assert first in note and snap in note and second in note and "Qué hacer" in note
    assert lab.ec2.describe_images(ImageIds=[first])["Images"] == []  # it IS deregistered
    actions.deregister_image(lab, second, delete_snapshots=True)


# --- every lesson, top to bottom, in real mode ------------------------------------------------

@pytest.fixture(scope="module")
def fast_cli_waiters(tmp_path_factory):
    """`aws ec2 wait` polls every 15 s on AWS; here every second (time scaled like the snapshots)."""
    import botocore.session

    folder = tmp_path_factory.mktemp("aws-data")
    session = botocore.session.get_session()
    version = session.get_service_model("ec2").api_version
    model = session.get_component("data_loader").load_service_model("ec2", "waiters-2", version)
    for waiter in model["waiters"].values():
        waiter["delay"] = 1
    (folder / "ec2" / version).mkdir(parents=True)
    (folder / "ec2" / version / "waiters-2.json").write_text(json.dumps(model))
    return str(folder)


@pytest.fixture(scope="module")
def lessons_account(_rehearsal, _colleague):
    """The account a teacher has after confirming the scenario once (the cost was shown first)."""
    lab = _rehearsal.lab()
    scenario.ensure(lab, confirm=True)
    return _rehearsal, rehearsal_module.describe_colleague(lab, _colleague)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_lesson_runs_top_to_bottom_in_real_mode(rehearsal, lessons_account, fast_cli_waiters, path):
    import nbformat
    from nbclient import NotebookClient

    rehearsal.clear()
    nb = nbformat.read(path, as_version=4)
    env = rehearsal.env()
    env["AWS_DATA_PATH"] = fast_cli_waiters
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute(env=env)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        allowed = "raises-exception" in cell.metadata.get("tags", [])
        for out in cell.outputs:
            text = json.dumps(out.get("text", "")) + json.dumps(out.get("data", {}).get("text/plain", ""))
            assert out.output_type != "error" or allowed, f"{path.stem}: error in {cell.source[:80]!r}"
            assert not ENGLISH.search(text + "".join(out.get("traceback", []))), (
                f"{path.stem}: English error in {cell.source[:80]!r}: {text[:300]}")
    assert rehearsal.untouchable_hits == [], path.stem
    assert rehearsal.image_dumps == [], f"{path.stem} lists every public AMI"


def test_clean_up_after_the_lessons_leaves_the_colleague_as_they_were(rehearsal, lessons_account, _colleague):
    _, before = lessons_account
    lab = rehearsal.lab()
    rehearsal.clear()
    scenario.destroy(lab, confirm=True)
    assert rehearsal.untouchable_hits == []
    assert rehearsal_module.describe_colleague(lab, _colleague) == before


# --- what the rehearsal cannot time: fixed waits, region and AMI-listing assumptions ------------

SOURCES = sorted((ROOT / "tools" / "src").glob("*.py"))


def _code_lines(path):
    """The code lines of a lesson source (jupytext py:percent: `# !aws` lines are code too)."""
    lines, in_code = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# %%"):
            in_code = "[markdown]" not in line
        elif in_code:
            lines.append(line[2:] if line.startswith("# !") else line)
    return lines


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_no_lesson_waits_less_than_a_real_account_needs(path):
    """A snapshot or an encrypted copy takes minutes on AWS: every wait in a lesson polls its
    state for at least 10 minutes (`labkit.waits`, `aws ec2 wait`, or a waiter configured so)."""
    code = "\n".join(_code_lines(path))
    assert "time.sleep" not in code, path.stem
    for config in re.findall(r"WaiterConfig=\{([^}]*)\}", code):
        delay = float(re.search(r'"Delay":\s*([\d.]+)', config).group(1)) if "Delay" in config else 15
        attempts = float(re.search(r'"MaxAttempts":\s*(\d+)', config).group(1)) if "MaxAttempts" in config else 40
        assert delay * attempts >= 600, f"{path.stem}: WaiterConfig={{{config}}} gives up before 10 min"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_no_lesson_assumes_a_region_or_lists_every_public_ami(path):
    for line in _code_lines(path):
        assert not re.search(r"--(source-)?region\s+[a-z]{2}-[a-z]+-\d", line), f"{path.stem}: {line}"
        assert not re.search(r"region_name=|region=['\"]", line), f"{path.stem}: {line}"
        if "describe-images" in line and not line.rstrip().endswith("\\"):
            assert re.search(r"--owners?\b|--filters|--image-ids", line), f"{path.stem} lists every AMI: {line}"
        if "describe_images(" in line:
            assert re.search(r"Owners=|Filters=|ImageIds=", line), f"{path.stem} lists every AMI: {line}"
