#!/usr/bin/env bash
# Beamline benchmarks: throughput and peak memory of Beamline jobs beside baselines and peers,
# each job in a fresh JVM, all in one run on one machine so the ratios are comparable.
#
#   benchmarks/run.sh [SCALE...]        default scales: 100 1000 (taxi x100 ~190 MB, x1000 ~1.9 GB)
#   JOBS="parse-only stats" benchmarks/run.sh 100
#
# Jobs: parse-only (commons-csv alone: the baseline), split-only (Beamline's own CSV reader alone, a
# stricter baseline where it is faster), examplegen, stats (`beamline stats --input`
# path: CSV -> full statistics in one pass), stats-flink (the same on Beam's embedded Flink runner),
# stats-examples (StatisticsGen over ExampleGen's output, the pipeline's path; ExampleGen runs first,
# untimed),
# deequ (Amazon Deequ's column profiler, Spark local[2]),
# evaluate (the Evaluator: inference + sliced metrics on the labelled taxi data scaled, with a model
# trained beforehand in another JVM), evaluate-ci (the same with 20 bootstrap replicates per slice),
# metrics (metric accumulation alone, 10 million pairs; once), metrics-ci, metrics-jackknife,
# metrics-multiclass-ci, metrics-regression-ci (the same with 20 replicates for the intervals),
# pipeline (the whole demo pipeline through ./beamline on the labelled taxi data scaled: wall time,
# peak RSS, per-node times, eval AUC; opt-in: JOBS="pipeline" benchmarks/run.sh 100).
# Prints one JSON line per job and a table of ratios; results also go to benchmarks/target/results.jsonl.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(100 1000)
jobs=(${JOBS:-parse-only split-only examplegen stats stats-examples stats-flink deequ evaluate evaluate-ci metrics
  metrics-ci metrics-jackknife metrics-multiclass-ci metrics-regression-ci})

echo "== building" >&2
mvn -B -q -ntp -Dmaven.test.skip=true -pl benchmarks,cli -am package >&2
# Beamline's jobs run on the classpath the `beamline` command runs on (the CLI jar, whose manifest
# lists its lib/), plus the harness; the peers' jobs (deequ, stats-flink) on the benchmarks module's
# full classpath. Spark, Deequ and Flink on Beamline's classpath would slow Beam's start-up (its
# options registry loads every runner's options; about a second) and so every Beamline number.
full_cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"
cli_jar=$(ls "$root"/cli/target/beamline-cli-*-cli.jar)
cp="$root/benchmarks/target/classes:$cli_jar"
data="$root/benchmarks/target/data"
work="$root/benchmarks/target/work"
results="$root/benchmarks/target/results.jsonl"
mkdir -p "$data" "$work"
: > "$results"

# The taxi rows repeated N times under one header: every count in the output is N times the input's.
make_scaled() {
  local n=$1 name=${2:-data} out
  local src="$root/examples/data/taxi/${name}.csv"
  [ "$name" = data ] && out="$data/taxi_x$n.csv" || out="$data/${name}_x$n.csv"
  if [ ! -f "$out" ]; then
    echo "== writing $out" >&2
    local body="$out.body"
    tail -n +2 "$src" > "$body"
    { head -n 1 "$src"; for _ in $(seq "$n"); do cat "$body"; done; } > "$out.tmp"
    rm -f "$body"
    mv "$out.tmp" "$out"
  fi
  echo "$out"
}

run_job() {  # job, scale, args...: runs one job in a fresh JVM and records its JSON line
  local job=$1 n=$2; shift 2
  local job_cp=$cp
  if [ "$job" = deequ ]; then flags=("${spark_jvm[@]}"); else flags=("${beamline_jvm[@]}"); fi
  case "$job" in deequ|stats-flink) job_cp=$full_cp ;; esac
  echo "== taxi x$n: $job" >&2
  local gclog="$work/$job-x$n.gc.log"
  line=$(SPARK_LOCAL_IP=127.0.0.1 TF_CPP_MIN_LOG_LEVEL=1 java "${flags[@]}" "-Xlog:gc:file=$gclog" -cp "$job_cp" \
    io.beamline.benchmarks.BenchmarkMain "$job" "$@" 2> "$work/$job-x$n.log" | tail -n 1) \
    || { echo "  failed: see $work/$job-x$n.log" >&2; return 0; }
  # The largest heap left after a collection: what the job holds live, as opposed to the peak RSS,
  # which also shows how far the collector let the heap grow before collecting.
  local live
  live=$({ grep -o -- '->[0-9]*M' "$gclog" 2>/dev/null || true; } | tr -dc '0-9\n' | sort -n | tail -n 1)
  echo "{\"scale\":$n,${line#\{}" | sed "s/}\$/,\"heap_after_gc_mb\":${live:-0}}/" | tee -a "$results"
}

# The whole demo pipeline as a user runs it (`./beamline demo --data ... --no-cache`: the launcher's own
# JVM flags and heap), on the labelled taxi file scaled; wall time and peak RSS of the one JVM, the
# time of each node from the demo's run table, the eval AUC and the trainer's examples/s.
run_pipeline() {
  local n=$1 labelled home log
  labelled=$(make_scaled "$n" big_tipper)
  home="$work/pipeline-x$n"
  log="$work/pipeline-x$n.log"
  rm -rf "$home"
  echo "== taxi x$n: pipeline (./beamline demo)" >&2
  BEAMLINE_SKIP_BUILD=1 /usr/bin/time -f '%e %M' -o "$work/pipeline-x$n.time" \
    "$root/beamline" demo --data "$labelled" --home "$home" --no-cache > "$log" 2>&1 \
    || { echo "  failed: see $log" >&2; return 0; }
  local wall rss rows nodes auc trainer
  read -r wall rss < "$work/pipeline-x$n.time"
  rows=$(awk '/^  (train|eval) +[0-9,]+ examples/ { gsub(",", "", $2); s += $2 } END { print s + 0 }' "$log")
  nodes=$(awk '/^Run .* in /{ on = 1; next } on && /^  [A-Za-z]+ +[A-Z]+/ { printf "%s\"%s\":\"%s\"", sep, $1, $3; sep = "," }
    on && /^$/ { exit }' "$log")
  auc=$(grep -o 'eval AUC [0-9.]*' "$log" | head -1 | awk '{ print $3 }')
  trainer=$(grep -ho '"train_examples_per_second" : [0-9.]*' "$home"/artifacts/*/Trainer/model_run/*/metrics.json 2>/dev/null \
    | head -1 | awk '{ printf "%.0f", $3 }')
  echo "{\"scale\":$n,\"job\":\"pipeline\",\"rows\":$rows,\"bytes\":$(stat -c %s "$labelled"),\"seconds\":$wall,\"rows_per_s\":$(awk -v r="$rows" -v s="$wall" 'BEGIN { printf "%.0f", r / s }'),\"mb_per_s\":0,\"peak_rss_mb\":$((rss / 1024)),\"heap_after_gc_mb\":0,\"auc\":${auc:-0},\"trainer_examples_per_s\":${trainer:-0},\"nodes\":{$nodes}}" \
    | tee -a "$results"
  rm -rf "$home"
}

# Beamline jobs get the launcher's flags and a 768 MB heap (the peak-RSS target is 1 GiB for the whole
# process); Spark gets its Java 17 opens list and room to work.
beamline_jvm=(-Xmx768m --add-opens=java.base/java.nio=ALL-UNNAMED --add-modules=jdk.incubator.foreign
  -Dorg.bytedeco.javacpp.maxPhysicalBytes=0
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
spark_jvm=(-Xmx6g -Djdk.reflect.useDirectMethodHandle=false -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  spark_jvm+=("--add-opens=java.base/$p=ALL-UNNAMED")
done

for job in "${jobs[@]}"; do
  case "$job" in metrics*) run_job "$job" 0 10000000 ;; esac
done
for n in "${scales[@]}"; do
  csv=$(make_scaled "$n")
  for job in "${jobs[@]}"; do
    case "$job" in
      metrics*) ;;
      evaluate|evaluate-ci)
        labelled=$(make_scaled "$n" big_tipper)
        echo "== taxi x$n: preparing the evaluation (examples and a model; not timed)" >&2
        rm -rf "$work/eval-x$n"
        java "${beamline_jvm[@]}" -Xmx4g -cp "$cp" io.beamline.benchmarks.BenchmarkMain evaluate-prepare \
          "$labelled" "$root/examples/data/taxi/big_tipper.csv" "$work/eval-x$n" > "$work/prepare-x$n.log" 2>&1 \
          || { echo "  failed: see $work/prepare-x$n.log" >&2; continue; }
        run_job "$job" "$n" "$labelled" "$work/eval-x$n"
        rm -rf "$work/eval-x$n" ;;
      pipeline) run_pipeline "$n" ;;
      *) run_job "$job" "$n" "$csv" "$work" ;;
    esac
  done
  rm -rf "$work"/examplegen-[0-9]* "$work"/stats-[0-9]*   # job outputs; the *-xN.log files stay
done

# Ratios per scale: each job's rows/s against parse-only, split-only and deequ.
echo
awk -F'[:,}]' '
  { for (i = 1; i < NF; i++) { gsub(/[{" ]/, "", $i); v[$i] = $(i + 1) }
    gsub(/"/, "", v["job"]); s = v["scale"]; j = v["job"]
    rate[s, j] = v["rows_per_s"]; mb[s, j] = v["mb_per_s"]; rss[s, j] = v["peak_rss_mb"]; secs[s, j] = v["seconds"]
    live[s, j] = v["heap_after_gc_mb"]
    if (!(s in seen)) { seen[s] = 1; order[++ns] = s } if (!(j in jseen)) { jseen[j] = 1; jorder[++nj] = j } }
  END {
    printf "%-7s %-14s %10s %12s %9s %11s %10s %12s %12s %10s\n", "scale", "job", "seconds", "rows/s", "MB/s", "peak RSS", "heap after GC", "x parse-only", "x split-only", "x deequ"
    for (a = 1; a <= ns; a++) for (b = 1; b <= nj; b++) { s = order[a]; j = jorder[b]; if (!((s, j) in rate)) continue
      p = ((s, "parse-only") in rate) ? sprintf("%.2f", rate[s, j] / rate[s, "parse-only"]) : "-"
      q = ((s, "split-only") in rate) ? sprintf("%.2f", rate[s, j] / rate[s, "split-only"]) : "-"
      d = ((s, "deequ-profile") in rate) ? sprintf("%.1f", rate[s, j] / rate[s, "deequ-profile"]) : "-"
      printf "x%-6s %-14s %10s %12s %9s %8s MB %7s MB %12s %12s %10s\n", s, j, secs[s, j], rate[s, j], mb[s, j], rss[s, j], live[s, j], p, q, d } }
' "$results"

# The pipeline job's time per node.
grep '"job":"pipeline"' "$results" | while read -r line; do
  echo
  echo "$line" | sed -E 's/.*"scale":([0-9]+).*"seconds":([0-9.]+).*"peak_rss_mb":([0-9]+).*"auc":([0-9.]+),"trainer_examples_per_s":([0-9]+).*/pipeline x\1: \2 s wall, peak RSS \3 MB, eval AUC \4, trainer \5 examples\/s/'
  echo "$line" | sed -E 's/.*"nodes":\{(.*)\}\}$/\1/' | tr ',' '\n' | tr -d '"' | awk -F: '{ printf "  %-18s %s\n", $1, $2 }'
done
