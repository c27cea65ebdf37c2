#!/usr/bin/env bash
# A Spark 3.5 standalone cluster on this machine, bound to 127.0.0.1: one Master and N Workers (one
# core, 1 GiB for executors each), each its own JVM, run from this module's jars (no Spark
# distribution needed: DIR/spark-home links them for the Workers' executors).
#   runner-spark/spark-cluster.sh start [DIR] [WORKERS]   prints the master URL (spark://HOST:PORT)
#   runner-spark/spark-cluster.sh stop  [DIR]
# DIR (default target/spark-cluster under this module) holds conf/spark-defaults.conf, spark-home/,
# log/*.log (one per JVM), log/*.pid and work/ (executors' logs and fetched jars). WORKERS defaults
# to 2. Submit with
#   ./beamline stats --input data.csv --output out --runner=SparkRunner --sparkMaster=$(cat DIR/master)
# (the files to stage and the driver's settings are completed by SparkSubmission: see README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cmd="${1:-}"
dir="${2:-$here/target/spark-cluster}"
[ "${dir:0:1}" = / ] || dir="$PWD/$dir"

case "$cmd" in
  start)
    n="${3:-2}"
    if [ ! -d "$here/target/lib" ] || [ ! -f "$here/target/classes/io/beamline/runner/spark/SparkStandaloneCluster.class" ] || [ ! -d "$here/target/model-runtime" ]; then
      echo "spark-cluster: building runner-spark (first use)..." >&2
      (cd "$here/.." && mvn -B -q -ntp -Dmaven.test.skip=true -pl runner-spark -am package) >&2
    fi
    mkdir -p "$dir"
    if compgen -G "$dir/log/*.pid" >/dev/null; then
      for f in "$dir"/log/*.pid; do
        if kill -0 "$(cat "$f")" 2>/dev/null; then
          echo "spark-cluster: a cluster is already running in $dir (stop it first)" >&2
          exit 1
        fi
      done
      rm -f "$dir"/log/*.pid
    fi
    exec java -cp "$here/target/classes:$here/../core/target/classes:$here/target/lib/*:$here/target/model-runtime/*" \
      io.beamline.runner.spark.SparkStandaloneCluster start "$dir" "$n"
    ;;
  stop)
    compgen -G "$dir/log/*.pid" >/dev/null || { echo "spark-cluster: no cluster in $dir" >&2; exit 0; }
    pids=()
    for f in "$dir"/log/*.pid; do
      p="$(cat "$f")"
      # Only a process of this cluster (its command line names this properties file), never a reused pid.
      if kill -0 "$p" 2>/dev/null && tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null \
          | grep -qF -- "--properties-file $dir/conf/spark-defaults.conf"; then
        # A Worker's executors are its children: stopped with it, even if it cannot stop them.
        while read -r c; do [ -n "$c" ] && pids+=("$c"); done < <(pgrep -P "$p" || true)
        pids+=("$p")
      fi
      rm -f "$f"
    done
    [ "${#pids[@]}" -eq 0 ] && exit 0
    kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 20); do
      alive=()
      for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive+=("$p"); done
      [ "${#alive[@]}" -eq 0 ] && exit 0
      sleep 0.5
    done
    kill -9 "${alive[@]}" 2>/dev/null || true
    ;;
  *)
    echo "usage: $0 start [DIR] [WORKERS] | stop [DIR]" >&2
    exit 2
    ;;
esac
