"""The road to a cluster, checked here: classroom/z2jh/config.yaml merged over the Zero to
JupyterHub chart's default values validates against the chart's own values schema (what Helm
does before rendering), and the single-user image installs with the script `make install` runs.
The image itself needs a container engine to build, which the tests do not assume."""

import copy
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
Z2JH = ROOT / "classroom" / "z2jh"


def merged(values, defaults):
    """Helm's merge of a values file over the chart's defaults (maps merge, anything else replaces)."""
    out = copy.deepcopy(defaults)
    for key, value in values.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(value, out[key])
        else:
            out[key] = copy.deepcopy(value)
    return out


def problems(values):
    schema = yaml.safe_load((Z2JH / "values.schema.yaml").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((Z2JH / "values.default.yaml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator.iter_errors(merged(values, defaults)))


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load((Z2JH / "config.yaml").read_text(encoding="utf-8"))


def test_the_class_config_is_valid_for_the_chart(config):
    assert problems(config) == []


@pytest.mark.parametrize("bad", [
    {"cull": {"timeout": "una hora"}},                   # a string where the chart wants an integer
    {"singleuser": {"memoria": {"guarantee": "400M"}}},  # a key the chart does not know
    {"singleuser": {"storage": {"type": "nube"}}},       # not one of the chart's storage types
])
def test_a_value_the_chart_would_reject_fails_here(config, bad):
    assert problems(merged(bad, config)), f"the schema accepted {bad}"


def test_the_config_runs_the_kit_as_sized_and_culled(config):
    single = config["singleuser"]
    assert single["cmd"] == ["python", "/opt/labkit/classroom/singleuser.py"]
    assert single["extraEnv"]["LABKIT_MODE"] == "mock"
    assert config["cull"]["enabled"] is True
    assert (ROOT / "classroom" / "singleuser.py").exists()


def test_the_image_installs_with_the_makefiles_script():
    dockerfile = (ROOT / "classroom" / "Dockerfile").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^RUN bash tools/install\.sh /opt/venv", dockerfile, re.M)
    assert re.search(r"^\tbash tools/install\.sh \$\(VENV\)", makefile, re.M)
    config = yaml.safe_load((Z2JH / "config.yaml").read_text(encoding="utf-8"))
    assert f'CMD ["python", "{config["singleuser"]["cmd"][1]}"]' in dockerfile
