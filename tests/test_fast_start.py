"""The local AWS starts fast without changing what it answers.

moto reads every region's instance-type offerings when it is imported (91 files, 14 MB of JSON);
labkit.local_aws.lazy_offerings defers each region's file to its first use. These tests rely on
that fix of ours: they check it is in place and that a deferred region answers exactly what moto's
own eager loading gives.
"""

import json
import os
import subprocess
import sys

import pytest


def _moto_offerings_eager(location_type, region):
    """What moto itself loads for one region's file (its own loader, its own LocationType tag)."""
    from moto.utilities.utils import load_resource

    rows = load_resource(f"ec2/resources/instance_type_offerings/{location_type}/{region}.json")
    for row in rows:
        row["LocationType"] = location_type
    return rows


def test_offerings_are_deferred_in_the_kits_process(_session_lab):
    from moto.ec2.models import instance_types

    from labkit.local_aws.lazy_offerings import LazyOfferings

    for location_type in ("region", "availability-zone", "availability-zone-id"):
        table = instance_types.INSTANCE_TYPE_OFFERINGS[location_type]
        assert isinstance(table, LazyOfferings), location_type
        assert "eu-west-3" in table  # known without being read
        assert len(table.loaded_regions()) <= 3, table.loaded_regions()  # the lab's regions only


@pytest.mark.parametrize("location_type", ["region", "availability-zone", "availability-zone-id"])
@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1", "ap-southeast-2"])
def test_a_deferred_region_answers_what_moto_loads(_session_lab, location_type, region):
    from moto.ec2.models import instance_types

    table = instance_types.INSTANCE_TYPE_OFFERINGS[location_type]
    assert table[region] == _moto_offerings_eager(location_type, region)
    assert table.get(region) is table[region]
    assert table.get("marte-1", []) == []
    with pytest.raises(KeyError):
        table["marte-1"]


def test_whole_table_matches_moto_when_iterated(_session_lab):
    from moto.ec2.models import instance_types

    table = instance_types.INSTANCE_TYPE_OFFERINGS["region"]
    regions = sorted(table)
    assert "us-east-1" in regions and "sa-east-1" in regions and len(regions) > 25
    assert dict(table.items())["sa-east-1"] == _moto_offerings_eager("region", "sa-east-1")
    assert len(table) == len(regions)


def test_answers_through_the_api_are_unchanged(account):
    ec2 = account.ec2
    offers = ec2.describe_instance_type_offerings(
        LocationType="availability-zone", Filters=[{"Name": "instance-type", "Values": ["t3.micro"]}]
    )["InstanceTypeOfferings"]
    assert {o["Location"] for o in offers} >= {"us-east-1a", "us-east-1b"}
    other = account.session.client("ec2", endpoint_url=account.endpoint, region_name="eu-north-1")
    offers = other.describe_instance_type_offerings(
        Filters=[{"Name": "instance-type", "Values": ["t3.micro"]}]
    )["InstanceTypeOfferings"]
    assert [o["Location"] for o in offers] == ["eu-north-1"]


def test_a_fresh_process_reads_only_its_region():
    code = (
        "import json, labkit\n"
        "from labkit import scenario\n"
        "lab = labkit.start(quiet=True)\n"
        "scenario.ensure(lab)\n"
        "from moto.ec2.models import instance_types as it\n"
        "print(json.dumps({k: v.loaded_regions() for k, v in it.INSTANCE_TYPE_OFFERINGS.items()}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LABKIT_ENDPOINT", "AWS_ENDPOINT_URL")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                         check=True).stdout
    loaded = json.loads(out.strip().splitlines()[-1])
    assert loaded == {"region": ["us-east-1"], "availability-zone": [], "availability-zone-id": []}


def test_service_listing_is_read_once_per_process(_session_lab, monkeypatch):
    import botocore.session

    first = botocore.session.get_session().get_component("data_loader").list_available_services("service-2")
    assert "ec2" in first and "sts" in first

    def no_disk(path):
        raise AssertionError(f"listed {path} again")

    monkeypatch.setattr("os.listdir", no_disk)
    second = botocore.session.get_session().get_component("data_loader").list_available_services("service-2")
    assert second == first and second is not first


def test_bundled_models_are_parsed_once_per_process(_session_lab, monkeypatch):
    import botocore.session
    from botocore.loaders import JSONFileLoader

    loader = botocore.session.get_session().get_component("data_loader")
    model = loader.load_service_model("ec2", "service-2")
    monkeypatch.setattr("json.loads", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parsed again")))
    again = botocore.session.get_session().get_component("data_loader").load_service_model("ec2", "service-2")
    assert again["metadata"]["endpointPrefix"] == model["metadata"]["endpointPrefix"] == "ec2"
    assert JSONFileLoader.load_file.__module__ == "labkit.local_aws.model_cache"


def test_every_caller_gets_its_own_copy_of_a_cached_model(_session_lab):
    """botocore merges extras into the dict it loads: a shared cached dict would leak one caller's
    changes into the next. Relies on labkit.local_aws.model_cache (our fix)."""
    import botocore.session

    first = botocore.session.get_session().get_component("data_loader").load_service_model("ec2", "service-2")
    first["metadata"]["endpointPrefix"] = "changed by a caller"
    first["operations"].pop("CreateSnapshot")
    again = botocore.session.get_session().get_component("data_loader").load_service_model("ec2", "service-2")
    assert again["metadata"]["endpointPrefix"] == "ec2"
    assert "CreateSnapshot" in again["operations"]


def test_the_model_cache_stays_out_on_another_botocore(monkeypatch):
    """It patches botocore internals, so it only installs on the pinned botocore."""
    import botocore
    from botocore.loaders import JSONFileLoader, Loader

    from labkit.local_aws import model_cache, settings

    def load_file(self, file_path):
        return None

    def list_available_services(self, type_name):
        return []

    monkeypatch.setattr(model_cache, "_installed", False)
    monkeypatch.setattr(JSONFileLoader, "load_file", load_file)
    monkeypatch.setattr(Loader, "list_available_services", list_available_services)
    monkeypatch.setattr(botocore, "__version__", "1.99.0")
    assert model_cache.install() is False
    assert JSONFileLoader.load_file is load_file and Loader.list_available_services is list_available_services
    monkeypatch.setattr(botocore, "__version__", settings.PINNED_BOTOCORE)
    assert model_cache.install() is True
    assert JSONFileLoader.load_file is not load_file
