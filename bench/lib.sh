# shellcheck shell=bash
# Shared by the bench scripts: timing, the median and spread of several runs,
# the machine-readable result lines bench/run collects, and cleaning up what a
# run left of its own projects.

# stats: "median min max" of the numbers on stdin (one a line), with one
# decimal; "fail fail fail" when a line says fail (a failed run has no honest
# time), "- - -" when there are none.
stats() {
  sort -g | awk '
    $1 == "fail" { failed = 1; next }
    { t[++n] = $1 }
    END {
      if (failed) { print "fail fail fail"; exit }
      if (n == 0) { print "- - -"; exit }
      m = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
      printf "%.1f %.1f %.1f\n", m, t[1], t[n]
    }'
}

# median_ms RUNS COMMAND...: prints "median min max" of RUNS runs, in ms.
median_ms() {
  local runs=$1
  shift
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "bench: command failed: $*" >&2; return 1; }
    end=$(date +%s%N)
    times+=("$(awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e6 }')")
  done
  printf '%s\n' "${times[@]}" | stats
}

# compose v2, the tool users run today (scripts/setup puts 2.26.1 there); its
# result lines carry the tool name v2.
V2=${BERTH_COMPOSE_V2:-/opt/berth-peers/docker-compose-v2}

# emit CASE LABEL TOOL "MEDIAN MIN MAX" UNIT RUNS: one result line for bench/run
# (bench/render turns them into RESULTS.md), appended to $BENCH_TSV when it is
# set; the scripts print their own tables either way. TOOL: berth, v2 (compose
# v2), compose (docker-compose 1.29.2) or bound. CASE is the stable key bench/render knows the targets by; LABEL says
# what was measured, sizes included.
emit() {
  [[ -n ${BENCH_TSV:-} ]] || return 0
  local median min max
  read -r median min max <<<"$4"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$median" "$min" "$max" "$5" "$6" \
    >>"$BENCH_TSV"
}

# remove_projects PROJECT...: whatever a run left of its own projects (an
# interrupted up, a failed down): their containers and networks, found by the
# compose project label, and nothing else on the engine.
remove_projects() {
  local project ids
  for project in "$@"; do
    ids=$(/usr/bin/docker ps -aq --filter "label=com.docker.compose.project=$project" 2>/dev/null) || true
    # shellcheck disable=SC2086  # one argument per ID
    [[ -z $ids ]] || /usr/bin/docker rm -f $ids >/dev/null 2>&1 || true
    ids=$(/usr/bin/docker network ls -q --filter "label=com.docker.compose.project=$project" 2>/dev/null) || true
    # shellcheck disable=SC2086
    [[ -z $ids ]] || /usr/bin/docker network rm $ids >/dev/null 2>&1 || true
  done
}

# The command every long-running bench service runs: busybox's sh as PID 1
# ignores SIGTERM unless it traps it, and `sleep` in the background with `wait`
# lets the trap run at once, so stop and down take milliseconds, not the stop
# timeout, and the timings measure the tools. A YAML flow sequence, written
# into the project files as it is.
# shellcheck disable=SC2034,SC2089  # used by the scripts that source this; literal quotes wanted
BENCH_IDLE_CMD='["sh", "-c", "trap '"'"'exit 0'"'"' TERM; sleep 2147483647 & wait"]'
