#!/usr/bin/env bash
# Install the kit into a virtual environment: `make install` (.venv) and the classroom image
# (classroom/Dockerfile, /opt/venv) both run this. Usage: bash tools/install.sh VENV
# uv when the registry has it (seconds), pip otherwise (about a minute). Bytecode is compiled at
# install time: moto imports 2 s slower without it (and some machines set PYTHONDONTWRITEBYTECODE).
set -euo pipefail
venv="${1:?usage: tools/install.sh VENV}"
cd "$(dirname "$0")/.."
py="$venv/bin/python"
test -x "$py" || python3 -m venv "$venv"
"$py" -m pip install -q uv || echo "uv no disponible: se instala con pip"
if [ -x "$venv/bin/uv" ]; then
  "$venv/bin/uv" pip install -q --python "$py" --compile-bytecode -r requirements.lock -e .
else
  "$py" -m pip install -q -r requirements.lock -e . && "$py" -m compileall -q "$venv/lib" >/dev/null
fi
"$py" -c "from labkit.serve import write_overrides; write_overrides()"
