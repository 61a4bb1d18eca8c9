#!/usr/bin/env bash
# System packages the test suite needs but pip cannot give:
#   fonts-noto-core  Noto Naskh Arabic, which tests/pdf_fixtures.py uses to draw Persian PDFs
#   chromium         renders the `docingest stats --html` report for a screenshot in tests/test_stats.py
# Installs only as root and only what is missing, so it is a no-op on a machine that has them.
set -euo pipefail

missing=()
[ -f /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf ] || missing+=(fonts-noto-core)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ci-system-deps: missing ${missing[*]}; tests that need them will skip (need root + apt-get)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
