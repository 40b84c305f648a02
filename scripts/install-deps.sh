#!/usr/bin/env bash
# Installs the Debian 12 packages ascent needs to build and test, only those missing.
# Every dependency is a Debian package (docs/dependencies.md says why each was chosen).
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config
  libsqlite3-dev libfmt-dev libcli11-dev libyaml-cpp-dev libexpat1-dev libzip-dev libxlsxwriter-dev libssl-dev
  libcairo2-dev libpango1.0-dev libfreexl-dev libsodium-dev libcpp-httplib-dev nlohmann-json3-dev libxxhash-dev
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  sqlite3 python3 poppler-utils chromium
)
# `install-deps.sh fuzz`: also clang 14 and its runtime, for the fuzz preset (make test-fuzz).
if [ "${1:-}" = fuzz ]; then packages+=(clang libclang-rt-14-dev); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
