#!/usr/bin/env bash
# bench/run.sh — the scale benchmark: wg against taskwarrior on 1k, 10k and 100k tasks,
# every read command (and `tasks done`) at 1k to 1M tasks, and wg's start-up.
#
#   bench/run.sh                      # everything; prints a Markdown report on stdout
#   SIZES="10000 100000" PAIRS=9 bench/run.sh
#   GROWTH="1000 10000 100000" bench/run.sh   # the growth table without 1M (faster)
#   BENCH_DIR=/tmp/wg-bench bench/run.sh   # keep the generated data there (a rerun that day uses it again)
#   WG_BIN=/path/to/old/wg bench/run.sh    # measure another build (before/after)
#
# Not part of CI: it installs taskwarrior (Debian/Ubuntu: apt-get) when it is missing,
# builds wg with the profiling profile (release, with symbols for perf), generates the data with `examples/gen_tasks.rs`, imports
# the same tasks into taskwarrior with a minimal rc, checks that both tools count the
# same overdue tasks (and stops if they do not), then times the two alternately:
# one warm-up run each (which also records peak RSS with /usr/bin/time), then PAIRS
# pairs, and reports medians. Every wg run reads and validates the files afresh; the
# OS page cache is warm for both tools.
#
# Dates: taskwarrior calls a task overdue when `due < now`, wg when `due < today`. The
# generator writes dues as T00:00:00Z and keeps every due date at least two days from
# --today, so with TZ=UTC and --today the current UTC date both tools agree all
# through today and tomorrow (see the doc comment of examples/gen_tasks.rs).

set -euo pipefail
export LC_ALL=C.UTF-8 TZ=UTC
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
PAIRS=${PAIRS:-7}
BIG=${BIG:-100000}          # the size for `tasks done` and `check`
GROWTH=${GROWTH:-"1000 10000 100000 1000000"}   # sizes of the growth table (wg alone)
RUNS_1M=${RUNS_1M:-7}       # runs per command at 1M tasks and above (each takes seconds)
TODAY=$(date -u +%F)
WORK=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/wg-bench.XXXXXX")}
mkdir -p "$WORK"

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "bench: $*" >&2; }

# --- tools -------------------------------------------------------------------------
need_pkgs=()
command -v task >/dev/null || need_pkgs+=(taskwarrior)
[ -x /usr/bin/time ] || need_pkgs+=(time)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    command -v apt-get >/dev/null || die "please install: ${need_pkgs[*]} (no apt-get here)"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    note "installing ${need_pkgs[*]}"
    $sudo apt-get update -qq >&2
    $sudo apt-get install -y -qq "${need_pkgs[@]}" >&2
fi

# The profiling profile is the release build with symbols and line tables (Cargo.toml),
# so `perf record` on the binary measured names functions; the code is the same.
# On x86_64 Linux with glibc, wg is measured as `cargo build-static` makes it (the binary
# for the office's machines: README, "Install"); the default, dynamically linked build
# is timed beside it at start-up, where the two differ.
# STATIC=0 measures the default build alone.
note "building wg (profiling profile: release with symbols)"
cargo build --profile profiling --quiet --bin wg --example gen_tasks
TARGET=${CARGO_TARGET_DIR:-target}
WG_DYNAMIC=$(realpath "$TARGET/profiling/wg")
WG=${WG_BIN:-}   # WG_BIN: measure another build of wg
if [ -z "$WG" ] && [ "${STATIC:-1}" != 0 ] &&
    [ "$(rustc -vV | sed -n 's/^host: //p')" = x86_64-unknown-linux-gnu ]; then
    note "building wg linked statically (cargo build-static)"
    if cargo build-static --profile profiling --quiet --bin wg; then
        WG=$TARGET/x86_64-unknown-linux-gnu/profiling/wg
    else
        note "the static build failed (README, \"Install\", says what it needs): measuring the default one"
    fi
fi
WG=$(realpath "${WG:-$WG_DYNAMIC}")
# How the measured binary is linked, from the binary: a dynamically linked one names
# its loader.
LINKED=statically
if readelf -lW "$WG" 2>/dev/null | grep -q INTERP; then LINKED=dynamically; fi
# Beside a static build of this checkout, this checkout's default build (not beside a
# WG_BIN, which is some other commit's).
BESIDE=0
if [ "$LINKED" = statically ] && [ -z "${WG_BIN:-}" ]; then BESIDE=1; fi
GEN=$(realpath "$TARGET/profiling/examples/gen_tasks")

# --- measuring ---------------------------------------------------------------------
# ms CMD...: wall-clock milliseconds of one run, output discarded. $EPOCHREALTIME is a
# bash builtin, so the only overhead is the fork and exec both tools pay alike.
ms() {
    local t0 t1
    t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || die "failed: $*"
    t1=$EPOCHREALTIME
    echo $(( (${t1/./} - ${t0/./}) / 1000 ))
}

# rss CMD...: peak resident set of one run, in MiB (one decimal).
rss() {
    local f
    f=$(mktemp)
    /usr/bin/time -f %M -o "$f" "$@" >/dev/null 2>&1 || { cat "$f" >&2; die "failed: $*"; }
    awk '{ printf "%.1f", $1 / 1024 }' "$f"
    rm -f "$f"
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
# verdict OK: ✓ or ✗
verdict() { if [ "$1" = 1 ]; then echo "✓"; else echo "✗"; fi; }
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { print (a >= b) ? 1 : 0 }'; }

# pair NAME_A NAME_B -- CMD_A... -- CMD_B...: warm-up (with RSS), then PAIRS alternate
# runs; sets A_MS B_MS (medians) and A_RSS B_RSS.
pair() {
    local -a a=() b=()
    shift 2; shift   # names are for the reader; skip the first --
    while [ "$1" != "--" ]; do a+=("$1"); shift; done
    shift
    b=("$@")
    A_RSS=$(rss "${a[@]}")
    B_RSS=$(rss "${b[@]}")
    local -a ta=() tb=()
    for _ in $(seq "$PAIRS"); do
        ta+=("$(ms "${a[@]}")")
        tb+=("$(ms "${b[@]}")")
    done
    A_MS=$(median "${ta[@]}")
    B_MS=$(median "${tb[@]}")
    note "  runs (ms): ${ta[*]} | ${tb[*]}"
}

# trio CMD_A... -- CMD_B... -- CMD_C...: pair for three commands, run in turn; sets
# A_MS B_MS C_MS (medians) and A_RSS B_RSS C_RSS.
trio() {
    local -a a=() b=() c=()
    while [ "$1" != "--" ]; do a+=("$1"); shift; done
    shift
    while [ "$1" != "--" ]; do b+=("$1"); shift; done
    shift
    c=("$@")
    A_RSS=$(rss "${a[@]}")
    B_RSS=$(rss "${b[@]}")
    C_RSS=$(rss "${c[@]}")
    local -a ta=() tb=() tc=()
    for _ in $(seq "$PAIRS"); do
        ta+=("$(ms "${a[@]}")")
        tb+=("$(ms "${b[@]}")")
        tc+=("$(ms "${c[@]}")")
    done
    A_MS=$(median "${ta[@]}")
    B_MS=$(median "${tb[@]}")
    C_MS=$(median "${tc[@]}")
    # C's time over A's and over B's, round by round: the least and the most (how far
    # a ratio of medians near a goal's bound may stand from it in another run).
    CA_SPREAD=$(spread "${ta[*]}" "${tc[*]}")
    CB_SPREAD=$(spread "${tb[*]}" "${tc[*]}")
    note "  runs (ms): ${ta[*]} | ${tb[*]} | ${tc[*]}"
}

# spread "A_RUNS" "C_RUNS": the least and the most of C/A, round by round, as "x–y".
spread() {
    awk -v a="$1" -v c="$2" 'BEGIN {
        n = split(a, x, " "); split(c, y, " ")
        for (i = 1; i <= n; i++) if (x[i] > 0) {
            r = y[i] / x[i]
            if (lo == "" || r < lo) lo = r
            if (hi == "" || r > hi) hi = r
        }
        printf "%.1f–%.1f", lo, hi
    }'
}

ratio2() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }

# us CMD...: microseconds of one run, output discarded (for the start-up).
us() {
    local t0 t1
    t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || die "failed: $*"
    t1=$EPOCHREALTIME
    echo $(( ${t1/./} - ${t0/./} ))
}

# --- data --------------------------------------------------------------------------
twrc="$WORK/taskrc"
printf '%s\n' confirmation=no color=off verbose=nothing gc=off hooks=off > "$twrc"
export TASKRC=$twrc

declare -A EXPECT SAMPLE SAMPLE_UUID BYTES
# The growth table's sizes need wg's data only (no taskwarrior beyond the compared
# sizes: importing a million tasks takes it minutes).
for n in $GROWTH; do
    case " $SIZES $BIG " in *" $n "*) continue ;; esac
    [ -n "${EXPECT[$n]:-}" ] && continue
    if [ -s "$WORK/wg-$n.summary" ] && [ "$(cat "$WORK/wg-$n.summary.today" 2>/dev/null)" = "$TODAY" ]; then
        note "using the $n tasks generated earlier in $WORK"
        summary=$(cat "$WORK/wg-$n.summary")
    else
        note "generating $n tasks (wg only)"
        rm -rf "$WORK/wg-$n"
        summary=$("$GEN" --tasks "$n" --out "$WORK/wg-$n" --today "$TODAY")
        echo "$summary" > "$WORK/wg-$n.summary"
        echo "$TODAY" > "$WORK/wg-$n.summary.today"
    fi
    for kv in $summary; do
        case $kv in
            overdue=*) EXPECT[$n]=${kv#*=} ;;
            sample_open=*) SAMPLE[$n]=${kv#*=} ;;
            task_bytes=*) BYTES[$n]=${kv#*=} ;;
        esac
    done
done
for n in $SIZES $BIG; do
    [ -d "$WORK/wg-$n" ] && [ -n "${EXPECT[$n]:-}" ] && continue
    # A BENCH_DIR from an earlier run on the same day is used again as it is (the
    # generator's output depends only on its arguments); delete it to start afresh.
    if [ -s "$WORK/wg-$n.summary" ] && [ "$(cat "$WORK/wg-$n.summary.today" 2>/dev/null)" = "$TODAY" ] \
        && [ -d "$WORK/tw-$n" ]; then
        note "using the $n tasks generated and imported earlier in $WORK"
        summary=$(cat "$WORK/wg-$n.summary")
        reuse=1
    else
        note "generating $n tasks"
        rm -f "$WORK/wg-$n.summary"
        summary=$("$GEN" --tasks "$n" --out "$WORK/wg-$n" --today "$TODAY" --taskwarrior "$WORK/tw-$n.json")
        reuse=0
    fi
    for kv in $summary; do
        case $kv in
            overdue=*) EXPECT[$n]=${kv#*=} ;;
            sample_open=*) SAMPLE[$n]=${kv#*=} ;;
            sample_uuid=*) SAMPLE_UUID[$n]=${kv#*=} ;;
            task_bytes=*) BYTES[$n]=${kv#*=} ;;
        esac
    done
    if [ "$reuse" = 0 ]; then
        note "importing $n tasks into taskwarrior"
        rm -rf "$WORK/tw-$n"
        mkdir -p "$WORK/tw-$n"
        TASKDATA="$WORK/tw-$n" task import "$WORK/tw-$n.json" >/dev/null
    fi

    # Not only the counts: the very same task ids (taskwarrior's descriptions start
    # with the wg id).
    "$WG" --data "$WORK/wg-$n" --today "$TODAY" tasks overdue --format json > "$WORK/wg-$n.overdue.json" \
        || die "wg tasks overdue failed at $n tasks"
    wg_count=$(sed -n 's/^  "count": *\([0-9]*\).*/\1/p' "$WORK/wg-$n.overdue.json")
    sed -n 's/^      "id": "\(.*\)",$/\1/p' "$WORK/wg-$n.overdue.json" | sort > "$WORK/wg-$n.overdue.ids"
    TASKDATA="$WORK/tw-$n" task status:pending +OVERDUE _unique description | cut -d' ' -f1 | sort > "$WORK/tw-$n.overdue.ids"
    tw_count=$(TASKDATA="$WORK/tw-$n" task status:pending +OVERDUE count)
    note "  overdue: generator ${EXPECT[$n]}, wg ${wg_count:-?}, taskwarrior $tw_count"
    [ "$wg_count" = "${EXPECT[$n]}" ] && [ "$tw_count" = "${EXPECT[$n]}" ] \
        || die "overdue counts differ at $n tasks: generator ${EXPECT[$n]}, wg ${wg_count:-none}, taskwarrior $tw_count"
    cmp -s "$WORK/wg-$n.overdue.ids" "$WORK/tw-$n.overdue.ids" \
        || die "wg and taskwarrior list different overdue tasks at $n tasks: diff $WORK/wg-$n.overdue.ids $WORK/tw-$n.overdue.ids"
    echo "$summary" > "$WORK/wg-$n.summary"
    echo "$TODAY" > "$WORK/wg-$n.summary.today"
    rm -f "$WORK/wg-$n.overdue.json"
done

# --- report ------------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM;" \
     "$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"); $(rustc --version | cut -d' ' -f1-2);" \
     "taskwarrior $(task --version); wg ${WG_BIN:-$(git describe --always --dirty 2>/dev/null || echo '?')} (linked $LINKED); as of $TODAY, TZ=UTC;" \
     "median of $PAIRS alternating pairs after a warm-up; load average before timing: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)."
echo
echo "| tasks | tasks file | overdue | \`wg tasks overdue\` | \`… --format json\` | \`task overdue\` | speed-up (table) | speed-up (JSON) | JSON / table | wg peak RSS | task peak RSS | wg RSS / file |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
declare -A WG_MS TW_MS SPEEDUP RSSX JSON_MS JSON_SPEEDUP JSON_X SPREAD JSON_SPREAD
for n in $SIZES; do
    note "timing tasks overdue at $n (table, JSON, taskwarrior)"
    trio "$WG" --data "$WORK/wg-$n" --today "$TODAY" tasks overdue \
        -- "$WG" --data "$WORK/wg-$n" --today "$TODAY" tasks overdue --format json \
        -- env TASKDATA="$WORK/tw-$n" task overdue
    WG_MS[$n]=$A_MS
    JSON_MS[$n]=$B_MS
    TW_MS[$n]=$C_MS
    SPEEDUP[$n]=$(ratio "$C_MS" "$A_MS")
    JSON_SPEEDUP[$n]=$(ratio "$C_MS" "$B_MS")
    JSON_X[$n]=$(ratio2 "$B_MS" "$A_MS")
    SPREAD[$n]=$CA_SPREAD
    JSON_SPREAD[$n]=$CB_SPREAD
    RSSX[$n]=$(ratio "$A_RSS" "$(mb "${BYTES[$n]}")")
    echo "| $n | $(mb "${BYTES[$n]}") MiB | ${EXPECT[$n]} | $A_MS ms | $B_MS ms | $C_MS ms | ${SPEEDUP[$n]}× | ${JSON_SPEEDUP[$n]}× | ${JSON_X[$n]}× | $A_RSS MiB | $C_RSS MiB | ${RSSX[$n]}× |"
done

# `tasks done` edits the data, so each run gets a fresh copy (the copy is not timed).
n=$BIG
id=${SAMPLE[$n]}
uuid=${SAMPLE_UUID[$n]}
tw_id=$(TASKDATA="$WORK/tw-$n" task _get "$uuid.id")
[ -n "$tw_id" ] && [ "$tw_id" != 0 ] || die "task $uuid not found in taskwarrior"
note "timing tasks done at $n ($id = taskwarrior $tw_id)"
# The copy is written to disk before the run (`sync`, not timed either): else the first
# fsync of the run (wg syncs the new file before the rename) waits for the copy's 30 MB.
fresh() { rm -rf "$WORK/copy-wg" "$WORK/copy-tw"; cp -r "$WORK/wg-$n" "$WORK/copy-wg"; cp -r "$WORK/tw-$n" "$WORK/copy-tw"; sync; }
fresh
DONE_WG_RSS=$(rss "$WG" --data "$WORK/copy-wg" --today "$TODAY" tasks done "$id")
changed=$(diff "$WORK/wg-$n/tasks.toml" "$WORK/copy-wg/tasks.toml" | grep -c '^[<>]' || true)
DONE_TW_RSS=$(TASKDATA="$WORK/copy-tw" rss task "$tw_id" done)
[ "$(TASKDATA="$WORK/copy-tw" task _get "$uuid.status")" = completed ] || die "task $tw_id done did not complete it"
fresh
NOTE_WG_RSS=$(rss "$WG" --data "$WORK/copy-wg" --today "$TODAY" tasks note "$id" "进展顺利")
NOTE_TW_RSS=$(TASKDATA="$WORK/copy-tw" rss task "$tw_id" annotate "进展顺利")
# The same edits on the data split into 50 files (`--split 50`): wg edits one of them.
split_dir="$WORK/wg-$n-split50"
if [ ! -d "$split_dir" ] || [ "$(cat "$split_dir.today" 2>/dev/null)" != "$TODAY" ]; then
    note "generating $n tasks in 50 files"
    rm -rf "$split_dir"
    "$GEN" --tasks "$n" --out "$split_dir" --today "$TODAY" --split 50 >/dev/null
    echo "$TODAY" > "$split_dir.today"
fi
done_wg=() done_tw=() note_wg=() note_tw=() split_wg=()
for _ in $(seq "$PAIRS"); do
    fresh
    done_wg+=("$(ms "$WG" --data "$WORK/copy-wg" --today "$TODAY" tasks done "$id")")
    done_tw+=("$(TASKDATA="$WORK/copy-tw" ms task "$tw_id" done)")
    fresh
    note_wg+=("$(ms "$WG" --data "$WORK/copy-wg" --today "$TODAY" tasks note "$id" "进展顺利")")
    note_tw+=("$(TASKDATA="$WORK/copy-tw" ms task "$tw_id" annotate "进展顺利")")
    rm -rf "$WORK/copy-wg"; cp -r "$split_dir" "$WORK/copy-wg"; sync
    split_wg+=("$(ms "$WG" --data "$WORK/copy-wg" --today "$TODAY" tasks done "$id")")
done
note "  runs (ms): done ${done_wg[*]} | ${done_tw[*]}; note ${note_wg[*]} | ${note_tw[*]}; done in 50 files ${split_wg[*]}"
a=$(median "${done_wg[@]}")
b=$(median "${done_tw[@]}")
DONE_SPEEDUP=$(ratio "$b" "$a")
na=$(median "${note_wg[@]}")
nb=$(median "${note_tw[@]}")
NOTE_SPEEDUP=$(ratio "$nb" "$na")
sa=$(median "${split_wg[@]}")
SPLIT_SPEEDUP=$(ratio "$b" "$sa")
echo
echo "| at $n tasks | wg | taskwarrior | speed-up | wg peak RSS | task peak RSS |"
echo "|---|---:|---:|---:|---:|---:|"
echo "| \`wg tasks done $id\` / \`task $tw_id done\` (fresh copy each run) | $a ms | $b ms | $DONE_SPEEDUP× | $DONE_WG_RSS MiB | $DONE_TW_RSS MiB |"
echo "| \`wg tasks note $id …\` / \`task $tw_id annotate …\` (fresh copy each run) | $na ms | $nb ms | $NOTE_SPEEDUP× | $NOTE_WG_RSS MiB | $NOTE_TW_RSS MiB |"
echo "| \`wg tasks done $id\`, the tasks in 50 files / \`task $tw_id done\` | $sa ms | $b ms | $SPLIT_SPEEDUP× | | |"

note "timing check at $n"
CHECK_RSS=$(rss "$WG" --data "$WORK/wg-$n" --today "$TODAY" check)
check=()
for _ in $(seq "$PAIRS"); do check+=("$(ms "$WG" --data "$WORK/wg-$n" --today "$TODAY" check)"); done
note "  runs (ms): ${check[*]}"
echo "| \`wg check\` | $(median "${check[@]}") ms | | | $CHECK_RSS MiB | |"
echo
echo "\`wg tasks done\` changed $changed line(s) of the $(mb "${BYTES[$n]}") MiB tasks.toml."

# --- the agenda against the overdue list, at BIG --------------------------------------
n=$BIG
note "timing meeting agenda at $n (against tasks overdue)"
pair agenda overdue -- "$WG" --data "$WORK/wg-$n" --today "$TODAY" meeting agenda \
    -- "$WG" --data "$WORK/wg-$n" --today "$TODAY" tasks overdue
AGENDA_MS=$A_MS
AGENDA_X=$(ratio2 "$A_MS" "$B_MS")
echo
echo "\`wg meeting agenda\` at $n tasks: $A_MS ms, ${AGENDA_X}× \`wg tasks overdue\` ($B_MS ms) in the same run."

# --- growth: every read command (and tasks done) at each size --------------------------
person() { awk '/^\[\[people\]\]/ { p = 1; next } p && /^name *=/ { sub(/^name *= *"/, ""); sub(/".*$/, ""); print; exit }' "$1/org.toml"; }
COMMANDS=("check" "tasks list" "tasks overdue" "tasks due" "tasks show" "report" "meeting agenda" "meeting ics --deadlines" "roster person" "tasks done")
# Not wg: the machine's own cost of what any atomic edit must do, read the tasks file and
# write it anew with fsync (dd, on a fresh copy as for `tasks done`). On a VM that backs
# fresh page cache lazily it shows how much of `tasks done`'s growth is the machine's.
FLOOR="floor"
declare -A GT
echo
echo "Time of each command at each size (median; $PAIRS runs, $RUNS_1M from 1M tasks on, the sizes taken in turn round by round; \`tasks done\` on a fresh copy each run, the copy not timed), and how much it grows from one size to the next (input grows 10×; goal ≤ 10.5×):"
echo
header="| command |"
rule="|---|"
for n in $GROWTH; do header="$header $n |"; rule="$rule---:|"; done
prev=""
for n in $GROWTH; do
    [ -n "$prev" ] && { header="$header ${prev}→$n |"; rule="$rule---:|"; }
    prev=$n
done
echo "$header"
echo "$rule"
declare -A WORST
# The sizes are taken in turn, round by round (not all the runs of one size, then the
# next): what the machine's other load does to a round it does to every size alike, so
# that it moves the medians less than it did the ratios between them.
rounds=$(( PAIRS > RUNS_1M ? PAIRS : RUNS_1M ))
for cmd in "${COMMANDS[@]}" "$FLOOR"; do
    row="| \`wg $cmd\` |"
    [ "$cmd" = "$FLOOR" ] && row="| not wg: \`dd conv=fsync\` of the tasks file (an edit's floor) |"
    unset TIMES
    declare -A TIMES=()
    for round in $(seq "$rounds"); do
        for n in $GROWTH; do
            runs=$PAIRS
            [ "$n" -ge 1000000 ] && runs=$RUNS_1M
            [ "$round" -le "$runs" ] || continue
            dir="$WORK/wg-$n"
            case $cmd in
                "tasks show") args=(tasks show "${SAMPLE[$n]}") ;;
                "roster person") args=(roster person "$(person "$dir")") ;;
                "tasks done") args=(tasks done "${SAMPLE[$n]}") ;;
                *) read -r -a args <<< "$cmd" ;;
            esac
            [ "$round" = 1 ] && note "timing $cmd at $n"
            if [ "$cmd" = "tasks done" ] || [ "$cmd" = "$FLOOR" ]; then
                rm -rf "$WORK/copy-wg"
                cp -r "$dir" "$WORK/copy-wg"
                sync
                if [ "$cmd" = "$FLOOR" ]; then
                    t=$(ms dd if="$WORK/copy-wg/tasks.toml" of="$WORK/copy-wg/tasks.toml.new" bs=4M conv=fsync)
                else
                    t=$(ms "$WG" --data "$WORK/copy-wg" --today "$TODAY" "${args[@]}")
                fi
            else
                t=$(ms "$WG" --data "$dir" --today "$TODAY" "${args[@]}")
            fi
            TIMES[$n]="${TIMES[$n]:-} $t"
        done
    done
    for n in $GROWTH; do
        # shellcheck disable=SC2086 # the runs, one word each
        GT[$cmd,$n]=$(median ${TIMES[$n]})
        row="$row ${GT[$cmd,$n]} ms |"
    done
    prev=""
    for n in $GROWTH; do
        if [ -n "$prev" ]; then
            g=$(ratio "${GT[$cmd,$n]}" "${GT[$cmd,$prev]}")
            row="$row ${g}× |"
            # The goal is about the work, so from 10k tasks on: at 1k, wg's start-up is
            # most of the time.
            if [ "$prev" -ge 10000 ] && [ "$cmd" != "$FLOOR" ]; then
                WORST[$cmd]=$(awk -v a="${WORST[$cmd]:-0}" -v b="$g" 'BEGIN { print (b > a) ? b : a }')
            fi
        fi
        prev=$n
    done
    echo "$row"
done
rm -rf "$WORK/copy-wg"

# --- memory at the largest size ---------------------------------------------------------
top=${GROWTH##* }
note "peak RSS of tasks overdue at $top"
TOP_RSS=$(rss "$WG" --data "$WORK/wg-$top" --today "$TODAY" tasks overdue)
TOP_X=$(ratio2 "$TOP_RSS" "$(mb "${BYTES[$top]}")")
echo
echo "Peak RSS of \`wg tasks overdue\` at $top tasks: $TOP_RSS MiB, ${TOP_X}× the $(mb "${BYTES[$top]}") MiB tasks file."

# --- start-up on the default data, against a hello-world binary --------------------------
# The goal's hello world is rustc's default build (linked dynamically). When wg is
# measured linked statically, a hello world linked the same way and wg's default build
# are timed in the same rounds, so that what the linking gives is told apart from what
# wg does.
note "timing start-up on the default data"
hello="$WORK/hello"
if [ ! -x "$hello" ]; then
    printf 'fn main() {\n    println!("hello");\n}\n' > "$WORK/hello.rs"
    rustc -C opt-level=3 -C strip=symbols -C panic=abort "$WORK/hello.rs" -o "$hello"
fi
# The binaries as `cargo install` and `cargo install-static` build them: the release
# profile strips them (the profiling build is the same code with line tables).
strip -o "$WORK/wg-stripped" "$WG"
if [ "$BESIDE" = 1 ]; then
    strip -o "$WORK/wg-dynamic-stripped" "$WG_DYNAMIC"
    [ -x "$WORK/hello-static" ] ||
        rustc -C opt-level=3 -C strip=symbols -C panic=abort -C target-feature=+crt-static \
            -C relocation-model=static "$WORK/hello.rs" -o "$WORK/hello-static"
fi
STARTS=${STARTS:-201}
sh=() sw=() shs=() swd=()
for _ in $(seq "$STARTS"); do
    sh+=("$(us "$hello")")
    sw+=("$(us "$WORK/wg-stripped" --data data --today 2022-01-10 tasks overdue)")
    if [ "$BESIDE" = 1 ]; then
        shs+=("$(us "$WORK/hello-static")")
        swd+=("$(us "$WORK/wg-dynamic-stripped" --data data --today 2022-01-10 tasks overdue)")
    fi
done
ms2() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
HELLO_US=$(median "${sh[@]}")
START_US=$(median "${sw[@]}")
START_X=$(ratio2 "$START_US" "$HELLO_US")
echo
echo "Start-up: \`wg tasks overdue\` on the default data (data/, 40 tasks; stripped binary, linked $LINKED) $(ms2 "$START_US") ms against $(ms2 "$HELLO_US") ms for a hello-world Rust binary: ${START_X}× (median of $STARTS alternating runs)."
if [ "$BESIDE" = 1 ]; then
    HELLO_STATIC_US=$(median "${shs[@]}")
    DYNAMIC_US=$(median "${swd[@]}")
    echo "In the same rounds: wg linked dynamically (\`cargo install\`) $(ms2 "$DYNAMIC_US") ms, $(ratio2 "$DYNAMIC_US" "$HELLO_US")× the hello world; the hello world linked statically $(ms2 "$HELLO_STATIC_US") ms, and wg linked statically $(ratio2 "$START_US" "$HELLO_STATIC_US")× that."
fi

# --- the goals of issue 16 ----------------------------------------------------------------
if [ -n "${WG_MS[$BIG]:-}" ]; then
    echo
    echo "Goals (issue 16) at $BIG tasks unless said:"
    echo "- $(verdict "$(at_least "${SPEEDUP[$BIG]}" 20)") \`wg tasks overdue\` ≥ 20× faster than \`task overdue\`: ${SPEEDUP[$BIG]}× (table; round by round ${SPREAD[$BIG]}×), $(verdict "$(at_least "${JSON_SPEEDUP[$BIG]}" 20)") ${JSON_SPEEDUP[$BIG]}× (JSON; ${JSON_SPREAD[$BIG]}×)"
    echo "- $(verdict "$(at_least 1.2 "${JSON_X[$BIG]}")") JSON within 1.2× of the table: ${JSON_X[$BIG]}×"
    echo "- $(verdict "$(at_least 2 "$AGENDA_X")") \`wg meeting agenda\` ≤ 2× \`wg tasks overdue\`: ${AGENDA_X}×"
    worst_all=0 over=""
    for cmd in "${COMMANDS[@]}"; do
        worst_all=$(awk -v a="$worst_all" -v b="${WORST[$cmd]:-0}" 'BEGIN { print (b > a) ? b : a }')
        [ "$(at_least 10.5 "${WORST[$cmd]:-0}")" = 1 ] || over="$over, \`wg $cmd\` ${WORST[$cmd]}×"
    done
    echo "- $(verdict "$(at_least 10.5 "$worst_all")") every command grows ≤ 10.5× per decade from 10k tasks on: at most ${worst_all}×${over:+ (over it:${over#,})}"
    echo "- $(verdict "$(at_least 2 "$START_X")") start-up within 2× of hello world: ${START_X}×"
    echo "- $(verdict "$(at_least 3 "$TOP_X")") peak RSS at $top tasks ≤ 3× the tasks file: ${TOP_X}×"
    echo "- $(verdict "$(at_least "$DONE_SPEEDUP" 10)") \`wg tasks done\` ≥ 10× faster than \`task N done\`: ${DONE_SPEEDUP}× (it changed $changed line(s)); $(verdict "$(at_least "$NOTE_SPEEDUP" 10)") \`wg tasks note\` against \`task N annotate\`: ${NOTE_SPEEDUP}×; in 50 files: ${SPLIT_SPEEDUP}×"
fi
rm -rf "$WORK/copy-wg" "$WORK/copy-tw"
[ -n "${BENCH_DIR:-}" ] || rm -rf "$WORK"
