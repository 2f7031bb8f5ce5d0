# Shared by the bench scripts: timing a command several times and reporting
# the median and spread, in milliseconds.

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
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '
    { t[NR] = $1 }
    END {
      m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%.1f %.1f %.1f\n", m / 1000, t[1] / 1000, t[NR] / 1000
    }'
}
