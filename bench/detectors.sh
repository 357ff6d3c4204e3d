#!/usr/bin/env bash
# How long each detector takes on a full-size year of daily rows (350 airports × 365 days), in
# one JVM: DetectorBenchmark (detectors/src/test) prints the best of three runs per detector.
#   bash bench/detectors.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run, so that common resolves to its freshly compiled classes.
mvn -B -ntp -q -pl detectors -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g -cp "detectors/target/test-classes:detectors/target/classes:$(cat detectors/target/bench.classpath)" \
  io.delaywatch.anomaly.DetectorBenchmark
