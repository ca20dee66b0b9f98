#!/usr/bin/env bash
# A newcomer's first `cargo run --example quickstart`, measured: a copy of the repository (its
# working tree, without target/) in a scratch directory with its own empty target directory,
# sources already downloaded; then a clean `cargo build --example quickstart`, counting one
# `Compiling` line per crate built, and a clean `cargo run --example quickstart` (build and run,
# against the example's embedded mock: no key, no network), timed.
#
# Usage: bench/first_build.sh [RESULTS_FILE]   (appends `first_build.* value` lines; default stdout)
#        REPO=/path/to/checkout: measure that tree instead of this one (e.g. main, for a before figure).
#        JOBS=2 (default): cargo's -j, so that the figure does not depend on the machine's core count.
# Takes a few minutes on 2 cores: it builds every dependency twice from scratch.
set -euo pipefail
ROOT="${REPO:-$(cd "$(dirname "$0")/.." && pwd)}"
OUT="${1:-/dev/stdout}"
JOBS="${JOBS:-2}"
export CARGO_TERM_COLOR=never
unset STRIPE_SECRET_KEY STRIPE_API_BASE

SCRATCH="$(mktemp -d /tmp/sbp-first-build.XXXXXX)"
trap 'rm -rf "$SCRATCH"' EXIT
(cd "$ROOT" && tar --exclude=./target --exclude=./.git -cf - .) | tar -xf - -C "$SCRATCH"
cd "$SCRATCH"
cargo fetch -q # downloads are not build time

put() { printf '%s %s\n' "$1" "$2" >>"$OUT"; }
put first_build.jobs "$JOBS"
put first_build.load_before "$(cut -d' ' -f1-3 /proc/loadavg)"

# 1. How many crates: one `Compiling` line per package built (the crate itself included).
CARGO_TARGET_DIR="$SCRATCH/target-count" cargo build --offline -j"$JOBS" --example quickstart 2>"$SCRATCH/count.log"
put first_build.crates "$(grep -c '^ *Compiling ' "$SCRATCH/count.log")"
rm -rf "$SCRATCH/target-count"

# 2. How long: the whole first `cargo run`, from an empty target directory to the example's exit.
start=$(date +%s.%N)
CARGO_TARGET_DIR="$SCRATCH/target-run" cargo run --offline -j"$JOBS" --example quickstart >"$SCRATCH/run.out" 2>"$SCRATCH/run.log"
end=$(date +%s.%N)
put first_build.run_secs "$(python3 -c "print('%.1f' % ($end - $start))")"
put first_build.load_after "$(cut -d' ' -f1-3 /proc/loadavg)"
