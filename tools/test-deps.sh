#!/usr/bin/env bash
# What `make test` needs beyond the Python environment: Debian's Chromium (browser test) and
# Spanish dictionary (hunspell-es: spelling of the kit's messages), npm's configurable-http-proxy
# (JupyterHub test) and npm's axe-core (browser accessibility audit). Installed only when missing.
# Outside CI a failed install is reported and the tests that need it skip, saying why; in CI it fails.
set -u
fail() { echo "test-deps: $1" >&2; [ "${CI:-}" = "true" ] && exit 1; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/hunspell/es_MX.dic ] || missing+=(hunspell-es)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "test-deps: instalando ${missing[*]} de Debian (prueba en navegador, ortografía)..."
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; } \
    || fail "no se pudo instalar ${missing[*]} (apt-get install ${missing[*]})"
fi
if [ ! -x classroom/node_modules/.bin/configurable-http-proxy ]; then
  if command -v npm >/dev/null; then
    npm ci --prefix classroom --no-audit --no-fund --loglevel=error || fail "npm ci --prefix classroom falló"
  else
    fail "npm no está instalado (proxy de JupyterHub)"
  fi
fi
if [ ! -f tests/axe/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null; then
    npm ci --prefix tests/axe --no-audit --no-fund --loglevel=error || fail "npm ci --prefix tests/axe falló"
  else
    fail "npm no está instalado (axe-core para la auditoría de accesibilidad)"
  fi
fi
exit 0
