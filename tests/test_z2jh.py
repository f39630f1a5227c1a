"""The road to a cluster, checked here: classroom/z2jh/config.yaml merged over the Zero to
JupyterHub chart's default values validates against the chart's own values schema (what Helm
does before rendering), and the single-user image installs with the script `make install` runs.
The image itself needs a container engine to build, which the tests do not assume."""

import copy
import re
import runpy
import types
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


class _Config(dict):
    """What the config file's ``c`` needs here: ``c.Section.option = value`` (and then reading it)."""

    def __getattr__(self, section):
        return self.setdefault(section, types.SimpleNamespace())


def _local_hub_config():
    """classroom/jupyterhub_config.py's settings (the one-server class that tests/test_jupyterhub.py
    runs, with a student who tries to write another's row), run as JupyterHub runs it."""
    config = _Config()
    runpy.run_path(str(ROOT / "classroom" / "jupyterhub_config.py"), init_globals={"get_config": lambda: config})
    return config


def test_the_live_view_runs_as_the_hubs_service_with_the_tested_roles(config):
    from urllib.parse import urlparse

    local = _local_hub_config()
    hub = config["hub"]
    # The same roles and scopes as on one server, where the hub test checks them for real: the
    # service reads who is an admin; a student's server token and a student may reach it.
    local_roles = {role["name"]: role for role in local.JupyterHub.load_roles}
    for name in ("progreso", "server", "user"):
        assert sorted(hub["loadRoles"][name]["scopes"]) == sorted(local_roles[name]["scopes"]), name
    assert hub["loadRoles"]["progreso"]["services"] == ["progreso"]
    local_service = next(s for s in local.JupyterHub.services if s["name"] == "progreso")
    service = hub["services"]["progreso"]
    assert service["oauth_no_confirm"] is local_service["oauth_no_confirm"] is True
    # Its process: classroom/progreso.py from the students' image, beside the hub, with the
    # token the chart generates for it, on the port the service, the hub's k8s Service, the
    # network policies and the students' LABKIT_PROGRESS_URL all name.
    container = next(c for c in hub["extraContainers"] if c["name"] == "progreso")
    image = config["singleuser"]["image"]
    assert container["image"] == f"{image['name']}:{image['tag']}"
    assert container["command"] == ["python", "/opt/labkit/classroom/progreso.py"]
    assert (ROOT / "classroom" / "progreso.py").exists()
    env = {e["name"]: e.get("value", e.get("valueFrom")) for e in container["env"]}
    assert env["JUPYTERHUB_API_TOKEN"]["secretKeyRef"] == {"name": "hub", "key": "hub.services.progreso.apiToken"}
    assert env["JUPYTERHUB_SERVICE_NAME"] == "progreso"
    port = urlparse(service["url"]).port
    assert urlparse(env["JUPYTERHUB_SERVICE_URL"]).port == port
    assert [p["containerPort"] for p in container["ports"]] == [port]
    assert {"port": port, "targetPort": port} in [{k: p[k] for k in ("port", "targetPort")}
                                                   for p in hub["service"]["extraPorts"]]
    assert any(p["port"] == port for rule in hub["networkPolicy"]["ingress"] for p in rule["ports"])
    assert any(p["port"] == port for rule in config["singleuser"]["networkPolicy"]["egress"] for p in rule["ports"])
    progress_url = urlparse(config["singleuser"]["extraEnv"]["LABKIT_PROGRESS_URL"])
    assert progress_url.port == port and progress_url.path == env["JUPYTERHUB_SERVICE_PREFIX"] == "/services/progreso/"
    # Its results are kept on the hub's volume.
    mounts = [m["mountPath"] for m in container["volumeMounts"]]
    assert any(env["LABKIT_PROGRESS_DB"].startswith(m.rstrip("/") + "/") for m in mounts)
