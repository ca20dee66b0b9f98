#!/usr/bin/env bash
# Runs every benchmark and rewrites BENCHMARKS.md with the figures (bench/bench_report.py):
#   1. encoding (bench/benches/encode.rs): ns per body, crate vs serde_qs, allocations per
#      encode, and instructions per encode under callgrind (repeatable on a busy machine);
#   2. per call against async-stripe 1.0.0-rc.10 (bench/benches/per_call.rs): build + encode,
#      build + validate + encode, decode, each beside async-stripe's; median of alternating
#      rounds, allocations, and instructions per call under callgrind;
#   3. end to end (bench/benches/e2e.rs): create-session through the crate vs a hand-written
#      reqwest POST against a local server on 127.0.0.1: sequential p50/p99, 64-way throughput,
#      TCP connections, and instructions per call under callgrind; then the same crate call over
#      HTTP/1.1 and HTTP/2 (h2c) at 1, 16 and 64 calls in flight (issue 11);
#   4. build cost: a throwaway program under /tmp that depends only on this crate, built clean
#      with `cargo build --timings`: wall time, crates compiled, this crate's own unit time;
#   5. first build (bench/first_build.sh): a newcomer's clean `cargo run --example quickstart`,
#      crates compiled and wall time.
#
# Usage: bash bench/bench.sh                    (everything, ~20 minutes on 2 cores)
#        ONLY="encode per_call" bash bench/bench.sh   (some of: encode per_call e2e build first_build;
#                                                the report shows the others as not measured)
#        SKIP_CALLGRIND=1 bash bench/bench.sh   (skip the valgrind runs)
#        SKIP_BUILD_COST=1 bash bench/bench.sh  (skip steps 4 and 5)
#        FIRST_BUILD_BEFORE=/path/to/checkout bash bench/bench.sh   (step 5 also measures that tree)
# Needs: cargo, python3; valgrind for the instruction counts (skipped if absent).
# All traffic stays on 127.0.0.1; every loop is bounded in count and time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export CARGO_TERM_COLOR=never
BENCH_PACKAGE=stripe-billing-portal-bench
ONLY="${ONLY:-encode per_call e2e build first_build}"
if [[ -n "${SKIP_BUILD_COST:-}" ]]; then ONLY="$(tr ' ' '\n' <<<"$ONLY" | sed '/build/d' | tr '\n' ' ')"; fi
wanted() { [[ " $ONLY " == *" $1 "* ]]; }
callgrind() { [[ -z "${SKIP_CALLGRIND:-}" ]] && command -v valgrind >/dev/null; }

WORK="$(mktemp -d /tmp/sbp-bench.XXXXXX)"
RESULTS="$WORK/results.txt"
: >"$RESULTS"
put() { printf '%s %s\n' "$1" "$2" >>"$RESULTS"; }
note() { printf '== %s\n' "$*" >&2; }

# --- machine -------------------------------------------------------------------------------
put machine.cores "$(nproc)"
put machine.cpu "$( (lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1) || true)"
put machine.os "$(uname -sr)"
put machine.rustc "$(rustc --version)"
put machine.date "$(date -u +%Y-%m-%dT%H:%MZ)"
put machine.load_before "$(cut -d' ' -f1-3 /proc/loadavg)"
put git.commit "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench Cargo.toml || echo '+dirty')"
put steps "$ONLY"
# The versions compared, from Cargo.lock.
python3 - Cargo.lock >>"$RESULTS" <<'EOF'
import sys, tomllib
lock = tomllib.load(open(sys.argv[1], "rb"))
for package in lock["package"]:
    if package["name"] in ("stripe-billing-portal", "async-stripe-billing", "async-stripe-client-core",
                           "miniserde", "serde_json", "serde_qs", "reqwest"):
        print(f"version.{package['name']} {package['version']}")
EOF

# Builds the bench target $1 in release mode and prints the path of its executable.
bench_binary() {
  cargo bench --no-run -p "$BENCH_PACKAGE" --bench "$1" --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == sys.argv[1] and m.get("executable"):
        print(m["executable"])' "$1"
}

# Each step's figures are prefixed by its name (encode.*, percall.*, e2e.*, build.*, first_build.*).
step_done() { put "$1.date" "$(date -u +%Y-%m-%dT%H:%MZ)"; }

# Steps 1 and 2: bench target $1, run by bench/src/runner.rs, prints `$2.<case>.<side>.<figure>`
# lines for sides $3 (this crate) and $4; then each case and side runs under callgrind for its
# instructions per call, with a breakdown of this crate's side (bench/callgrind_parts.py).
CALLGRIND_ITERS=10000
micro_bench() {
  local target=$1 prefix=$2 bin case side profile total
  note "$target: build"
  bin="$(bench_binary "$target")"
  note "$target: run (it first checks that both sides carry the same data)"
  "$bin" | tee "$WORK/$target.log" >&2
  grep "^$prefix\\." "$WORK/$target.log" >>"$RESULTS"
  if callgrind; then
    for case in $(sed -n "s/^$prefix\\.\\([a-z_]*\\)\\.$3\\.ns .*/\\1/p" "$WORK/$target.log"); do
      for side in "$3" "$4"; do
        note "$target: callgrind $case/$side"
        profile="$WORK/cg.$prefix.$case.$side"
        BENCH_CALLGRIND="$case/$side" BENCH_CALLGRIND_ITERS=$CALLGRIND_ITERS valgrind --tool=callgrind \
          --callgrind-out-file="$profile" --toggle-collect='*callgrind_region*' "$bin" >/dev/null 2>"$profile.log"
        total="$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$profile.log")"
        put "$prefix.$case.$side.instructions" "$((total / CALLGRIND_ITERS))"
        if [[ $side == "$3" ]]; then
          callgrind_annotate --inclusive=yes --threshold=100 "$profile" >"$profile.txt" 2>/dev/null || true
          python3 "$ROOT/bench/callgrind_parts.py" "$profile.txt" "$prefix.$case.$side.part" "$CALLGRIND_ITERS" >>"$RESULTS"
        fi
      done
    done
  fi
  step_done "$prefix"
}

# --- 1. encoding, against serde_qs ---------------------------------------------------------
if wanted encode; then micro_bench encode encode crate serde_qs; fi

# --- 2. per call, against async-stripe -----------------------------------------------------
if wanted per_call; then micro_bench per_call percall crate async_stripe; fi

# --- 3. end to end -------------------------------------------------------------------------
if wanted e2e; then
note "e2e: build"
E2E_BIN="$(bench_binary e2e)"
put e2e.load_before "$(cut -d' ' -f1-3 /proc/loadavg)"
note "e2e: run"
"$E2E_BIN" | tee "$WORK/e2e.log" >&2
awk '$1 == "E2E" { print "e2e." $2, $3 }' "$WORK/e2e.log" >>"$RESULTS"
if callgrind; then
  # Each contestant alone, sequential only: the totals differ by what the crate adds per call.
  # 5,000 calls: the scheduler's and the pool's paths vary from call to call (about 1k
  # instructions between runs of 1,000 calls); over 5,000 they average out to a few hundred.
  calls=5000
  for who in crate raw raw_typed; do
    note "e2e: callgrind $who"
    E2E_ONLY=$who E2E_SEQ_CALLS=$calls E2E_CONC_ROUNDS=0 valgrind --tool=callgrind \
      --callgrind-out-file="$WORK/cg.e2e.$who" "$E2E_BIN" >/dev/null 2>"$WORK/cg.e2e.$who.log"
    # Whole process: both servers' startup and the server side of each call are the same for
    # both contestants, so the report divides the difference by the calls made (200 warm-up,
    # 100 paced, then the sequential calls).
    put "e2e.callgrind.$who.total" "$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$WORK/cg.e2e.$who.log")"
    put "e2e.callgrind.$who.calls" "$((calls + 300))"
  done
  # Where the crate's calls spend: inclusive counts of a few of its functions (absent when inlined).
  callgrind_annotate --inclusive=yes --threshold=100 "$WORK/cg.e2e.crate" >"$WORK/cg.e2e.crate.txt" 2>/dev/null || true
  python3 "$ROOT/bench/callgrind_parts.py" "$WORK/cg.e2e.crate.txt" e2e.callgrind.crate.part 1 >>"$RESULTS"
fi
put e2e.load_after "$(cut -d' ' -f1-3 /proc/loadavg)"
step_done e2e
fi

# --- 4. build cost -------------------------------------------------------------------------
if wanted build; then
  note "build cost: clean build of a program that depends only on this crate"
  APP="$WORK/app"
  mkdir -p "$APP/src"
  cat >"$APP/Cargo.toml" <<EOF
[package]
name = "sbp-build-cost"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
stripe-billing-portal = { path = "$ROOT" }

[workspace]
EOF
  cat >"$APP/src/main.rs" <<'EOF'
use stripe_billing_portal::{sessions::SessionCreateParams, Client};

fn main() -> Result<(), stripe_billing_portal::Error> {
    let client = Client::new("sk_test_123")?;
    let call = client.sessions().create(SessionCreateParams::new("cus_123").return_url("https://example.com/account"));
    println!("{}", call.preview()?);
    Ok(())
}
EOF
  cp Cargo.lock "$APP/Cargo.lock" # the same dependency versions as this repository
  (cd "$APP" && cargo fetch -q)     # downloads are not build time
  start=$(date +%s.%N)
  (cd "$APP" && cargo build --offline --timings 2>"$WORK/build.log")
  end=$(date +%s.%N)
  put build.clean_debug_secs "$(python3 -c "print('%.1f' % ($end - $start))")"
  # One "Compiling" line per package; the throwaway program itself is not counted.
  put build.crates "$(($(grep -c '^ *Compiling ' "$WORK/build.log") - 1))"
  python3 - "$APP/target/cargo-timings/cargo-timing.html" >>"$RESULTS" <<'EOF'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", html, re.S).group(1))
own = [u for u in units if u["name"] == "stripe-billing-portal"]
lib = [u for u in own if u["target"] == ""]
print("build.own_lib_secs %.2f" % sum(u["duration"] for u in lib))
sections = dict((name, span) for u in lib for name, span in (u.get("sections") or []))
if "frontend" in sections:
    print("build.own_lib_frontend_secs %.2f" % (sections["frontend"]["end"] - sections["frontend"]["start"]))
print("build.own_all_units_secs %.2f" % sum(u["duration"] for u in own))
print("build.units %d" % len(units))
EOF
  cp "$APP/target/cargo-timings/cargo-timing.html" "$WORK/" 2>/dev/null || true
  rm -rf "$APP"
  step_done build
fi

# --- 5. first build of the quickstart ------------------------------------------------------
if wanted first_build; then
  note "first build: clean cargo build and cargo run of the quickstart (a few minutes)"
  bash "$ROOT/bench/first_build.sh" "$RESULTS"
  step_done first_build
  if [[ -n "${FIRST_BUILD_BEFORE:-}" ]]; then
    # The same measure of another checkout (e.g. an older commit), right after, for a before figure.
    note "first build: the same for $FIRST_BUILD_BEFORE"
    REPO="$FIRST_BUILD_BEFORE" PREFIX=first_build_before bash "$ROOT/bench/first_build.sh" "$RESULTS"
    step_done first_build_before
  fi
fi
put machine.load_after "$(cut -d' ' -f1-3 /proc/loadavg)"

# --- report --------------------------------------------------------------------------------
# bench/results.txt keeps the raw figures of the last run of each step: a run of some steps
# (ONLY=...) carries the others' figures over, each with the date it was measured.
SAVED="$ROOT/bench/results.txt"
if [[ -f "$SAVED" ]]; then
  python3 - "$SAVED" "$RESULTS" <<'EOF'
import sys
saved, results = sys.argv[1], sys.argv[2]
prefix = lambda key: key.split(".", 1)[0]
fresh = [line for line in open(results) if line.strip()]
ran = {prefix(line.split(" ", 1)[0]) for line in fresh if line.split(" ", 1)[0].endswith(".date")}
kept = [line for line in open(saved) if line.strip() and prefix(line.split(" ", 1)[0]) in
        {"encode", "percall", "e2e", "build", "first_build", "first_build_before"} - ran]
open(results, "a").writelines(kept)
EOF
fi
cp "$RESULTS" "$SAVED"
python3 "$ROOT/bench/bench_report.py" "$SAVED" >"$ROOT/BENCHMARKS.md"
note "wrote BENCHMARKS.md and bench/results.txt (profiles in $WORK)"
