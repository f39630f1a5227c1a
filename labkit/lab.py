"""The Lab: which AWS the kit talks to (local simulated or real), its clients, and the CLI env.

Every notebook starts with ``lab = labkit.start()`` (see 00_bienvenida.ipynb).
"""

import os
import re
import sys
from dataclasses import dataclass, field

import boto3

from . import messages
from .messages import LabkitError

MODES = ("mock", "aws")
DEFAULT_REGION = "us-east-1"
DUMMY_KEY = "testing"
# The one list of environment variables that decide which AWS account `aws ...` and boto3 reach.
# Mock mode sets the first group (``_mock_env``) and removes the second (a student's own profile
# or session must not redirect the simulated account); real mode puts back what was there before.
MOCK_ENV_KEYS = (
    "AWS_ENDPOINT_URL", "LABKIT_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
    "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_DEFAULT_OUTPUT",
)
MOCK_ENV_REMOVED = ("AWS_PROFILE", "AWS_SESSION_TOKEN")
AWS_ENV_KEYS = MOCK_ENV_KEYS + MOCK_ENV_REMOVED


@dataclass
class Lab:
    """One AWS account to work in: ``mode`` is 'mock' (local, simulated) or 'aws' (real)."""

    mode: str
    region: str
    account_id: str
    identity_arn: str
    endpoint: str | None
    session: boto3.Session = field(repr=False)
    local: object = field(default=None, repr=False)  # the in-process LocalAWS, if this kernel owns it
    _clients: dict = field(default_factory=dict, repr=False)

    def client(self, service):
        """A boto3 client for ``service`` on this lab's account (cached)."""
        if service not in self._clients:
            self._clients[service] = self.session.client(service, endpoint_url=self.endpoint)
        return self._clients[service]

    @property
    def ec2(self):
        return self.client("ec2")

    @property
    def is_mock(self):
        return self.mode == "mock"

    def cli_env(self):
        """The environment a subprocess (`aws ...`) needs to reach this lab's account."""
        env = dict(os.environ)
        env.update(_mock_env(self) if self.is_mock else {})
        env["PATH"] = _path_with_kit_bin(env.get("PATH", ""))
        return env

    def summary(self):
        """The one Spanish line that ``start()`` prints."""
        if self.is_mock:
            return messages.STARTED_MOCK.format(region=self.region, account=self.account_id, endpoint=self.endpoint)
        return messages.STARTED_AWS.format(account=self.account_id, arn=self.identity_arn, region=self.region)


_current = {}
_saved_env = {}


def start(mode=None, region=None, quiet=False):
    """Start (or reuse) the lab: local simulated AWS by default, real AWS with mode='aws'.

    Safe to call many times: the same kernel gets the same Lab back. Prints one Spanish line
    with mode, region, account and endpoint. Used by every notebook's first cell.
    """
    _install_notebook_errors()  # first: a bad argument in the first cell is explained too
    mode = (mode or os.environ.get("LABKIT_MODE") or "mock")
    mode = mode.strip().lower() if isinstance(mode, str) else mode
    if mode not in MODES:
        raise messages.error(messages.MODE_UNKNOWN, code="LabkitMode", mode=mode)
    if region is not None and region not in known_regions():
        raise messages.error(messages.REGION_UNKNOWN, code="LabkitRegion", region=region)

    lab = _current.get((mode, region))
    if lab is not None and (not lab.is_mock or _server_alive(lab)):
        _export_env(lab)
        if not quiet:
            print(lab.summary())
        return lab

    lab = _start_mock(region or DEFAULT_REGION) if mode == "mock" else _start_aws(region)
    _current[(mode, region)] = lab
    _export_env(lab)
    if not quiet:
        print(lab.summary())
    return lab


def known_regions():
    """Every region name botocore knows for EC2 (offline: read from botocore's data)."""
    session = boto3.Session()
    names = set()
    for partition in session.get_available_partitions():
        names.update(session.get_available_regions("ec2", partition_name=partition))
    return names


def _server_alive(lab):
    """True when ``lab``'s local AWS still answers; otherwise say so (Spanish) and forget it."""
    from . import local_aws

    if local_aws.is_alive(lab.endpoint):
        return True
    print((messages.LOCAL_DEAD if lab.local is not None else messages.SERVER_DEAD).format(endpoint=lab.endpoint))
    if os.environ.get("LABKIT_ENDPOINT") == lab.endpoint:
        os.environ.pop("LABKIT_ENDPOINT", None)
    return False


def _endpoint_problem(endpoint):
    """None when ``endpoint`` is a labkit local AWS; else the Spanish line that says what it is."""
    from . import local_aws

    if local_aws.is_alive(endpoint):
        return None
    if _answers_http(endpoint):
        return messages.NOT_LABKIT_ENDPOINT.format(endpoint=endpoint)
    return messages.SERVER_DEAD.format(endpoint=endpoint)


def _answers_http(endpoint, timeout=1.0):
    import urllib.error
    import urllib.request

    try:
        urllib.request.urlopen(endpoint, timeout=timeout).close()
    except urllib.error.HTTPError:
        return True  # it answered, with an HTTP error
    except (urllib.error.URLError, OSError, ValueError):
        return False
    return True


def _start_mock(region):
    from . import local_aws

    local = None
    endpoint = os.environ.get("LABKIT_ENDPOINT")
    problem = _endpoint_problem(endpoint) if endpoint else None
    if problem:
        print(problem)
        endpoint = None
    if not endpoint:
        local = _start_local_server(local_aws)
        endpoint = local.endpoint
    # A student on a class's local AWS has their own account (LABKIT_ACCOUNT, set by the hub).
    return mock_lab(endpoint, os.environ.get("LABKIT_ACCOUNT", ""), region, local)


def mock_lab(endpoint, account="", region=DEFAULT_REGION, local=None):
    """A Lab on the local AWS at ``endpoint``: in ``account`` (12 digits, one student's account on
    a class's local AWS), else in moto's single account. No STS round trip needed."""
    from . import local_aws

    account = (account or "").strip()
    if re.fullmatch(r"\d{12}", account):
        key, arn = local_aws.account_key(account), f"arn:aws:sts::{account}:user/moto"
    else:
        account, key, arn = local_aws.ACCOUNT_ID, DUMMY_KEY, local_aws.IDENTITY_ARN
    session = boto3.Session(aws_access_key_id=key, aws_secret_access_key=DUMMY_KEY, region_name=region)
    return Lab("mock", region, account, arn, endpoint, session, local)


def _start_local_server(local_aws):
    port = int(os.environ.get("LABKIT_PORT") or 0)
    try:
        return local_aws.start(port)
    except OSError:
        server = local_aws.start(0)
        print(messages.PORT_TAKEN.format(port=port, new_port=server.port))
        return server


def _start_aws(region):
    from botocore.exceptions import BotoCoreError, ClientError

    _restore_env()
    session = boto3.Session(region_name=region) if region else boto3.Session()
    if not session.region_name:
        raise messages.error(messages.NO_REGION, code="NoRegion")
    if session.region_name not in known_regions():
        raise messages.error(messages.REGION_UNKNOWN, code="LabkitRegion", region=session.region_name)
    try:
        ident = session.client("sts").get_caller_identity()
    except (ClientError, BotoCoreError) as exc:
        raise (messages.explain(exc) or exc) from None
    return Lab("aws", session.region_name, ident["Account"], ident["Arn"], None, session)


def _mock_env(lab):
    """The values of MOCK_ENV_KEYS for ``lab`` (a student's own ~/.aws files are hidden; the access
    key selects the student's account in a class's local AWS)."""
    values = (lab.endpoint, lab.endpoint, lab.session.get_credentials().access_key, DUMMY_KEY, lab.region, lab.region,
              os.devnull, os.devnull, "json")
    return dict(zip(MOCK_ENV_KEYS, values, strict=True))


def _export_env(lab):
    """Make `!aws` in this kernel reach ``lab``'s account, with the kit's own CLI first on PATH."""
    if lab.is_mock:
        for key in AWS_ENV_KEYS:
            _saved_env.setdefault(key, os.environ.get(key))
        for key in MOCK_ENV_REMOVED:
            os.environ.pop(key, None)
        os.environ.update(_mock_env(lab))
    else:
        _restore_env()
    os.environ["PATH"] = _path_with_kit_bin(os.environ.get("PATH", ""))


def _restore_env():
    """Undo what mock mode exported (switching to real AWS in the same kernel)."""
    for key, value in _saved_env.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    _saved_env.clear()


def _path_with_kit_bin(path):
    kit_bin = os.path.dirname(sys.executable)
    parts = [p for p in path.split(os.pathsep) if p and p != kit_bin]
    return os.pathsep.join([kit_bin, *parts])


def _install_notebook_errors():
    """In IPython, show kit and AWS errors as a Spanish message instead of a traceback."""
    try:
        ip = get_ipython()  # noqa: F821 - defined only inside IPython
    except NameError:
        return
    from botocore.exceptions import BotoCoreError, ClientError

    def show(shell, etype, value, tb, tb_offset=None):
        err = messages.explain(value)
        if err is None:
            return shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        print(f"⚠️ {err.what}\n→ Qué hacer: {err.todo}", file=sys.stderr)
        return None

    ip.set_custom_exc((LabkitError, ClientError, BotoCoreError), show)
