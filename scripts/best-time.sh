# Sourced by the benchmark scripts. `best_time CMD…` prints the best wall time of $runs runs of
# CMD, in seconds (its output is discarded and its exit status ignored).
best_time() {
  local best=
  for _ in $(seq "$runs"); do
    local s e t
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}
