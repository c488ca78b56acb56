#!/usr/bin/env bash
# System packages the report tests need: headless Chromium (HTML report, screenshots; the
# pvrules serve browser tests drive this same Chromium through Playwright, installed by pip
# with the test extra — Playwright's own browser download is never used) and
# LibreOffice Writer (opens the Word report and converts it to PDF). Idempotent and quiet:
# installs only what is missing. Called by .ci/run; developers can run it too (as root or
# with sudo).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ! command -v libreoffice >/dev/null 2>&1 && ! command -v soffice >/dev/null 2>&1; then
  missing+=(libreoffice-writer-nogui)
fi
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-report-deps: installing ${missing[*]}"
$sudo apt-get update -qq >/dev/null
if ! $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; then
  # Older Debian/Ubuntu releases have no -nogui variant of Writer.
  fallback=("${missing[@]/libreoffice-writer-nogui/libreoffice-writer}")
  $sudo apt-get install -y -qq "${fallback[@]}" >/dev/null
fi
