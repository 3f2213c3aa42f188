#!/usr/bin/env bash
# Installs the Debian packages Gradbook needs, only those missing.
# Runs as root or through sudo; calls apt-get update first when something must be installed.
set -euo pipefail

packages=(
  libopenblas-dev        # cblas_sgemm: every matrix product
  zlib1g-dev             # gzip-compressed IDX files
  libpng-dev             # PNG image folders (load images, make-dataset)
  libturbojpeg0-dev      # JPEG image folders (load images, make-dataset)
  pkg-config             # locating the C libraries
  dataset-fashion-mnist  # the real data set, /usr/share/datasets/fashion-mnist
  tmux                   # end-to-end tests of terminal output
  libncurses-dev         # the notebook screen (ncursesw)
  libreadline-dev        # the notebook's input line
  ncurses-term           # terminfo for xterm-direct / tmux-direct (truecolor)
  fortunes               # load text corpus fortunes: English quotations
  fortunes-zh            # load text corpus chinese|tang300|song100: Chinese sayings and poems
  wamerican              # load text corpus words: one English word a line
  python3                # tests compile the scripts `export keras` and `export pytorch` write (py_compile)
  python3-nbformat       # HandoutTests validate save transcript's .ipynb with Jupyter's own schema
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
echo "setup: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
