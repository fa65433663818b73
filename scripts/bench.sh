#!/usr/bin/env bash
# Runs the BenchmarkDotNet suites in Release and leaves the reports in BenchmarkDotNet.Artifacts/.
#   ./scripts/bench.sh                 all benchmarks, short job (a few minutes on 2 cores)
#   ./scripts/bench.sh '*HotPath*'     one class
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
filter="${1:-*}"
dotnet run -c Release --project tests/RustIds.Benchmarks -- --filter "$filter" --job short --memory --exporters github
