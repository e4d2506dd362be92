#!/usr/bin/env bash
# bench/rollup.sh — a province's roll-up against one big office (SPEC §5, issue 15):
# 100 offices of 1,000 tasks each (a roll-up, offices.toml) against one office of
# 100,000 tasks, both made by examples/gen_tasks.rs, timed side by side by hyperfine:
#
#   wg tasks overdue         on the roll-up   vs   on the one office
#   wg report --by office    on the roll-up   vs   wg report (by group) on the one office
#
# The goal: the roll-up at most 1.5x as slow as the one office.
#
#   bench/rollup.sh                                  # 100 x 1000 vs 1 x 100000
#   OFFICES=20 PER_OFFICE=500 bench/rollup.sh        # smaller, for a quick look
#   BENCH_DIR=/tmp/wg-rollup bench/rollup.sh         # keep (and reuse) the data
#   RUNS=5 bench/rollup.sh                           # hyperfine --runs (default 10)
#   WG_BIN=/path/to/other/wg bench/rollup.sh         # another build (before/after)
#
# With jq installed it also prints the medians and their ratio, which the goal is
# judged on; it prints the load average before and after (other work on the machine).
#
# Needs hyperfine. Not part of CI. Every wg run reads and validates every file afresh;
# the OS page cache is warm (hyperfine's warm-up run).

set -euo pipefail
export LC_ALL=C.UTF-8 TZ=UTC
cd "$(dirname "$0")/.."

OFFICES=${OFFICES:-100}
PER_OFFICE=${PER_OFFICE:-1000}
RUNS=${RUNS:-10}
TODAY=${TODAY:-2026-11-29}
WORK=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/wg-rollup.XXXXXX")}
mkdir -p "$WORK"
command -v hyperfine >/dev/null || { echo "bench: please install hyperfine" >&2; exit 1; }

cargo build --release --quiet --bin wg --example gen_tasks
TARGET=${CARGO_TARGET_DIR:-target}
WG=$(realpath "${WG_BIN:-$TARGET/release/wg}")
GEN=$(realpath "$TARGET/release/examples/gen_tasks")

TOTAL=$((OFFICES * PER_OFFICE))
ONE="$WORK/one-$TOTAL"
ROLLUP="$WORK/rollup-$OFFICES-x-$PER_OFFICE"
if [ ! -f "$ONE/org.toml" ]; then
    "$GEN" --tasks "$TOTAL" --out "$ONE" --today "$TODAY" >/dev/null
fi
if [ ! -f "$ROLLUP/province/offices.toml" ]; then
    mkdir -p "$ROLLUP/province"
    {
        printf '[rollup]\nname = "省总工会"\n'
        for i in $(seq 1 "$OFFICES"); do
            # Each office its own data: a different seed, so the offices differ.
            "$GEN" --tasks "$PER_OFFICE" --out "$ROLLUP/city$i" --today "$TODAY" --seed "$i" >/dev/null
            printf '\n[[offices]]\nid = "city%s"\nname = "第%s市总工会"\ndata = "../city%s"\n' "$i" "$i" "$i"
        done
    } > "$ROLLUP/province/offices.toml"
fi
"$WG" --data "$ROLLUP/province" check >/dev/null
"$WG" --data "$ONE" check >/dev/null

echo "## Roll-up: $OFFICES offices x $PER_OFFICE tasks vs one office of $TOTAL tasks"
echo
echo "${WG_BIN:+binary $WG_BIN, }commit $(git rev-parse --short HEAD 2>/dev/null || echo "?"); load average before: $(cut -d" " -f1-3 /proc/loadavg)"
echo
for pair in "tasks overdue|tasks overdue" "report --by office|report"; do
    rollup_cmd=${pair%%|*}
    one_cmd=${pair##*|}
    hyperfine --warmup 1 --runs "$RUNS" --style basic --export-markdown "$WORK/md" \
        --export-json "$WORK/json" \
        -n "roll-up: wg $rollup_cmd" "$WG --data $ROLLUP/province --today $TODAY $rollup_cmd > /dev/null" \
        -n "one office: wg $one_cmd" "$WG --data $ONE --today $TODAY $one_cmd > /dev/null" >&2
    cat "$WORK/md"
    echo
    # The goal is judged on the medians (a run slowed by other work weighs less).
    if command -v jq >/dev/null; then
        jq -r '.results | "Medians: roll-up \(.[0].median * 1000 | round) ms, one office \(.[1].median * 1000 | round) ms: \(.[0].median / .[1].median * 100 | round / 100)x (goal: at most 1.5x)"' "$WORK/json"
        echo
    fi
done
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
