#!/usr/bin/env bash
# Benchmarks, numbers for the notes (never timed unit tests):
#   ./scripts/bench.sh                    replay comparison, then every BenchmarkDotNet suite (short job)
#   ./scripts/bench.sh --replay [N]       only the replay comparison, on an N-packet capture (default 1000000)
#   ./scripts/bench.sh '*Decoder*'        only the BenchmarkDotNet classes matching the filter
#
# Replay comparison: scripts/gen-pcap.py writes a deterministic capture of mixed HTTP, DNS, TLS, SSH, MQTT,
# CoAP, VLAN, fragments, GRE and VXLAN traffic (seed 1, cached in artifacts/bench/); then, in the same run,
#   (a) tcpdump -r FILE -w /dev/null        the libpcap floor: read and write every packet, nothing else
#   (b) rustids replay --pcap FILE          decode, defragmentation, flows, reassembly, app-layer parsing, no rules
# and prints packets/s, Mbit/s, the ratio b/a and each one's peak RSS (GNU time).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

replay_comparison() {
  local packets=$1
  local dir="$root/artifacts/bench"
  local pcap="$dir/mixed-$packets-seed1.pcap"
  mkdir -p "$dir"
  if [[ ! -s $pcap ]]; then
    echo "generating $pcap ..."
    /usr/bin/python3 scripts/gen-pcap.py --profile bench --packets "$packets" --seed 1 --out "$pcap"
  fi
  local rustids=${RUSTIDS_BIN:-}
  if [[ -z $rustids ]]; then
    dotnet publish src/RustIds.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o artifacts/cli -v quiet --nologo >/dev/null
    rustids="$root/artifacts/cli/rustids"
  fi
  local work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  : >"$work/none.rules"
  local bytes
  bytes=$(stat -c %s "$pcap")

  # Warm the page cache so both read from memory, not disk.
  cat "$pcap" >/dev/null
  /usr/bin/time -f '%e %M' -o "$work/tcpdump.time" tcpdump -r "$pcap" -w /dev/null 2>/dev/null
  /usr/bin/time -f '%e %M' -o "$work/rustids.time" "$rustids" replay --pcap "$pcap" --rules "$work/none.rules" \
    --eve "$work/eve.json" --stats >"$work/rustids.out"
  read -r t_a rss_a <"$work/tcpdump.time"
  read -r t_b rss_b <"$work/rustids.time"
  grep -E 'decode\.(packets|ok) |flows\.created|app_layer\.(flows|tx)_|reassembly\.bytes_delivered|defrag\.ipv[46]_reassembled' "$work/rustids.out" || true
  awk -v n="$packets" -v bytes="$bytes" -v ta="$t_a" -v tb="$t_b" -v ra="$rss_a" -v rb="$rss_b" 'BEGIN {
    printf "\n%-44s %12s %12s %10s %12s\n", "run", "seconds", "packets/s", "Mbit/s", "peak RSS MiB"
    printf "%-44s %12.2f %12.0f %10.0f %12.1f\n", "(a) tcpdump -r FILE -w /dev/null", ta, n/ta, bytes*8/ta/1e6, ra/1024
    printf "%-44s %12.2f %12.0f %10.0f %12.1f\n", "(b) rustids replay, no rules (whole path)", tb, n/tb, bytes*8/tb/1e6, rb/1024
    printf "ratio b/a: %.2f (target <= 1.5)\n", tb/ta
  }'
}

case "${1:-}" in
  --replay)
    replay_comparison "${2:-1000000}"
    ;;
  "")
    replay_comparison 1000000
    dotnet run -c Release --project tests/RustIds.Benchmarks -- --filter '*' --job short --memory --exporters github
    ;;
  *)
    dotnet run -c Release --project tests/RustIds.Benchmarks -- --filter "$1" --job short --memory --exporters github
    ;;
esac
