#!/usr/bin/env bash
# bench/shapes.sh — the growth benchmark: each odd shape of data at two sizes, and how
# much longer the larger one takes. Linear work takes at most about as much longer as
# its input grew (the table says how much it did: the sizes are FACTOR apart, 10 by
# default); work that grows with the square of its input shows about FACTOR².
#
#   bench/shapes.sh                        # every shape, default sizes; Markdown on stdout
#   SHAPES="agenda files" bench/shapes.sh  # some shapes
#   SCALE=10 bench/shapes.sh               # every size ten times larger
#   WG_BIN=/path/to/old/wg bench/shapes.sh # measure another build (before/after)
#   RUNS=5 bench/shapes.sh                 # timed runs per size (default 3)
#   SHAPES=inline-errors N_SMALL=300 bench/shapes.sh   # another smaller size
#
# Not part of CI, and no test times anything: a loaded machine must not fail a correct
# build. This script is where growth is checked. It builds wg and the generator
# (`examples/gen_shapes.rs`) in release mode, writes each shape at both sizes, and
# times the command that once grew faster than its input (issue 10, item 9), with
# hyperfine when it is installed (`apt-get install hyperfine`), else with bash's clock
# (the median of RUNS runs after a warm-up). A run that fails stops the script.

set -euo pipefail
export LC_ALL=C.UTF-8 TZ=UTC
cd "$(dirname "$0")/.."

SHAPES=${SHAPES:-"agenda files inline inline-errors groups repeats"}
SCALE=${SCALE:-1}
FACTOR=${FACTOR:-10}
RUNS=${RUNS:-3}
TODAY=2026-01-15
WORK=$(mktemp -d "${TMPDIR:-/tmp}/wg-shapes.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

note() { echo "shapes: $*" >&2; }

# The smaller size of each shape (times SCALE), and what is timed on it.
# `repeats` is not scaled: its N is a year (its input is 200 tasks at any N).
declare -A SMALL=([agenda]=10000 [files]=5000 [inline]=5000 [inline-errors]=1000 [groups]=1000 [repeats]=900)
declare -A WHAT=(
    [agenda]="meeting agenda --quarter 2026Q1"
    [files]="check"
    [inline]="check"
    [inline-errors]="check"
    [groups]="check"
    [repeats]="tasks list"
)
# The exit code each must end with (inline-errors reports one error a task).
declare -A EXIT=([inline-errors]=2)
declare -A UNIT=([agenda]="tasks" [files]="one-task files" [inline]="inline tasks on one line"
    [inline-errors]="inline tasks on one line, each with an error"
    [groups]="nested groups" [repeats]="years that 200 monthly tasks ran")

note "building (release)"
cargo build --release --quiet --bin wg --example gen_shapes
TARGET=${CARGO_TARGET_DIR:-target}
WG=$(realpath "${WG_BIN:-$TARGET/release/wg}")
GEN=$(realpath "$TARGET/release/examples/gen_shapes")

# seconds EXIT CMD...: the time of one run of CMD, which must exit EXIT, in seconds
# (3 decimals).
seconds() {
    local want=$1
    shift
    local code=0
    "$@" >/dev/null 2>&1 || code=$?
    [ "$code" = "$want" ] || { note "exit $code, not $want: $*"; "$@" >/dev/null; exit 1; }
    if command -v hyperfine >/dev/null; then
        local json=$WORK/hyperfine.json ignore=()
        [ "$want" = 0 ] || ignore=(--ignore-failure)
        hyperfine --style none --warmup 1 --runs "$RUNS" "${ignore[@]}" --export-json "$json" \
            "$(printf '%q ' "$@")" >/dev/null 2>&1 || exit 1
        sed -n 's/^ *"median": *\([0-9.e-]*\).*/\1/p' "$json" | head -1 | awk '{ printf "%.3f", $1 }'
    else
        local t=() t0 t1
        for _ in $(seq "$RUNS"); do
            t0=$EPOCHREALTIME
            "$@" >/dev/null 2>&1 || true
            t1=$EPOCHREALTIME
            t+=("$(( ${t1/./} - ${t0/./} ))")
        done
        printf '%s\n' "${t[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] / 1e6 }'
    fi
}

timer=$(command -v hyperfine >/dev/null && hyperfine --version || echo "bash \$EPOCHREALTIME")
echo "wg ${WG_BIN:-$(git describe --always --dirty 2>/dev/null || echo '?')}; $(nproc) cores;" \
     "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null); median of $RUNS runs after a warm-up ($timer)."
echo
echo "| shape | command | N small | N large | input growth | time small | time large | time growth |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for shape in $SHAPES; do
    [ -n "${SMALL[$shape]:-}" ] || { note "unknown shape $shape"; exit 2; }
    small=${SMALL[$shape]}
    [ "$shape" = repeats ] || small=$(( small * SCALE ))
    small=${N_SMALL:-$small}
    large=$(( small * FACTOR ))
    [ "$shape" != repeats ] || [ "$large" -le 9998 ] || { note "repeats: N is a year, at most 9998"; exit 2; }
    times=() bytes=()
    for n in $small $large; do
        dir=$WORK/$shape-$n
        note "$shape: writing $n ${UNIT[$shape]}"
        "$GEN" "$shape" "$n" "$dir"
        bytes+=("$(du -sb "$dir" | cut -f1)")
        note "$shape: timing wg ${WHAT[$shape]} at $n"
        # shellcheck disable=SC2086 # WHAT holds the command's words
        times+=("$(seconds "${EXIT[$shape]:-0}" "$WG" --data "$dir" --today "$TODAY" ${WHAT[$shape]})")
        rm -rf "$dir"
    done
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }'; }
    echo "| $shape (N ${UNIT[$shape]}) | \`wg ${WHAT[$shape]}\` | $small | $large | $(ratio "${bytes[1]}" "${bytes[0]}")× | ${times[0]} s | ${times[1]} s | $(ratio "${times[1]}" "${times[0]}")× |"
done
