#!/usr/bin/env bash
# Benchmarks, numbers for the notes (never timed unit tests):
#   ./scripts/bench.sh                    replay comparison, then every BenchmarkDotNet suite (short job)
#   ./scripts/bench.sh --replay [N]       only the replay comparison, on an N-packet capture (default 1000000)
#   ./scripts/bench.sh '*Decoder*'        only the BenchmarkDotNet classes matching the filter
#   ./scripts/bench.sh '*Firewall*'       firewall latency (p50/p95/p99 per block) and bulk work, nftables and iptables (root)
#   ./scripts/bench.sh detectors-ab [N] [GROUPS]  what the behavioural detectors add to a worker, as N alternating A/B rounds
#                                         (GROUPS: only these detectors on, e.g. Anomaly,Exfiltration)
#   ./scripts/bench.sh replay-ab [N] [GROUPS]     the replay comparison as N rounds of (a), (b0) and (b) in rotating
#                                         order, pinned to one CPU: medians of wall and CPU time and of the per-round
#                                         ratios, the detectors' with a bootstrap 95 % interval (scripts/replay-ab.py);
#                                         N defaults to 21; GROUPS as for detectors-ab (PortScan, SynFlood, BruteForce,
#                                         DnsTunnel, Icmp, Exfiltration, Anomaly)
#
# Replay comparison: scripts/gen-pcap.py writes a deterministic capture of mixed HTTP, DNS, TLS, SSH, MQTT,
# CoAP, VLAN, fragments, GRE and VXLAN traffic (seed 1, cached in artifacts/bench/); then, in the same run,
#   (a) tcpdump -r FILE -w /dev/null        the libpcap floor: read and write every packet, nothing else
#   (b) rustids replay --pcap FILE          decode, defragmentation, flows, reassembly, app-layer parsing, detectors, no rules
#   (b0) the same with the behavioural detectors off (RUSTIDS__Detectors__Enabled=false), for their cost
#   (c) the same with the Snort 3 community rules, (d) with ET Open (when ../shared/data/rules holds them)
# and prints packets/s, Mbit/s, the ratio to (a) and each one's peak RSS (GNU time). Every replay reads the repository's
# config/rustids.json, not the installed /etc/rustids/rustids.json, so the numbers are those of the shipped settings
# (an installed copy from an older checkout once ran the detectors with four times the tables).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

# The deterministic benchmark capture of $1 packets (seed 1), generated once into artifacts/bench/; prints its path.
bench_pcap() {
  local dir="$root/artifacts/bench"
  local pcap="$dir/mixed-$1-seed1.pcap"
  mkdir -p "$dir"
  if [[ ! -s $pcap ]]; then
    echo "generating $pcap ..." >&2
    /usr/bin/python3 scripts/gen-pcap.py --profile bench --packets "$1" --seed 1 --out "$pcap" >&2
  fi
  echo "$pcap"
}

# The CLI to time: $RUSTIDS_BIN, else a fresh Native AOT publish of this tree (as install.sh does); prints its path.
rustids_bin() {
  if [[ -n ${RUSTIDS_BIN:-} ]]; then
    echo "$RUSTIDS_BIN"
    return
  fi
  rm -rf artifacts/cli
  dotnet publish src/RustIds.Cli -c Release -r linux-x64 -o artifacts/cli -v quiet --nologo >/dev/null
  echo "$root/artifacts/cli/rustids"
}

replay_comparison() {
  local packets=$1
  local pcap rustids
  pcap=$(bench_pcap "$packets")
  rustids=$(rustids_bin)
  local work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  : >"$work/none.rules"
  local bytes
  bytes=$(stat -c %s "$pcap")

  # Warm the page cache so both read from memory, not disk.
  cat "$pcap" >/dev/null
  /usr/bin/time -f '%e %M' -o "$work/tcpdump.time" tcpdump -r "$pcap" -w /dev/null 2>/dev/null
  /usr/bin/time -f '%e %M' -o "$work/rustids.time" "$rustids" replay --config "$root/config/rustids.json" --pcap "$pcap" --rules "$work/none.rules" \
    --eve "$work/eve.json" --stats >"$work/rustids.out"
  RUSTIDS__Detectors__Enabled=false /usr/bin/time -f '%e %M' -o "$work/nodetect.time" "$rustids" replay --config "$root/config/rustids.json" --pcap "$pcap" \
    --rules "$work/none.rules" --eve "$work/eve-nodetect.json" >/dev/null
  local shared="$root/../shared/data/rules"
  local sets=()
  [[ -d $shared/snort3-community ]] && sets+=(snort3-community)
  [[ -d $shared/et-open ]] && sets+=(et-open)
  for set in "${sets[@]}"; do
    /usr/bin/time -f '%e %M' -o "$work/$set.time" "$rustids" replay --config "$root/config/rustids.json" --pcap "$pcap" --rules "$shared/$set"/*.rules \
      --eve "$work/eve-$set.json" --db "$work/$set.db" >"$work/$set.out" 2>&1 || true
    grep -E '^(rules|alerts):' "$work/$set.out" | sed "s/^/[$set] /" || true
  done
  read -r t_a rss_a <"$work/tcpdump.time"
  read -r t_b rss_b <"$work/rustids.time"
  read -r t_b0 rss_b0 <"$work/nodetect.time"
  grep -E 'decode\.(packets|ok) |flows\.created|app_layer\.(flows|tx)_|reassembly\.bytes_delivered|defrag\.ipv[46]_reassembled' "$work/rustids.out" || true
  printf "\n%-44s %12s %12s %10s %12s %8s\n" "run" "seconds" "packets/s" "Mbit/s" "peak RSS MiB" "vs (a)"
  row() { awk -v name="$1" -v n="$packets" -v bytes="$bytes" -v t="$2" -v r="$3" -v ta="$t_a" 'BEGIN {
    printf "%-44s %12.2f %12.0f %10.0f %12.1f %8.2f\n", name, t, n/t, bytes*8/t/1e6, r/1024, t/ta }'; }
  row "(a) tcpdump -r FILE -w /dev/null" "$t_a" "$rss_a"
  row "(b) rustids replay, no rules (whole path)" "$t_b" "$rss_b"
  row "(b0) the same, detectors off" "$t_b0" "$rss_b0"
  local letter=c
  for set in "${sets[@]}"; do
    read -r t rss < <(tail -n 1 "$work/$set.time")
    row "($letter) rustids replay, $set" "$t" "$rss"
    letter=d
  done
  echo "targets: the packet path (b0) <= 1.5 x (a); the detectors (b vs b0) at most +10 %. One run is noisy here: replay-ab 21 gives medians"
  awk -v b="$t_b" -v b0="$t_b0" 'BEGIN { printf "detectors add %+.1f %% to the replay\n", (b / b0 - 1) * 100 }'
}

# N rounds of (a) tcpdump, (b0) detectors off and (b) detectors on (only GROUPS when given) over the bench capture, in
# an order that rotates every round, pinned to one CPU: one run is as noisy as this VM, the median of many per-round
# ratios is not, and scripts/replay-ab.py prints a bootstrap 95 % interval of it beside the budget.
replay_ab() {
  local rounds=$1 groups=${2:-}
  local pcap rustids
  pcap=$(bench_pcap 1000000)
  rustids=$(rustids_bin)
  local work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  : >"$work/none.rules"
  cat "$pcap" >/dev/null
  /usr/bin/python3 scripts/replay-ab.py --rustids "$rustids" --pcap "$pcap" --config "$root/config/rustids.json" \
    --rules "$work/none.rules" --eve "$work/eve.json" --rounds "$rounds" --only "$groups"
}

# The firewall suites (root: they build network namespaces) declare their own jobs: one block per
# iteration for latency percentiles, a fresh firewall per iteration for bulk work. The others run
# BenchmarkDotNet's short job.
bdn() {
  local filter=$1
  if [[ $filter == *Firewall* ]]; then
    dotnet run -c Release --project tests/RustIds.Benchmarks -- --filter "$filter" --memory --exporters github
  else
    dotnet run -c Release --project tests/RustIds.Benchmarks -- --filter "$filter" --job short --memory --exporters github
  fi
}

case "${1:-}" in
  detectors-ab)
    dotnet run -c Release --project tests/RustIds.Benchmarks -- detectors-ab "${2:-21}" ${3:+"$3"}
    ;;
  --replay)
    replay_comparison "${2:-1000000}"
    ;;
  replay-ab)
    replay_ab "${2:-21}" "${3:-}"
    ;;
  "")
    replay_comparison 1000000
    for suite in Decoder FlowTable PacketPath AppLayer HotPath Detector RuleSet Reputation Scorer Feed; do
      bdn "*${suite}Benchmarks*"
    done
    bdn '*Firewall*'
    ;;
  *)
    bdn "$1"
    ;;
esac
