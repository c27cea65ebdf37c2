#!/usr/bin/env bash
# A Flink 1.19 session cluster on this machine, bound to 127.0.0.1: one JobManager and N
# TaskManagers (one slot each), each its own JVM, run from this module's jars (no Flink
# distribution needed).
#   runner-flink/flink-cluster.sh start [DIR] [TASKMANAGERS]   prints the master address (HOST:PORT)
#   runner-flink/flink-cluster.sh stop  [DIR]
# DIR (default target/flink-cluster under this module) holds conf/config.yaml, log/*.log (one per
# JVM) and log/*.pid. TASKMANAGERS defaults to 2. The cluster holds Beamline's jars (copies of the
# snapshot ones, in DIR/lib) unless BEAMLINE_ON_CLUSTER=0, and BEAMLINE_CLUSTER_EXTRA_JARS (absolute
# paths, ':'-separated). Submit with
#   ./beamline stats --input data.csv --output out --runner=FlinkRunner --flinkMaster=$(cat DIR/master)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cmd="${1:-}"
dir="${2:-$here/target/flink-cluster}"

case "$cmd" in
  start)
    n="${3:-2}"
    if [ ! -d "$here/target/lib" ] || [ ! -d "$here/target/classes" ] || [ ! -d "$here/target/cluster-lib" ] || [ ! -d "$here/target/model-runtime" ]; then
      echo "flink-cluster: building runner-flink (first use)..." >&2
      (cd "$here/.." && mvn -B -q -ntp -Dmaven.test.skip=true -pl runner-flink -am package) >&2
    fi
    # Beamline itself, as an image made for it would hold it: the command line's jar and libraries,
    # first, as ./beamline runs a client. A job then ships an empty jar, and each TaskManager loads
    # (and compiles) Beamline's classes once rather than once per job. Without it (BEAMLINE_ON_CLUSTER=0)
    # every job ships Beamline and Beam (see README.md).
    beamline_cp=""
    if [ "${BEAMLINE_ON_CLUSTER:-1}" != 0 ]; then
      cli_jar=$(ls "$here"/../cli/target/beamline-cli-*-cli.jar 2>/dev/null | head -n 1 || true)
      if [ -z "$cli_jar" ] || [ ! -d "$here/../cli/target/lib" ]; then
        echo "flink-cluster: building the command line (first use)..." >&2
        (cd "$here/.." && mvn -B -q -ntp -Dmaven.test.skip=true -pl cli -am package) >&2
        cli_jar=$(ls "$here"/../cli/target/beamline-cli-*-cli.jar | head -n 1)
      fi
      beamline_cp="$(cd "$(dirname "$cli_jar")" && pwd)/$(basename "$cli_jar"):$(cd "$here/../cli/target/lib" && pwd)/*:"
    fi
    # Jars of your own that jobs need (e.g. a library of DoFns), ':'-separated, ahead of the rest.
    [ -n "${BEAMLINE_CLUSTER_EXTRA_JARS:-}" ] && beamline_cp="$BEAMLINE_CLUSTER_EXTRA_JARS:$beamline_cp"
    mkdir -p "$dir"
    if compgen -G "$dir/log/*.pid" >/dev/null; then
      for f in "$dir"/log/*.pid; do
        if kill -0 "$(cat "$f")" 2>/dev/null; then
          echo "flink-cluster: a cluster is already running in $dir (stop it first)" >&2
          exit 1
        fi
      done
      rm -f "$dir"/log/*.pid
    fi
    exec java -cp "$beamline_cp$here/target/classes:$here/../core/target/classes:$here/target/lib/*:$here/target/model-runtime/*:$here/target/cluster-lib/*" \
      io.beamline.runner.flink.FlinkSessionCluster start "$dir" "$n"
    ;;
  stop)
    compgen -G "$dir/log/*.pid" >/dev/null || { echo "flink-cluster: no cluster in $dir" >&2; exit 0; }
    pids=()
    for f in "$dir"/log/*.pid; do
      p="$(cat "$f")"
      # Only a process of this cluster (its command line names this conf dir), never a reused pid.
      if kill -0 "$p" 2>/dev/null && tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "--configDir $dir/conf"; then
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
    echo "usage: $0 start [DIR] [TASKMANAGERS] | stop [DIR]" >&2
    exit 2
    ;;
esac
