#!/usr/bin/env bash
# A newcomer's first `cargo run --example quickstart`, measured: a copy of the repository (its
# working tree, without target/) in a scratch directory with its own empty target directory,
# sources already downloaded; then one clean `cargo run --example quickstart` (build and run,
# against the example's embedded mock: no key, no network), timed, counting one `Compiling` line
# per crate built (the same crates as a clean `cargo build --example quickstart`).
#
# Usage: bench/first_build.sh [RESULTS_FILE]   (appends `first_build.* value` lines; default stdout)
#        REPO=/path/to/checkout: measure that tree instead of this one (e.g. main, for a before figure).
#        PREFIX=first_build (default): the prefix of the keys written.
#        JOBS=2 (default): cargo's -j, so that the figure does not depend on the machine's core count.
# Takes a few minutes on 2 cores: it builds every dependency from scratch.
set -euo pipefail
ROOT="${REPO:-$(cd "$(dirname "$0")/.." && pwd)}"
OUT="${1:-/dev/stdout}"
JOBS="${JOBS:-2}"
PREFIX="${PREFIX:-first_build}"
export CARGO_TERM_COLOR=never
unset STRIPE_SECRET_KEY STRIPE_API_BASE

SCRATCH="$(mktemp -d /tmp/sbp-first-build.XXXXXX)"
trap 'rm -rf "$SCRATCH"' EXIT
(cd "$ROOT" && tar --exclude=./target --exclude=./.git -cf - .) | tar -xf - -C "$SCRATCH"
cd "$SCRATCH"
cargo fetch -q # downloads are not build time

put() { printf '%s.%s %s\n' "$PREFIX" "$1" "$2" >>"$OUT"; }
put commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
put jobs "$JOBS"
put load_before "$(cut -d' ' -f1-3 /proc/loadavg)"

start=$(date +%s.%N)
CARGO_TARGET_DIR="$SCRATCH/target" cargo run --offline -j"$JOBS" --example quickstart >"$SCRATCH/run.out" 2>"$SCRATCH/run.log"
end=$(date +%s.%N)
put crates "$(grep -c '^ *Compiling ' "$SCRATCH/run.log")"
put run_secs "$(python3 -c "print('%.1f' % ($end - $start))")"
put load_after "$(cut -d' ' -f1-3 /proc/loadavg)"
