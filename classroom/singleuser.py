"""A student's server on JupyterHub: that student's own local AWS (with the course scenario)
plus `jupyterhub-singleuser`, as `make lab` gives one person their local AWS plus JupyterLab.

JupyterHub runs this file as the spawner's command (classroom/jupyterhub_config.py). The local
AWS runs on a free port in a thread of this same process, so stopping the student's server
stops it too. Kernels and terminals inherit LABKIT_ENDPOINT and the AWS_* variables: every
notebook of that student works on one account (DEMO #16's snapshot is still there in DEMO #17),
and `python -m labkit reset` works in their terminal. Tested by tests/test_jupyterhub.py.
"""

import os
import sys


def main():
    from labkit import serve

    shared = serve.start_shared()  # ignores any LABKIT_ENDPOINT it was given: a new one, own port
    os.environ.update(shared.cli_env())
    print(shared.summary(), flush=True)

    from jupyterhub.singleuser import main as singleuser

    return singleuser()


if __name__ == "__main__":
    sys.exit(main())
