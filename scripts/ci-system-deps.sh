#!/usr/bin/env bash
# System packages the test suite needs but pip cannot give: the Noto Naskh Arabic font that
# tests/pdf_fixtures.py uses to draw Persian PDFs. Installs only as root and only when missing,
# so it is a no-op on a developer's machine that already has it (or cannot install it).
set -euo pipefail

FONT=/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf

if [ -f "$FONT" ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ci-system-deps: $FONT missing; PDF fixture tests will skip (need root + apt-get to install fonts-noto-core)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends fonts-noto-core
# Chromium renders the `docingest stats --html` report in tests/test_stats.py (a headless screenshot).
command -v chromium >/dev/null 2>&1 || apt-get install -y -qq --no-install-recommends chromium
