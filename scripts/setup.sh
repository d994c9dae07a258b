#!/usr/bin/env bash
# Prepares a machine for the edition: system packages, the Python environment,
# and the TEI P5 schema. Idempotent and quick when everything is already there.
#   scripts/setup.sh          what `edition build` needs
#   scripts/setup.sh --test   also what the test suite needs (Chromium, poppler, Mirador)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# --- system packages (Debian) ---------------------------------------------------
need=()
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
fc-list 2>/dev/null | grep -q "NotoSerif-Regular" || need+=(fonts-noto-core)
ldconfig -p 2>/dev/null | grep -q libpangoft2 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "$want_test" = 1 ]; then
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v npm >/dev/null 2>&1 || need+=(npm)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" != 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- Python environment ---------------------------------------------------------
extras="suggest"
[ "$want_test" = 1 ] && extras="test"
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-$extras"
if [ ! -f "$stamp" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[$extras]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# --- dapytains, for the tests (its own environment) --------------------------------
# The DTS reference implementation pins a saxonche older than the edition's, so it cannot
# share .venv; tests/test_exports_clients.py runs it from .venv-dapytains.
if [ "$want_test" = 1 ] && [ ! -x .venv-dapytains/bin/python ]; then
  python3 -m venv .venv-dapytains
  .venv-dapytains/bin/python -m pip install -q "dapytains==1.0.0rc4"
fi

# --- Mirador, a standard IIIF viewer, for the tests (npm, pinned, hash-checked) ------
# tests/test_facsimile_browser.py opens the edition's IIIF manifest in it, offline.
mirador=".cache/npm/mirador-4.0.0"
if [ "$want_test" = 1 ] && [ ! -f "$mirador/mirador.min.js" ]; then
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent mirador@4.0.0 >/dev/null)
  got="sha512-$(openssl dgst -sha512 -binary "$work/mirador-4.0.0.tgz" | base64 -w0)"
  if [ "$got" != "sha512-uWsE9e2oqSc/lUu+vVwDGhTsycuhGsfZ2KfX6CLfXiT3wgGy6qT9+q5M3V9Zz72hkdIgsJugKesaowmRtYmvrA==" ]; then
    echo "setup: mirador 4.0.0 from npm does not match its pinned hash" >&2
    exit 2
  fi
  mkdir -p "$mirador"
  tar xzf "$work/mirador-4.0.0.tgz" -C "$work"
  cp "$work/package/dist/mirador.min.js" "$work/package/LICENSE" "$mirador/"
  rm -rf "$work"
fi

# --- TEI P5 schema (tei_all.rng, TEI P5 4.3.0) ----------------------------------
.venv/bin/python -m edition.schemafetch
