#!/usr/bin/env bash
# The figures of docs/batch.md ("Single process and Spark"): batch on this machine as a single
# process and on Spark local[2] and local[1], over 1,000, 1,000,000 and 10,000,000 synthetic
# events (generate-audit --seed 7, plain JSON lines so that Spark can split them), all in one run.
#
# Spark's start-up cost is measured, not assumed: it is how much longer the Spark path takes than
# the single process on 1,000 events, where there is nearly nothing to do (a JVM with Spark's
# class path, the session, the first jobs' scheduling). The bound docs/batch.md checks: at every
# size, Spark is slower than the single process by no more than that. For reading the 1M figure it also
# prints each path's cost per further million events and its fixed cost (the line through the 1M and 10M
# medians at 0 events), which also holds what a long run pays once besides its start (the replay's warm-up:
# its first splits run cold, 2-3 times slower) and a 1,000-event run never pays; the bound stays as stated. And it
# prints the bound on paired rounds (each Spark round less the single-process round just before it, the medians of
# those differences): the host's speed drifts between rounds, and two medians of rounds taken minutes apart can put
# one run within and the next over (docs/batch.md, eighteenth session).
#
# The modes run interleaved, ROUNDS times for 1,000 and 1,000,000 events (medians; these
# machines are noisy), ROUNDS_10M times (1 by default: ~3 min a round) for 10,000,000. The
# launcher's defaults: -Xmx384m (single) or -Xmx1g (Spark), the parallel collector, the class
# archives (since 2026-12-06). Wall time and peak RSS from /usr/bin/time; Spark's phases from
# PALISADE_SPARK_TIMING; the load average before each run, so that a disturbed run can be seen.
#   spark/bench/measure.sh [WORKDIR]    (ROUNDS=3 by default; needs ~10 GB free in WORKDIR,
#                                        default /tmp/palisade-measure)
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:-/tmp/palisade-measure}"
rounds="${ROUNDS:-3}"
mkdir -p "$work"
config=examples/synthetic/palisade.yaml
# builds both, once, and makes the launcher's class archives (docs/performance.md) before any timed run
./palisade batch --spark 'local[1]' -c "$config" examples/audit/audit.log >/dev/null 2>&1
./palisade batch -c "$config" examples/audit/audit.log >/dev/null 2>&1
modes=(single 'local[2]' 'local[1]')
raw="$work/raw.txt"
: > "$raw"
printf '%-10s %-9s %5s %8s %10s %7s %8s %7s  %s\n' events mode round wall_s events/s rss_MB user_s sys_s "load before; spark phases"
for n in 1000 1000000 10000000; do
  log="$work/synthetic-$n-seed7.log"
  if [[ ! -f "$log" ]]; then
    ./palisade generate-audit --events "$n" --seed 7 -o "$log.part" && mv "$log.part" "$log"
  fi
  r_max=$rounds
  [[ $n -ge 10000000 ]] && r_max="${ROUNDS_10M:-1}"
  for ((r = 1; r <= r_max; r++)); do
    for mode in "${modes[@]}"; do
      args=()
      [[ $mode != single ]] && args=(--spark "$mode")
      load="$(cut -d' ' -f1-3 /proc/loadavg)"
      PALISADE_SPARK_TIMING=1 /usr/bin/time -f '%e %M %U %S' -o "$work/time" \
        ./palisade batch "${args[@]}" -c "$config" "$log" > "$work/report-$n-$mode.txt" 2> "$work/err-$n-$mode.txt"
      read -r wall rss user sys < "$work/time"
      phases="$(grep '^spark:' "$work/err-$n-$mode.txt" | sed 's/^spark: //' | tr '\n' ';' || true)"
      printf '%-10s %-9s %5s %8.2f %10.0f %7.0f %8.1f %7.1f  load %s; %s\n' "$n" "$mode" "$r" "$wall" \
        "$(echo "$n / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$user" "$sys" "$load" "$phases"
      echo "$n $mode $wall $rss" >> "$raw"
    done
    for mode in 'local[2]' 'local[1]'; do # the same answers, whatever the mode
      cmp -s "$work/report-$n-single.txt" "$work/report-$n-$mode.txt" || echo "REPORTS DIFFER: $n single vs $mode"
    done
  done
done

echo
echo "medians (peak RSS: the largest):"
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
declare -A med slope fixed
for n in 1000 1000000 10000000; do
  for mode in "${modes[@]}"; do
    med[$n,$mode]="$(awk -v n="$n" -v m="$mode" '$1 == n && $2 == m {print $3}' "$raw" | median)"
    rss="$(awk -v n="$n" -v m="$mode" '$1 == n && $2 == m && $4 > x {x = $4} END {printf "%.0f", x / 1024}' "$raw")"
    printf '%-10s %-9s %8.2f s %10.0f events/s %6s MB\n' "$n" "$mode" "${med[$n,$mode]}" \
      "$(echo "$n / ${med[$n,$mode]}" | bc -l)" "$rss"
  done
done
echo
for mode in 'local[2]' 'local[1]'; do
  startup="$(echo "${med[1000,$mode]} - ${med[1000,single]}" | bc -l)"
  printf "Spark's start-up cost, %s: %.2f s (1,000 events: %.2f s vs the single process's %.2f s)\n" "$mode" "$startup" \
    "${med[1000,$mode]}" "${med[1000,single]}"
  for n in 1000000 10000000; do
    extra="$(echo "${med[$n,$mode]} - ${med[$n,single]}" | bc -l)"
    verdict=""
    if [[ $mode == 'local[2]' ]]; then # the bound: on this machine's two cores, as the single process uses them
      verdict=": within its start-up cost"
      (( $(echo "$extra > $startup" | bc -l) )) && verdict=": OVER its start-up cost"
    fi
    printf '  %10s events: Spark %+.2f s against the single process%s\n' "$n" "$extra" "$verdict"
  done
done
# the host's speed drifts from minute to minute: each Spark round against the single-process round run just before it
# (the same minute) says it with less of that drift than two medians of rounds taken minutes apart
paired() { # n mode: each round's wall time less the single process's in the same round, in round order
  awk -v n="$1" -v m="$2" '$1 == n && $2 == "single" {s[++i] = $3} $1 == n && $2 == m {j++; d[j] = $3 - s[j]}
    END {for (k = 1; k <= j; k++) printf "%.2f\n", d[k]}' "$raw"
}
pstart="$(paired 1000 'local[2]' | median)"
printf "paired rounds, local[2]: start-up %.2f s (the median of each round's difference on 1,000 events)\n" "$pstart"
for n in 1000000 10000000; do
  pextra="$(paired "$n" 'local[2]' | median)"
  verdict=": within"
  (( $(echo "$pextra > $pstart" | bc -l) )) && verdict=": OVER"
  printf '  %10s events: Spark %+.2f s%s (round by round: %s)\n' "$n" "$pextra" "$verdict" \
    "$(paired "$n" 'local[2]' | awk '{printf "%s%+.2f", (NR > 1 ? " " : ""), $1}')"
done
# the 1,000-event start-up leaves out the replay's warm-up, which a short run never pays: the line through the 1M
# and 10M medians, taken back to 0 events, says what a run costs besides its events
for mode in single 'local[2]'; do
  slope[$mode]="$(echo "(${med[10000000,$mode]} - ${med[1000000,$mode]}) / 9" | bc -l)"
  fixed[$mode]="$(echo "${med[1000000,$mode]} - ${slope[$mode]}" | bc -l)"
done
printf 'per further million events: single %.2f s, local[2] %.2f s; fixed cost (the line through 1M and 10M at 0 events): single %.2f s, local[2] %.2f s, Spark %+.2f s\n' \
  "${slope[single]}" "${slope[local[2]]}" "${fixed[single]}" "${fixed[local[2]]}" "$(echo "${fixed[local[2]]} - ${fixed[single]}" | bc -l)"
p1="$(echo "${med[10000000,local[1]]} - ${med[1000,local[1]]}" | bc -l)"
p2="$(echo "${med[10000000,local[2]]} - ${med[1000,local[2]]}" | bc -l)"
printf 'scaling, 10,000,000 events less start-up: local[1] %.1f s, local[2] %.1f s: %.2fx; per core %.0f events/s\n' \
  "$p1" "$p2" "$(echo "$p1 / $p2" | bc -l)" "$(echo "10000000 / $p1" | bc -l)"
