#!/usr/bin/env bash
# The one test command (README, Makefile `make test`, and .ci/run all call this).
# On a fresh Debian machine it first installs what the browser and board-pack tests need from Debian's
# packages (Chromium, the Liberation fonts, and poppler-utils to read PDFs back), then runs every test with pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -d /usr/share/fonts/truetype/liberation ] || need_apt+=(fonts-liberation)
[ -x /usr/bin/pdftotext ] || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# pytest exits 5 when it collects no test: that is a failure here, never a pass.
set +e
python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "No tests were collected: failing." >&2
  exit 1
fi
exit "$rc"
