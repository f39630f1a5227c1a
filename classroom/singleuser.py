"""A student's server on JupyterHub: that student's own local AWS (with the course scenario)
plus `jupyterhub-singleuser`, as `make lab` gives one person their local AWS plus JupyterLab.

JupyterHub runs this file as the spawner's command (classroom/jupyterhub_config.py). The local
AWS runs on a free port in a thread of this same process, so stopping the student's server
stops it too. Kernels and terminals inherit LABKIT_ENDPOINT and the AWS_* variables: every
notebook of that student works on one account (DEMO #16's snapshot is still there in DEMO #17),
and `python -m labkit reset` works in their terminal. The account is kept in the student's home
(~/.local/share/labkit/aws-simulado.pickle): stopping, culling or restarting their server loses
nothing. Tested by tests/test_jupyterhub.py.
"""

import os
import sys


def main():
    from labkit import serve

    shared = serve.start_shared()  # ignores any LABKIT_ENDPOINT it was given: a new one, own port
    os.environ.update(shared.cli_env())
    print(shared.summary(), flush=True)
    print(serve.kept_line(shared), flush=True)

    from jupyterhub.singleuser import main as singleuser

    try:
        return singleuser()
    finally:
        shared.local.stop()  # writes the account's last state (stopped, culled or restarted)


if __name__ == "__main__":
    sys.exit(main())
