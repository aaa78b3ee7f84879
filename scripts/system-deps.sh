#!/usr/bin/env bash
# Debian packages the project needs beyond Python and Node, by group:
#   figures  libegl1 libgl1: the EGL/GL libraries skia-python (PNG/PDF figures) links to;
#   browser  chromium (driven by Playwright's Python API, never a downloaded browser) and
#            fonts-noto-cjk (Chinese text in screenshots), for the browser tests.
# Usage: system-deps.sh [figures] [browser]   (no argument: both)
# Installs what is missing when we are root on Debian; otherwise says exactly what to install.
set -euo pipefail
groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(figures browser)
command -v dpkg-query >/dev/null 2>&1 || exit 0  # not Debian: pip wheels bring what they need, or
                                                # activations/figures/print_formats.py says what is missing
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for group in "${groups[@]}"; do
  case "$group" in
    figures) for p in libegl1 libgl1; do installed "$p" || missing+=("$p"); done ;;
    browser) command -v chromium >/dev/null 2>&1 || missing+=(chromium)
             installed fonts-noto-cjk || missing+=(fonts-noto-cjk) ;;
    *) echo "system-deps.sh: unknown group '$group' (figures, browser)" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "error: this needs the Debian packages: ${missing[*]}" >&2
  echo "       install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]} (apt-get) ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
