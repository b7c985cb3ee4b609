#!/usr/bin/env bash
# What batch --spark local[2] adds to the replay itself at 1M events (docs/batch.md, "thirteenth
# session"): per round, each in a fresh JVM and interleaved,
#   single             the single process's replay (BatchRunner), timed inside the JVM;
#   splits-with-spark  the map side's work (the same splits, two threads, a pooled reader each) after
#                      a local[2] SparkContext started in the same JVM, outside Spark's tasks
#                      (spark/bench/MapSideHarness.java);
#   job 1M, job 1k     batch --spark local[2] itself: its map side as PALISADE_SPARK_TIMING reports it,
#                      and on 1,000 events the map side's fixed cost (the first job's tasks, the engine
#                      built from the shipped configuration).
# Every JVM gets the launcher's Spark options (-Xmx1g, the parallel collector); a pause of REST
# seconds (10 by default) before each run, as a run right after another one is slower here.
#   spark/bench/map-side.sh [WORKDIR]    (ROUNDS=5 by default; the logs as measure.sh makes them)
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${1:-/tmp/palisade-measure}"
rounds="${ROUNDS:-5}"
rest="${REST:-10}"
config=examples/synthetic/palisade.yaml
mkdir -p "$work"
for n in 1000 1000000; do
  log="$work/synthetic-$n-seed7.log"
  [[ -f "$log" ]] || { ./palisade generate-audit --events "$n" --seed 7 -o "$log.part" && mv "$log.part" "$log"; }
done
./palisade batch --spark 'local[2]' -c "$config" examples/audit/audit.log >/dev/null 2>&1 # builds, archives classes
cp="spark/target/palisade-spark-0.1.0-SNAPSHOT.jar:$(cat spark/target/classpath-compile.txt):$(cat spark/target/classpath.txt)"
cp="$cp:cli/target/palisade-cli-0.1.0-SNAPSHOT-all.jar"
mkdir -p "$work/harness"
javac -d "$work/harness" -cp "$cp" spark/bench/MapSideHarness.java
# the launcher's Spark JVM options (the module openings Spark needs on Java 17), taken from it, not copied
read -r -a opens <<< "$(grep -o -- '--add-opens=[^ ]*' palisade | tr '\n' ' ')"
jvm=(-Xmx1g -XX:+UseParallelGC "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false
     -Dlog4j2.configurationFile=palisade-spark-log4j2.properties -Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider)
for ((r = 1; r <= rounds; r++)); do
  for what in single splits-with-spark 'job 1M' 'job 1k'; do
    sleep "$rest"
    case $what in
      job*)
        n=1000000; [[ $what == 'job 1k' ]] && n=1000
        PALISADE_SPARK_TIMING=1 ./palisade batch --spark 'local[2]' -c "$config" "$work/synthetic-$n-seed7.log" \
          2>&1 >/dev/null | grep -o '(map side) [0-9.]* s' | sed "s/^/round $r $what: /" ;;
      *)
        java "${jvm[@]}" -cp "$work/harness:$cp" dev.palisade.spark.MapSideHarness "$config" \
          "$work/synthetic-1000000-seed7.log" "$what" 2>/dev/null | grep 'pass 1' | sed "s/^/round $r /" ;;
    esac
  done
done
