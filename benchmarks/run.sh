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
# stats-flink-cluster, examplegen-flink-cluster, stats-spark-cluster, examplegen-spark-cluster (the
# same jobs submitted to a real local cluster with 2 workers, started for the job by
# runner-*/flink|spark-cluster.sh and stopped after it; their rows/s against the DirectRunner's, and
# the peak RSS of every cluster JVM, executors included, in cluster_peak_rss_mb; CLUSTER_WARMUP=1
# runs the job on the taxi file once first, untimed, to measure a warm cluster),
# deequ (Amazon Deequ's column profiler, Spark local[2]),
# evaluate (the Evaluator: inference + sliced metrics on the labelled taxi data scaled, with a model
# trained beforehand in another JVM), evaluate-ci (the same with 20 bootstrap replicates per slice),
# evaluate-inference (the model's serving call alone on the same eval split, batches of 1,000),
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
jobs=(${JOBS:-parse-only split-only examplegen stats stats-examples stats-flink stats-flink-cluster
  examplegen-flink-cluster stats-spark-cluster examplegen-spark-cluster deequ evaluate evaluate-ci evaluate-inference
  metrics metrics-ci metrics-jackknife metrics-multiclass-ci metrics-regression-ci})

echo "== building" >&2
mvn -B -q -ntp -Dmaven.test.skip=true -pl benchmarks,cli,runner-flink,runner-spark -am package >&2
# Beamline's jobs run on the classpath the `beamline` command runs on (the CLI jar, whose manifest
# lists its lib/), plus the harness; the peers' jobs (deequ, stats-flink) on the benchmarks module's
# full classpath. Spark, Deequ and Flink on Beamline's classpath would slow Beam's start-up (its
# options registry loads every runner's options; about a second) and so every Beamline number.
full_cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"
cli_jar=$(ls "$root"/cli/target/beamline-cli-*-cli.jar)
cp="$root/benchmarks/target/classes:$cli_jar"
bench_jar=$(ls "$root"/benchmarks/target/beamline-benchmarks-*.jar | grep -v -- '-tests.jar' | head -n 1)
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
  # The JIT and collector the launcher picks for the same command on the same input (C1-only for a
  # short job: see ./beamline), so a job here runs as a user's would. The baselines (parse-only,
  # split-only) keep C2: C1-only code parses at about half the rate, which would flatter every ratio.
  case "$job" in
    examplegen|stats|stats-examples) flags+=($(launcher_jit stats --input "$1")) ;;
    evaluate|evaluate-ci|evaluate-inference) flags+=($(launcher_jit evaluate --examples "$2")) ;;
  esac
  case "$job" in
    deequ|stats-flink) job_cp=$full_cp ;;
    # A cluster's client: the command line's class path plus the runner module, as ./beamline runs it.
    # The harness as a jar the cluster holds too (see cluster_job), so a job ships nothing.
    *-flink-cluster) job_cp="$bench_jar:$cli_jar:$root/runner-flink/target/classes:$root/runner-flink/target/lib/*" ;;
    *-spark-cluster) job_cp="$cp:$root/runner-spark/target/classes:$root/runner-spark/target/lib/*"
      flags+=("${spark_opens[@]}") ;;
  esac
  echo "== taxi x$n: $job" >&2
  local gclog="$work/$job-x$n.gc.log"
  line=$(SPARK_LOCAL_IP=127.0.0.1 TF_CPP_MIN_LOG_LEVEL=1 java "${flags[@]}" "-Xlog:gc:file=$gclog" -cp "$job_cp" \
    io.beamline.benchmarks.BenchmarkMain "$job" "$@" 2> "$work/$job-x$n.log" | tail -n 1) \
    || { echo "  failed: see $work/$job-x$n.log" >&2; return 0; }
  # The largest heap left after a collection: what the job holds live, as opposed to the peak RSS,
  # which also shows how far the collector let the heap grow before collecting.
  local live
  live=$({ grep -o -- '->[0-9]*M' "$gclog" 2>/dev/null || true; } | tr -dc '0-9\n' | sort -n | tail -n 1)
  local cluster=""
  if [ -n "${cluster_rss:-}" ]; then  # a cluster job: the peak RSS of each cluster JVM, and their sum
    cluster=$(awk '{ if ($2 > m[$1]) m[$1] = $2 } END { for (k in m) printf "%s=%d\n", k, m[k] / 1024 }' "$cluster_rss" \
      | sort | paste -sd' ')
    cluster=",\"cluster_peak_rss_mb\":\"$cluster\",\"cluster_peak_rss_total_mb\":$(awk '{ if ($2 > m[$1]) m[$1] = $2 }
      END { for (k in m) t += m[k]; printf "%d", t / 1024 }' "$cluster_rss")"
  fi
  [ -n "${warming:-}" ] && return 0  # a warm-up run (CLUSTER_WARMUP=1): not a result
  echo "{\"scale\":$n,${line#\{}" | sed "s/}\$/,\"heap_after_gc_mb\":${live:-0}$cluster}/" | tee -a "$results"
}

launcher_jit() {  # command args...: the JIT and GC flags ./beamline would run the command with
  BEAMLINE_SKIP_BUILD=1 BEAMLINE_CDS=0 BEAMLINE_DRY_RUN=1 BEAMLINE_JAVA_OPTS= "$root/beamline" "$@" \
    | tr ' ' '\n' | grep -E '^-XX:(TieredStopAtLevel=|\+Use[A-Za-z]*GC$)' || true
}

# Every second, the peak RSS so far (VmHWM) of each JVM of the cluster in DIR (its pid files) and of
# their children (a Spark Worker's executors, which exit with the application), one "name KB" line each.
sample_rss() {
  local dir=$1 out=$2 f p c kb
  while :; do
    for f in "$dir"/log/*.pid; do
      [ -f "$f" ] || continue
      p=$(cat "$f")
      for c in "$p" $(pgrep -P "$p" 2>/dev/null || true); do
        kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$c/status" 2>/dev/null || true)
        [ -z "$kb" ] || { [ "$c" = "$p" ] && echo "$(basename "$f" .pid) $kb" || echo "$(basename "$f" .pid)-executor $kb"; }
      done
    done >> "$out"
    sleep 1
  done
}

cluster_job() {  # job scale csv: starts the job's cluster (2 workers), runs the job on it, stops it
  local job=$1 n=$2 csv=$3 engine master dir sampler
  engine=${job%-cluster}; engine=${engine##*-}
  dir="$work/$engine-cluster"
  rm -rf "$dir"
  echo "== taxi x$n: starting a $engine cluster for $job" >&2
  # A Flink cluster holds Beamline (flink-cluster.sh) and the harness: a job uploads an empty jar and
  # runs on classes the TaskManagers loaded before, as on a cluster image made for Beamline.
  if ! master=$(BEAMLINE_CLUSTER_EXTRA_JARS="$bench_jar" "$root/runner-$engine/$engine-cluster.sh" start "$dir" 2 \
      2> "$work/$job-x$n.cluster.log" | tail -n 1); then
    echo "  the cluster failed to start: see $work/$job-x$n.cluster.log" >&2
    "$root/runner-$engine/$engine-cluster.sh" stop "$dir" || true
    return 0
  fi
  if [ "${CLUSTER_WARMUP:-0}" = 1 ]; then
    # A session cluster serves many jobs: its JVMs have loaded and compiled the code before. The same
    # job on the 15,000-row taxi file first, untimed, measures such a warm cluster (the first job on a
    # fresh Flink cluster took 36.0 s for x1000's statistics, the next 19.6 s).
    echo "== taxi x$n: warming the $engine cluster up with $job on taxi x1" >&2
    local args=(--runner=SparkRunner "--sparkMaster=$master")
    [ "$engine" = flink ] && args=(--runner=FlinkRunner "--flinkMaster=$master" --parallelism=2)
    warming=1 run_job "$job" 1 "$(make_scaled 1)" "$work/warmup" "${args[@]}"
  fi
  cluster_rss="$work/$job-x$n.rss"
  : > "$cluster_rss"
  sample_rss "$dir" "$cluster_rss" &
  sampler=$!
  if [ "$engine" = flink ]; then
    run_job "$job" "$n" "$csv" "$work" --runner=FlinkRunner "--flinkMaster=$master" --parallelism=2
  else
    run_job "$job" "$n" "$csv" "$work" --runner=SparkRunner "--sparkMaster=$master"
  fi
  cluster_rss=""
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  "$root/runner-$engine/$engine-cluster.sh" stop "$dir" || true
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
  echo "{\"scale\":$n,\"job\":\"pipeline\",\"rows\":$rows,\"bytes\":$(stat -L -c %s "$labelled"),\"seconds\":$wall,\"rows_per_s\":$(awk -v r="$rows" -v s="$wall" 'BEGIN { printf "%.0f", r / s }'),\"mb_per_s\":0,\"peak_rss_mb\":$((rss / 1024)),\"heap_after_gc_mb\":0,\"auc\":${auc:-0},\"trainer_examples_per_s\":${trainer:-0},\"nodes\":{$nodes}}" \
    | tee -a "$results"
  rm -rf "$home"
}

# Beamline jobs get the launcher's flags and a 768 MB heap (the peak-RSS target is 1 GiB for the whole
# process); Spark gets its Java 17 opens list and room to work.
beamline_jvm=(-Xmx768m --add-opens=java.base/java.nio=ALL-UNNAMED --add-modules=jdk.incubator.foreign
  -Dorg.bytedeco.javacpp.maxPhysicalBytes=0
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
spark_opens=(-Djdk.reflect.useDirectMethodHandle=false -Dspark.ui.enabled=false)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  spark_opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
spark_jvm=(-Xmx6g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${spark_opens[@]}")

for job in "${jobs[@]}"; do
  case "$job" in metrics*) run_job "$job" 0 10000000 ;; esac
done
for n in "${scales[@]}"; do
  csv=$(make_scaled "$n")
  for job in "${jobs[@]}"; do
    case "$job" in
      metrics*) ;;
      evaluate|evaluate-ci|evaluate-inference)
        labelled=$(make_scaled "$n" big_tipper)
        if [ ! -d "$work/eval-x$n" ]; then  # one preparation for every evaluate job of this scale
          echo "== taxi x$n: preparing the evaluation (examples and a model; not timed)" >&2
          java "${beamline_jvm[@]}" -Xmx4g -cp "$cp" io.beamline.benchmarks.BenchmarkMain evaluate-prepare \
            "$labelled" "$root/examples/data/taxi/big_tipper.csv" "$work/eval-x$n" > "$work/prepare-x$n.log" 2>&1 \
            || { echo "  failed: see $work/prepare-x$n.log" >&2; rm -rf "$work/eval-x$n"; continue; }
        fi
        run_job "$job" "$n" "$labelled" "$work/eval-x$n" ;;
      pipeline) run_pipeline "$n" ;;
      *-cluster) cluster_job "$job" "$n" "$csv" ;;
      *) run_job "$job" "$n" "$csv" "$work" ;;
    esac
  done
  rm -rf "$work"/examplegen-[0-9]* "$work"/stats-[0-9]* "$work"/*-cluster "$work/eval-x$n"  # job outputs, clusters; the *-xN.log files stay
done

# Ratios per scale: each job's rows/s against parse-only, split-only and deequ, and a job on another
# runner (stats-flink, *-cluster) against the same job on the DirectRunner (stats, examplegen). A
# cluster job's "cluster RSS" is the sum of its cluster JVMs' peaks (each in results.jsonl).
echo
awk -F'[:,}]' '
  { split("", v)  # the fields of this line only: a cluster RSS must not carry over to the next job
    for (i = 1; i < NF; i++) { gsub(/[{" ]/, "", $i); v[$i] = $(i + 1) }
    gsub(/"/, "", v["job"]); s = v["scale"]; j = v["job"]
    rate[s, j] = v["rows_per_s"]; mb[s, j] = v["mb_per_s"]; rss[s, j] = v["peak_rss_mb"]; secs[s, j] = v["seconds"]
    live[s, j] = v["heap_after_gc_mb"]; crss[s, j] = v["cluster_peak_rss_total_mb"]
    if (!(s in seen)) { seen[s] = 1; order[++ns] = s } if (!(j in jseen)) { jseen[j] = 1; jorder[++nj] = j } }
  END {
    printf "%-7s %-24s %10s %12s %9s %11s %10s %12s %12s %12s %10s %9s\n", "scale", "job", "seconds", "rows/s", "MB/s", "peak RSS", "heap after GC", "cluster RSS", "x parse-only", "x split-only", "x deequ", "x direct"
    for (a = 1; a <= ns; a++) for (b = 1; b <= nj; b++) { s = order[a]; j = jorder[b]; if (!((s, j) in rate)) continue
      p = ((s, "parse-only") in rate) ? sprintf("%.2f", rate[s, j] / rate[s, "parse-only"]) : "-"
      q = ((s, "split-only") in rate) ? sprintf("%.2f", rate[s, j] / rate[s, "split-only"]) : "-"
      d = ((s, "deequ-profile") in rate) ? sprintf("%.1f", rate[s, j] / rate[s, "deequ-profile"]) : "-"
      base = (j ~ /^stats-(flink|spark)/) ? "stats" : (j ~ /^examplegen-/) ? "examplegen" : ""
      r = (base != "" && (s, base) in rate) ? sprintf("%.2f", rate[s, j] / rate[s, base]) : "-"
      c = (crss[s, j] != "") ? crss[s, j] " MB" : "-"
      printf "x%-6s %-24s %10s %12s %9s %8s MB %7s MB %12s %12s %12s %10s %9s\n", s, j, secs[s, j], rate[s, j], mb[s, j], rss[s, j], live[s, j], c, p, q, d, r } }
' "$results"

# The pipeline job's time per node.
{ grep '"job":"pipeline"' "$results" || true; } | while read -r line; do  # none: not an error
  echo
  echo "$line" | sed -E 's/.*"scale":([0-9]+).*"seconds":([0-9.]+).*"peak_rss_mb":([0-9]+).*"auc":([0-9.]+),"trainer_examples_per_s":([0-9]+).*/pipeline x\1: \2 s wall, peak RSS \3 MB, eval AUC \4, trainer \5 examples\/s/'
  echo "$line" | sed -E 's/.*"nodes":\{(.*)\}\}$/\1/' | tr ',' '\n' | tr -d '"' | awk -F: '{ printf "  %-18s %s\n", $1, $2 }'
done
