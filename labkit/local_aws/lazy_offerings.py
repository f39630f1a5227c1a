"""Read moto's instance-type offerings one region at a time, on first use.

When ``moto.ec2`` is imported, moto reads the offerings of every region for three location
types: 91 files, 14 MB of JSON, about 0.18 s of the kit's start-up. A lab works in one region,
so the kit defers each file until moto first asks for that region. The data and the answers
do not change (tests/test_fast_start.py compares them with moto's own loading).
"""

import threading

OFFERINGS_DIR = "ec2/resources/instance_type_offerings/"


class LazyOfferings(dict):
    """``{region: [offering, ...]}`` for one location type; each region is read when first used.

    moto only reads it as ``table[region]``, ``table.get(region, [])`` and ``region in table``;
    iterating or measuring the table reads every region, so the answer is always complete.
    """

    def __init__(self, location_type, resources, load):
        super().__init__()
        self.location_type = location_type
        self._pending = dict(resources)  # region -> moto resource path
        self._read = load
        self._lock = threading.Lock()

    def _load(self, region):
        with self._lock:
            path = self._pending.get(region)
            if path is None:
                return
            rows = self._read(path)
            for row in rows:
                row["LocationType"] = self.location_type  # what moto adds at import
            dict.__setitem__(self, region, rows)
            del self._pending[region]

    def _load_all(self):
        for region in list(self._pending):
            self._load(region)

    def loaded_regions(self):
        """Regions read so far, sorted (for tests and benchmarks)."""
        return sorted(dict.keys(self))

    def __missing__(self, region):
        self._load(region)
        if dict.__contains__(self, region):
            return dict.__getitem__(self, region)
        raise KeyError(region)

    def get(self, region, default=None):
        self._load(region)
        return dict.get(self, region, default)

    def __contains__(self, region):
        return region in self._pending or dict.__contains__(self, region)

    def __iter__(self):
        self._load_all()
        return dict.__iter__(self)

    def __len__(self):
        return dict.__len__(self) + len(self._pending)

    def keys(self):
        self._load_all()
        return dict.keys(self)

    def values(self):
        self._load_all()
        return dict.values(self)

    def items(self):
        self._load_all()
        return dict.items(self)

    def __repr__(self):
        return f"LazyOfferings({self.location_type!r}, loaded={self.loaded_regions()})"


def install():
    """Import moto's instance-type module with its offerings deferred. Call before anything
    imports ``moto.ec2``; returns False (and changes nothing) when that already happened."""
    import sys

    if "moto.ec2.models.instance_types" in sys.modules:
        return False
    from moto.utilities import utils

    original = utils.load_resource
    deferred = {}
    deferring = [True]  # modules imported meanwhile keep this function: it passes through after

    def load_resource(resource):
        if not deferring[0] or not resource.startswith(OFFERINGS_DIR):
            return original(resource)
        location_type, filename = resource[len(OFFERINGS_DIR):].split("/", 1)
        deferred.setdefault(location_type, {})[filename.split(".", 1)[0]] = resource
        return []

    utils.load_resource = load_resource
    try:
        from moto.ec2.models import instance_types
    finally:
        deferring[0] = False
        utils.load_resource = original
    for location_type, resources in deferred.items():
        instance_types.INSTANCE_TYPE_OFFERINGS[location_type] = LazyOfferings(location_type, resources, original)
    return True
