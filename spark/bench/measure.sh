#!/usr/bin/env bash
# The figures of docs/batch.md ("Single process and Spark"): batch on this machine as a single
# process (with the launcher's bounded heap, and with the JVM's default heap), and on Spark
# local[2] and local[1], over 1,000,000 and 10,000,000 synthetic events (generate-audit --seed 7,
# plain JSON lines so that Spark can split them), all in one run. Wall time and peak RSS from
# /usr/bin/time; Spark's start-up and processing phases from PALISADE_SPARK_TIMING.
#   spark/bench/measure.sh [WORKDIR]       (needs ~10 GB free in WORKDIR, default /tmp/palisade-measure)
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:-/tmp/palisade-measure}"
mkdir -p "$work"
config=examples/synthetic/palisade.yaml
./palisade batch --spark 'local[1]' -c "$config" examples/audit/audit.log >/dev/null 2>&1 # builds both, once
printf '%-10s %-22s %8s %10s %9s %8s %8s  %s\n' events mode wall_s events/s rss_MB user_s sys_s "spark phases / load average"
for n in 1000000 10000000; do
  log="$work/synthetic-$n-seed7.log"
  if [[ ! -f "$log" ]]; then
    ./palisade generate-audit --events "$n" --seed 7 -o "$log.part" && mv "$log.part" "$log"
  fi
  for mode in single single-default-heap 'local[2]' 'local[1]'; do
    args=()
    opts="${PALISADE_JAVA_OPTS:-}"
    case "$mode" in
      single) ;;
      single-default-heap) [[ $n -gt 1000000 ]] && continue; opts="-XX:MaxRAMPercentage=25" ;; # the JVM's default
      *) args=(--spark "$mode") ;;
    esac
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    PALISADE_JAVA_OPTS="$opts" PALISADE_SPARK_TIMING=1 /usr/bin/time -f '%e %M %U %S' -o "$work/time" \
      ./palisade batch "${args[@]}" -c "$config" "$log" > "$work/report-$n-$mode.txt" 2> "$work/err-$n-$mode.txt"
    read -r wall rss user sys < "$work/time"
    phases="$(grep '^spark:' "$work/err-$n-$mode.txt" | sed 's/^spark: //' | tr '\n' ';' || true)"
    printf '%-10s %-22s %8.1f %10.0f %9.0f %8.1f %8.1f  %s load %s\n' "$n" "$mode" "$wall" "$(echo "$n / $wall" | bc -l)" \
      "$(echo "$rss / 1024" | bc -l)" "$user" "$sys" "$phases" "$load"
  done
  # same answers, whatever the mode
  for mode in 'local[2]' 'local[1]'; do
    cmp -s "$work/report-$n-single.txt" "$work/report-$n-$mode.txt" || echo "REPORTS DIFFER: $n single vs $mode"
  done
done
