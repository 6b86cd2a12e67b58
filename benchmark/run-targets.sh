#!/usr/bin/env bash
# Reruns every target figure of issue 23 (docs/performance.md), in the order, and keeps each
# scenario's full output under $OUT. Run it from the repository root on a QUIET machine (nothing else
# building or testing): the figures are meant to be compared with each other, peers in the same run.
#
#   benchmark/run-targets.sh                 # everything (about 1 h 15 min, most of it the 10,000 fleet)
#   ONLY="1 4" benchmark/run-targets.sh      # some targets only (numbers below)
#   SECONDS_FEED=30 OUT=/tmp/t benchmark/run-targets.sh
#
# Targets:
#   1  1,000 stations, mutual TLS (OpenSSL, then the JDK's TLS), plain TCP, Icecast HTTPS and HTTP: back to back
#   2  5,000 stations, mutual TLS (every station timed, then 1 in 10), beside Icecast HTTPS with 5,000 listeners
#   3  10,000 stations, mutual TLS, controller pinned to CPU 0 and the load client to CPU 1, fixed heap
#      (memory per station = live heap + outside the heap, TLS engines included); the load client's CPU
#   4  scheduled start: 37 real agents (TLS), first sample on every simulated card vs the planned instant
#   5  urgent start: 37 real agents (TLS), and 1,000 light stations (TLS): API call -> first sample
set -euo pipefail

: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
OUT=${OUT:-target/bench/targets-$(date -u +%Y%m%dT%H%M)}
WORK=${WORK:-target/bench}
FEED=${SECONDS_FEED:-30}
ONLY=${ONLY:-"1 2 3 4 5"}
mkdir -p "$OUT" "$WORK"
ulimit -n 20000 || { echo "need ulimit -n 20000 (10,000 connections per process)" >&2; exit 1; }

if [ ! -f benchmark/target/loa-benchmark.jar ] || [ "${BUILD:-1}" = 1 ]; then
  ./mvnw -q -B -o -pl benchmark -am package -DskipTests
fi
# the scenarios run from a copy: a rebuild during a run must not pull classes from under it
JAR="$OUT/loa-benchmark.jar"
cp benchmark/target/loa-benchmark.jar "$JAR"
cp controller/target/loa-controller.jar "$OUT/loa-controller.jar"
bench() { java -jar "$JAR" "$@" --controller-jar "$OUT/loa-controller.jar"; }
bench_nojar() { java -jar "$JAR" "$@"; }

# one scenario: its name, then the command; the load average is written beside its output
run() {
  local name=$1; shift
  echo "== $name: $*" | tee -a "$OUT/summary.txt"
  echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
  if "$@" >"$OUT/$name.txt" 2>&1; then status=ok; else status="exit $?"; fi
  echo "   load average after:  $(cut -d' ' -f1-3 /proc/loadavg) ($status)" | tee -a "$OUT/summary.txt"
  # the result lines: table rows and the lines that state a figure
  grep -E '^\| [0-9]|^\| Icecast|memory per station|per station:|per listener served|API call|scheduled start|start skew|first sample|frames later|warm-up|by second|timed sample' \
    "$OUT/$name.txt" | sed 's/^/   /' | tee -a "$OUT/summary.txt" || true
}

want() { [[ " $ONLY " == *" $1 "* ]]; }

if want 1; then
  # TLS handshakes: at most 64 stations connecting at once (256 tripped the controller's 10 s hello timeout
  # on a loaded machine)
  run 1-fanout-1000-tls-openssl bench fanout --stations 1000 --seconds "$FEED" --work "$WORK/fleet-1000" --connect-concurrency 64
  run 1-icecast-1000-https      bench_nojar icecast --listeners 1000 --seconds "$FEED" --tls on --work "$WORK/icecast"
  # the same two pinned: the server (controller, icecast2) on CPU 0, the load (stations, listeners) on CPU 1
  run 1-fanout-1000-tls-pinned  bench fanout --stations 1000 --seconds "$FEED" --work "$WORK/fleet-1000" --connect-concurrency 64 \
                                  --controller-cpus 0 --load-cpus 1
  run 1-icecast-1000-https-pinned bench_nojar icecast --listeners 1000 --seconds "$FEED" --tls on --work "$WORK/icecast" \
                                  --server-cpus 0 --load-cpus 1
  run 1-fanout-1000-tls-jdk     bench fanout --stations 1000 --seconds "$FEED" --work "$WORK/fleet-1000" --connect-concurrency 64 \
                                  --controller-jvm "-Dloa.tls.provider=jdk"
  run 1-fanout-1000-plain       bench fanout --stations 1000 --seconds "$FEED" --work "$WORK/fleet-1000" --tls off
  run 1-icecast-1000-http       bench_nojar icecast --listeners 1000 --seconds "$FEED" --work "$WORK/icecast"
fi
if want 2; then
  run 2-fanout-5000-tls         bench fanout --stations 5000 --seconds "$FEED" --work "$WORK/fleet-5000" \
                                  --connect-concurrency 64
  # the same with 1 station in 10 timed, the others reading in batches: the load client then takes a third of a
  # core instead of most of one, and the figure is the controller's, not the two processes' contention
  run 2-fanout-5000-tls-sampled bench fanout --stations 5000 --seconds "$FEED" --work "$WORK/fleet-5000" \
                                  --connect-concurrency 64 --timed-sample 10
  run 2-icecast-5000-https      bench_nojar icecast --listeners 5000 --seconds "$FEED" --tls on --work "$WORK/icecast"
fi
if want 3; then
  # the load client is pinned to CPU 1 (it may run as 2 processes there: --load-processes 2), the controller
  # to CPU 0, with a fixed, pre-touched heap so that the RSS delta outside the heap is meaningful; G1 named, as
  # on one CPU the JVM would pick the Serial collector, which no production controller runs
  run 3-fanout-10000-tls-pinned bench fanout --stations 10000 --seconds "$FEED" --work "$WORK/fleet-10000" \
                                  --connect-concurrency 64 --controller-cpus 0 --load-cpus 1 \
                                  --controller-jvm "-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseG1GC"
fi
if want 4; then
  run 4-scheduled-start-37      bench_nojar urgent-start --mode scheduled --stations 37 --rounds 10 --warmup 1 \
                                  --data "$WORK/scheduled-$(date +%s)"
fi
if want 5; then
  run 5-urgent-start-37         bench_nojar urgent-start --stations 37 --rounds 10 --warmup 1 --data "$WORK/urgent-$(date +%s)"
  run 5-urgent-1000-light       bench urgent --stations 1000 --rounds 10 --work "$WORK/fleet-1000" --connect-concurrency 64
fi
echo "summary: $OUT/summary.txt"
