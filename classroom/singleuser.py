"""A student's server on JupyterHub: JupyterLab (`jupyterhub-singleuser`) on that student's own
account of the class's local AWS, as `make lab` gives one person their local AWS plus JupyterLab.

JupyterHub runs this file as the spawner's command (classroom/jupyterhub_config.py) with
LABKIT_CLASS_AWS (the class's local AWS, a hub service) and LABKIT_ACCOUNT (this student's
account). It waits for that AWS, builds the course scenario in the student's account if it is not
there yet, and exports the account: kernels and terminals inherit LABKIT_ENDPOINT and the AWS_*
variables, so every notebook of that student works on one account (DEMO #16's snapshot is still
there in DEMO #17) and `python -m labkit reset` in their terminal resets that account only. The
class's AWS keeps every account on disk: stopping, culling or restarting a student's server
(or the hub) loses nothing.

Without LABKIT_CLASS_AWS (e.g. one pod per student on Kubernetes) the server starts a local AWS
of its own in this process, kept in the student's home, as `make lab` does.
Tested by tests/test_jupyterhub.py.
"""

import os
import sys
import time


def _class_account(endpoint, wait=120):
    from labkit import lab as lab_module
    from labkit import local_aws, scenario

    deadline = time.monotonic() + wait
    while not local_aws.is_alive(endpoint):  # the hub may still be starting it
        if time.monotonic() > deadline:
            raise SystemExit(f"El AWS simulado de la clase no responde en {endpoint}.")
        time.sleep(0.5)
    os.environ["LABKIT_ENDPOINT"] = endpoint
    os.environ.pop("AWS_ENDPOINT_URL", None)
    lab = lab_module.start(mode="mock", quiet=True)
    scenario.ensure(lab)
    return lab


def main():
    from labkit import serve

    endpoint = os.environ.get("LABKIT_CLASS_AWS")
    shared = _class_account(endpoint) if endpoint else serve.start_shared()
    os.environ.update(shared.cli_env())
    print(shared.summary(), flush=True)
    if shared.local is not None:
        print(serve.kept_line(shared), flush=True)

    from jupyterhub.singleuser import main as singleuser

    try:
        return singleuser()
    finally:
        if shared.local is not None:
            shared.local.stop()  # writes the account's last state (stopped, culled or restarted)


if __name__ == "__main__":
    sys.exit(main())
