#!/usr/bin/env bash
# Install the Debian 12 packages udma needs, only if something is missing.
# Called by every top-level make target that builds, so a fresh machine needs no manual step.
set -euo pipefail

missing=()
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need_file() { [ -e "$1" ] || missing+=("$2"); }

need_cmd cmake          cmake
need_cmd g++            g++
need_cmd make           make
need_cmd python3        python3
need_cmd verilator      verilator
need_cmd iverilog       iverilog
need_cmd yosys          yosys
need_cmd yosys-smtbmc   yosys
need_cmd z3             z3
need_cmd nextpnr-ice40  nextpnr-ice40
need_cmd icepack        fpga-icestorm
need_cmd icetime        fpga-icestorm
need_cmd gtkwave        gtkwave
need_file /usr/include/fmt/format.h             libfmt-dev
need_file /usr/include/catch2/catch.hpp         catch2
need_file /usr/include/zlib.h                   zlib1g-dev

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

# de-duplicate
mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" | sort -u)
echo "install-deps: installing missing Debian packages: ${pkgs[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: not root and no sudo; install these packages: ${pkgs[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
echo "install-deps: done"
