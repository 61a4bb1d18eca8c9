#!/usr/bin/env bash
# System packages the test suite needs but pip cannot give. Installs only as root and only what is
# missing (a no-op on a machine that has them), and prints each package it installs and why.
#   fonts-noto-core      Noto Naskh Arabic, which tests/pdf_fixtures.py uses to draw Persian PDFs
#   chromium             renders the `docingest stats --html` report for a screenshot in tests/test_stats.py
#   tesseract-ocr-<lang> OCR of PDF pages without a usable text layer (extractors/pdf_ocr.py, through
#                        PyMuPDF's built-in Tesseract, which needs only these language models):
#                        fas Persian/Dari, pus Pashto, ara Arabic, urd Urdu, eng English (Latin inline);
#                        tesseract-ocr itself gives PyMuPDF the path to them
set -euo pipefail

TESSDATA=/usr/share/tesseract-ocr/5/tessdata
missing=()
reasons=()
need() {  # need PACKAGE REASON: queue PACKAGE unless the caller's check found it present
    missing+=("$1")
    reasons+=("$1: $2")
}
[ -f /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf ] || need fonts-noto-core "Persian glyphs for the PDF fixtures tests draw"
command -v chromium >/dev/null 2>&1 || need chromium "screenshot of the stats HTML report"
command -v tesseract >/dev/null 2>&1 || need tesseract-ocr "Tesseract, which tells PyMuPDF where its language models are"
for lang in fas pus ara urd eng; do
    [ -f "$TESSDATA/$lang.traineddata" ] || need "tesseract-ocr-$lang" "OCR model '$lang' for scanned PDF pages (tests marked ocr)"
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "ci-system-deps: nothing to install"
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ci-system-deps: missing ${missing[*]}; tests that need them will skip (need root + apt-get)" >&2
    exit 0
fi
echo "ci-system-deps: installing:"
printf '  %s\n' "${reasons[@]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
