#!/usr/bin/env bash
# Two builds of palisade, interleaved: `batch --spark local[2]` (and the single process, for
# reference) on the synthetic logs, without and with --events (JSON lines). Each checkout must have
# built its launcher once (`./palisade batch --spark 'local[2]' ...`: jars and class archive).
#   spark/bench/two-builds.sh OLD_CHECKOUT NEW_CHECKOUT [WORKDIR]
# ROUNDS (3), SIZES ("1000 1000000"), REST (seconds of pause before each run, 5). Logs as measure.sh
# makes them (generate-audit --seed 7) in WORKDIR (default /tmp/palisade-measure).
set -euo pipefail
old="$(cd "$1" && pwd)"; new="$(cd "$2" && pwd)"; work="${3:-/tmp/palisade-measure}"
rounds="${ROUNDS:-3}"; rest="${REST:-5}"
config=examples/synthetic/palisade.yaml
rm -f "$work/two-builds-report-"*
printf '%-8s %-4s %-6s %-7s %5s %8s %7s\n' events build mode events round wall_s rss_MB
for n in ${SIZES:-1000 1000000}; do
  log="$work/synthetic-$n-seed7.log"
  [[ -f "$log" ]] || { echo "no $log (spark/bench/measure.sh makes it)" >&2; exit 2; }
  for ((r = 1; r <= rounds; r++)); do
    for build in old new; do
      dir=$old; [[ $build == new ]] && dir=$new
      for mode in single spark; do
        for ev in none lines; do
          rm -rf "$work/two-builds-events"*
          args=(); [[ $mode == spark ]] && args=(--spark 'local[2]')
          [[ $ev == lines ]] && args+=(--events "$work/two-builds-events")
          sleep "$rest"
          (cd "$dir" && /usr/bin/time -f '%e %M' -o "$work/two-builds-time" \
            ./palisade batch "${args[@]}" -c "$config" "$log" > "$work/two-builds-report-$build-$mode-$ev" 2>/dev/null)
          read -r wall rss < "$work/two-builds-time"
          printf '%-8s %-4s %-6s %-7s %5s %8.2f %7.0f\n' "$n" "$build" "$mode" "$ev" "$r" "$wall" "$(echo "$rss / 1024" | bc -l)"
        done
      done
      for report in "$work/two-builds-report-$build-"*; do # every run's report: the single process's
        cmp -s "$work/two-builds-report-$build-single-none" "$report" || echo "REPORTS DIFFER: $n $build ${report##*/}"
      done
    done
  done
done
