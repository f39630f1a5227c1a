"""A student's server on JupyterHub: JupyterLab (`jupyterhub-singleuser`) on that student's own
account of the class's local AWS, as `make lab` gives one person their local AWS plus JupyterLab.

JupyterHub runs this file as the spawner's command (classroom/jupyterhub_config.py) with
LABKIT_CLASS_AWS (the class's local AWS, a hub service) and LABKIT_ACCOUNT (this student's
account). It asks that AWS for the student's account (``POST /labkit/prepare-account/<account>``,
labkit/serve.py): the class's AWS builds the course scenario there if it is not there yet and
answers the account's environment, which this server exports: kernels and terminals inherit
LABKIT_ENDPOINT and the AWS_* variables, so every notebook of that student works on one account
(DEMO #16's snapshot is still there in DEMO #17) and `python -m labkit reset` in their terminal
resets that account only. The class's AWS keeps every account on disk: stopping, culling or
restarting a student's server (or the hub) loses nothing. This process, which lives all class
long, never imports boto3 (bench/aula.py measures it: docs/aula.md).

Without LABKIT_CLASS_AWS (e.g. one pod per student on Kubernetes) the server starts a local AWS
of its own in this process, kept in the student's home, as `make lab` does.
Tested by tests/test_jupyterhub.py.
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request


def _class_account(endpoint, account, wait=300):
    """Ask the class's AWS for ``account`` (built if new) and export its environment.

    The hub may still be starting that AWS, and with a whole class starting at once it answers
    everyone in turn: wait for it rather than fail.
    """
    request = urllib.request.Request(f"{endpoint}/labkit/prepare-account/{account}", data=b"", method="POST")
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(request, timeout=wait) as answer:
                prepared = json.loads(answer.read())
            break
        except urllib.error.HTTPError as err:
            raise SystemExit(f"El AWS simulado de la clase ({endpoint}) no pudo preparar la cuenta {account}: "
                             f"HTTP {err.code}. Mira el registro del hub.") from None
        except OSError:  # not listening yet
            if time.monotonic() > deadline:
                raise SystemExit(f"El AWS simulado de la clase no responde en {endpoint}.") from None
            time.sleep(0.5)
    os.environ.update(prepared["env"])
    kit_bin = os.path.dirname(sys.executable)  # the kit's own `aws` first, as labkit.start() does
    os.environ["PATH"] = os.pathsep.join([kit_bin, *(p for p in os.environ.get("PATH", "").split(os.pathsep)
                                                     if p and p != kit_bin)])
    print(prepared["summary"], flush=True)


def _lean_start():
    """Two costs of every Jupyter server's start that a student's server has no use for
    (measured with `python -X importtime` and py-spy; docs/aula.md has the numbers):

    - jsonschema imports rfc3987_syntax when it is installed, which builds 39 Lark grammars (about
      1.5 CPU-seconds) to check the formats "iri" and "iri-reference"; no schema of Jupyter's
      server, events or JupyterLab uses them. Without it jsonschema leaves those formats unchecked.
    - importing JupyterLab asks `node yarn config` for the npm registry (a Node.js process, about
      0.4 CPU-seconds), which is only used to install extensions from npm: not in a class.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # an import of it raises ImportError
    from jupyterlab import commands

    commands._yarn_config = lambda logger=None: {"yarn config": {}, "npm config": {}}


def main():
    local = None
    if os.environ.get("LABKIT_CLASS_AWS"):
        _class_account(os.environ["LABKIT_CLASS_AWS"], os.environ.get("LABKIT_ACCOUNT", ""))
    else:
        from labkit import serve

        shared = serve.start_shared()
        os.environ.update(shared.cli_env())
        print(shared.summary(), flush=True)
        print(serve.kept_line(shared), flush=True)
        local = shared.local

    _lean_start()
    from jupyterhub.singleuser import main as singleuser

    try:
        return singleuser()
    finally:
        if local is not None:
            local.stop()  # writes the account's last state (stopped, culled or restarted)


if __name__ == "__main__":
    sys.exit(main())
