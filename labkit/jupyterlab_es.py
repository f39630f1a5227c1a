"""The kit's Spanish for JupyterLab: merge ``jupyterlab_es.po`` (next to this file) into the
installed es_ES language pack, through JupyterLab's own translation mechanism.

JupyterLab's browser code reads the pack's ``jupyterlab.json`` (served by jupyterlab_server at
/lab/api/translations/es_ES); the server translates menu labels defined in settings schemas
with the pack's ``jupyterlab.mo``. Both get the kit's entries (an entry of the kit wins). The
pack's own files are kept as ``*.orig`` and every merge starts from them, so running it again
changes nothing, and a reinstalled or upgraded pack is picked up. Files are replaced, never
written in place: package installers may hard-link them to a shared cache.

Called by ``labkit.serve.write_overrides`` (``make install``, ``python -m labkit lab``, Binder's
postBuild and the classroom's JupyterHub).
"""

import hashlib
import json
import os
from importlib.util import find_spec
from pathlib import Path

PO = Path(__file__).with_name("jupyterlab_es.po")
PACK = "jupyterlab_language_pack_es_ES"
DOMAIN = "jupyterlab"
MARKER = ".labkit-merged"  # not *.json: jupyterlab_server loads every .json of the pack


def pack_messages_dir():
    """The es_ES pack's LC_MESSAGES folder, or None when the pack is not installed."""
    spec = find_spec(PACK)
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent / "locale" / "es_ES" / "LC_MESSAGES"


def entries(path=PO):
    """The kit's messages by translation domain: {domain: [(context, msgid, msgid_plural,
    [translations])]} (an entry's domain is "jupyterlab" unless a ``#. domain: x`` comment says)."""
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        catalog = read_po(handle)
    found = {}
    for message in catalog:
        if not message.id:
            continue
        domains = [c.split(":", 1)[1].strip() for c in message.auto_comments if c.startswith("domain:")]
        if isinstance(message.id, (list, tuple)):
            entry = (message.context, message.id[0], message.id[1], list(message.string))
        else:
            entry = (message.context, message.id, None, [message.string])
        found.setdefault(domains[0] if domains else DOMAIN, []).append(entry)
    return found


def _key(context, msgid):
    return f"{context}\x04{msgid}" if context else msgid


def merged_json(pack_bytes, kit):
    data = json.loads(pack_bytes)
    for context, msgid, _plural, strings in kit:
        data[_key(context, msgid)] = strings
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def merged_mo(pack_bytes, kit):
    import io

    from babel.messages.mofile import read_mo, write_mo

    catalog = read_mo(io.BytesIO(pack_bytes))
    for context, msgid, plural, strings in kit:
        if plural:
            catalog.add((msgid, plural), tuple(strings), context=context)
        else:
            catalog.add(msgid, strings[0], context=context)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _sha(data):
    return hashlib.sha256(data).hexdigest()


def _replace(path, data):
    tmp = path.with_name(path.name + ".labkit-tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def install(messages_dir=None, po=PO):
    """Merge the kit's entries into the pack; return the folder written, or None without a pack."""
    folder = Path(messages_dir) if messages_dir else pack_messages_dir()
    if folder is None or not (folder / f"{DOMAIN}.json").exists():
        return None
    marker = folder / MARKER
    written = json.loads(marker.read_text(encoding="utf-8")) if marker.exists() else {}
    for domain, kit in entries(po).items():
        for name, merge in ((f"{domain}.json", merged_json), (f"{domain}.mo", merged_mo)):
            if (folder / name).exists():
                written[name] = _merge_file(folder, name, merge, kit, written.get(name))
    _replace(marker, (json.dumps(written, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return folder


def _merge_file(folder, name, merge, kit, last_written):
    """Merge ``kit`` into the pack's file ``name``; return the sha256 of what is now there."""
    current, original = folder / name, folder / (name + ".orig")
    data = current.read_bytes()
    if last_written != _sha(data) or not original.exists():
        _replace(original, data)  # the pack's own file (new install or upgrade)
    result = merge(original.read_bytes(), kit)
    if result != data:
        _replace(current, result)
    return _sha(result)
