"""One parse per process of botocore's bundled JSON models.

The local AWS and the kit's own clients each create botocore loaders, and every loader parses
the 2 MB EC2 model again (six times before the scenario is ready: about 0.9 s of the start-up).
Each new botocore session also lists the 400-odd service folders again (twice per session the
local AWS creates: about 10 ms each). The bundled files never change, so one process-wide cache is
safe; files outside botocore's data folder (a user's ~/.aws/models) are not cached, and a listing
is cached per set of search paths.

Every caller gets its own copy (botocore merges extras into the dict it loads): the cache keeps
each parsed file pickled, and unpickling is about three times faster than botocore's parse.
It patches botocore internals, so it only installs on the pinned botocore (``settings``); on
another version botocore is left as it is (slower, same answers).
"""

import os
import pickle
import threading

from .settings import PINNED_BOTOCORE

_lock = threading.Lock()
_installed = False


def install():
    """Cache ``JSONFileLoader.load_file`` for botocore's own data folder (idempotent).

    Returns True when the cache is in place, False on a botocore other than the pinned one.
    """
    global _installed
    with _lock:
        if _installed:
            return True
        import botocore
        from botocore.loaders import JSONFileLoader, Loader

        if botocore.__version__ != PINNED_BOTOCORE:
            return False
        data_dir = os.path.join(os.path.dirname(botocore.__file__), "data")
        original = JSONFileLoader.load_file
        cache = {}  # file path -> pickled model (None: no such file)

        def load_file(self, file_path):
            if not str(file_path).startswith(data_dir):
                return original(self, file_path)
            if file_path not in cache:
                data = original(self, file_path)
                cache[file_path] = None if data is None else pickle.dumps(data, pickle.HIGHEST_PROTOCOL)
            stored = cache[file_path]
            return None if stored is None else pickle.loads(stored)

        JSONFileLoader.load_file = load_file

        original_list = Loader.list_available_services
        listings = {}

        def list_available_services(self, type_name):
            key = (tuple(self.search_paths), type_name)
            if key not in listings:
                listings[key] = original_list(self, type_name)
            return list(listings[key])

        Loader.list_available_services = list_available_services
        _installed = True
        return True
