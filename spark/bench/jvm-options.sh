#!/usr/bin/env bash
# JVM options against each other, interleaved: batch as a single process and on Spark local[2],
# each variant's PALISADE_JAVA_OPTS in turn (the launcher's own options otherwise unchanged).
#   spark/bench/jvm-options.sh ROUNDS EVENTS "OPTS 1" "OPTS 2" ...     ("" is the launcher's default)
# Prints: round, variant (v1, v2, ... in argument order), mode, wall s, user CPU s, system CPU s,
# Spark's scan and map-side phases. REST: seconds of pause before each run (8). The log is
# measure.sh's: /tmp/palisade-measure/synthetic-EVENTS-seed7.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=$1; n=$2; shift 2
config=examples/synthetic/palisade.yaml
log=/tmp/palisade-measure/synthetic-$n-seed7.log
[[ -f $log ]] || { echo "no $log (spark/bench/measure.sh makes it)" >&2; exit 2; }
out="${TMPDIR:-/tmp}/jvm-options.$$"
for ((r = 1; r <= rounds; r++)); do
  i=0
  for opts in "$@"; do
    i=$((i + 1))
    for mode in single spark; do
      args=(); [[ $mode == spark ]] && args=(--spark 'local[2]')
      sleep "${REST:-8}"
      PALISADE_SPARK_TIMING=1 PALISADE_JAVA_OPTS="$opts" /usr/bin/time -f '%e %U %S' -o "$out.time" \
        ./palisade batch "${args[@]}" -c "$config" "$log" > "$out.report" 2> "$out.err"
      phases="$(grep -o 'scan [0-9.]* s\|(map side) [0-9.]* s' "$out.err" | tr '\n' ' ' || true)"
      echo "r$r v$i $mode $(cat "$out.time") $phases"
    done
  done
done
rm -f "$out".*
