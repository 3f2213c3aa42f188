#!/usr/bin/env bash
# Measures what the notebook screen costs training, with the real screen: the same seed-CNN session is
# trained headless (`gradbook run`) and in the notebook (`gradbook` in a tmux window of 120x40, live panel
# shown), ROUNDS times each in turn; prints every epoch's own seconds (as its epoch line says) for both.
# Usage: scripts/notebook-overhead.sh [ROUNDS] [IMAGES]   (release build: swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
images=${2:-10000}
bin=.build/release/gradbook
[ -x "$bin" ] || { echo "build first: swift build -c release --product gradbook" >&2; exit 1; }
command -v tmux >/dev/null || { echo "tmux is needed (scripts/setup.sh installs it)" >&2; exit 1; }
lines=("load fashion-mnist subset=$images" "model" "conv2d 32 3 relu" "maxpool 2" "conv2d 64 3 relu" "maxpool 2"
       "flatten" "dense 128 relu" "dense 10 softmax" "compile" "train 2")
session=$(mktemp)
trap 'rm -f "$session"; tmux -L gradbook-overhead kill-server 2>/dev/null || true' EXIT
printf '%s\n' "${lines[@]}" > "$session"
epochs() { grep -o 'epoch [0-9]* ([0-9.]*s)' | sed 's/.*(\(.*\)s)/\1/' | tr '\n' ' '; }
for round in $(seq "$rounds"); do
  echo "headless $round: $("$bin" run --quiet "$session" | epochs)"
  tmux -L gradbook-overhead kill-server 2>/dev/null || true
  tmux -L gradbook-overhead new-session -d -x 120 -y 40 "$bin"
  sleep 1
  for line in "${lines[@]}"; do tmux -L gradbook-overhead send-keys "$line" Enter; sleep 0.2; done
  for _ in $(seq 600); do
    tmux -L gradbook-overhead capture-pane -p -S -200 | grep -q 'epoch 2 ([0-9.]*s)' && break
    sleep 0.5
  done
  echo "notebook $round: $(tmux -L gradbook-overhead capture-pane -p -S -200 | epochs)"
  tmux -L gradbook-overhead send-keys "quit" Enter
  sleep 1
done
