#!/usr/bin/python3
"""Rounds of (a) tcpdump, (b0) rustids replay without the behavioural detectors and (b) with them, over one capture.

Called by `scripts/bench.sh replay-ab [N] [GROUPS]`, which prepares the capture and the binary. Each round runs the three in
an order that rotates, so drift in the machine's speed (neighbours on a shared host) falls on all three alike. What counts
is the per-round ratio (b) / (b0): its median over the rounds, and a bootstrap 95 % interval of that median, so a reader
can tell a change from the noise. Times come from wait4 (wall in microseconds, CPU as the kernel accounts it), not GNU
time's centiseconds, which quantised a 0.6 s run to steps of 1.6 %. Every run is pinned to one CPU (the last) when there is
more than one: migrations between the two cores were a good part of the noise.
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import time


def timed(command, env):
    """Runs command with its output discarded; returns (wall s, CPU s) and fails loudly on a non-zero exit."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    errors = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"replay-ab: {command[0]} exited with {code}: {errors.strip()[-400:]}")
    return wall, usage.ru_utime + usage.ru_stime


def median_interval(ratios, draws=4000, seed=1):
    """The median and a bootstrap 95 % interval of it (percentile method, deterministic seed)."""
    rng = random.Random(seed)
    medians = sorted(statistics.median(rng.choices(ratios, k=len(ratios))) for _ in range(draws))
    return statistics.median(ratios), medians[int(draws * 0.025)], medians[int(draws * 0.975) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rustids", required=True)
    parser.add_argument("--pcap", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--rules", required=True, help="an empty rules file: the comparison is about the packet path and the detectors")
    parser.add_argument("--eve", required=True)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--only", default="", help="detector groups left on in (b), comma-separated (default: all)")
    args = parser.parse_args()
    if args.rounds < 3:
        parser.error("--rounds: at least 3")

    groups = ("PortScan", "SynFlood", "BruteForce", "DnsTunnel", "Icmp", "Exfiltration", "Anomaly")
    wanted = [g for g in args.only.split(",") if g]
    unknown = sorted(set(wanted) - set(groups))
    if unknown:
        parser.error(f"--only: unknown group {', '.join(unknown)} (one of {', '.join(groups)})")
    base_env = dict(os.environ)
    off = dict(base_env, RUSTIDS__Detectors__Enabled="false")
    on = dict(base_env, **{f"RUSTIDS__Detectors__{g}__Enabled": "false" for g in groups if wanted and g not in wanted})
    pin = ["taskset", "-c", str(os.cpu_count() - 1)] if (os.cpu_count() or 1) > 1 else []
    replay = [args.rustids, "replay", "--config", args.config, "--pcap", args.pcap, "--rules", args.rules, "--eve", args.eve]
    runs = {
        "a": (pin + ["tcpdump", "-r", args.pcap, "-w", "/dev/null"], base_env),
        "b0": (pin + replay, off),
        "b": (pin + replay, on),
    }

    times = {name: [] for name in runs}
    order = list(runs)
    for round_index in range(args.rounds):
        for k in range(3):
            name = order[(round_index + k) % 3]
            times[name].append(timed(*runs[name]))
        print(f"\rround {round_index + 1}/{args.rounds}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)

    wall = {name: [t[0] for t in values] for name, values in times.items()}
    cpu = {name: [t[1] for t in values] for name, values in times.items()}
    med = statistics.median
    ratio = lambda x, y: [p / q for p, q in zip(x, y)]
    detectors_wall = median_interval([r - 1 for r in ratio(wall["b"], wall["b0"])])
    detectors_cpu = median_interval([r - 1 for r in ratio(cpu["b"], cpu["b0"])])
    path = ratio(wall["b0"], wall["a"])
    print(f"{args.rounds} rounds of (a) tcpdump, (b0) rustids replay without detectors, (b) with {args.only or 'every detector'}; "
          f"medians{', pinned to CPU ' + pin[2] if pin else ''}")
    print(f"wall s: (a) {med(wall['a']):.3f}, (b0) {med(wall['b0']):.3f}, (b) {med(wall['b']):.3f}; "
          f"CPU s (user+sys): (a) {med(cpu['a']):.3f}, (b0) {med(cpu['b0']):.3f}, (b) {med(cpu['b']):.3f}")
    print(f"(b0) / (a), wall, per-round median {med(path):.2f} (min {min(path):.2f}, max {max(path):.2f}); target <= 1.5")
    print(f"(b) / (a), wall, per-round median {med(ratio(wall['b'], wall['a'])):.2f}")
    print("detectors, (b) vs (b0), per-round median with its bootstrap 95 % interval: "
          f"wall {detectors_wall[0] * 100:+.1f} % [{detectors_wall[1] * 100:+.1f}, {detectors_wall[2] * 100:+.1f}], "
          f"CPU {detectors_cpu[0] * 100:+.1f} % [{detectors_cpu[1] * 100:+.1f}, {detectors_cpu[2] * 100:+.1f}]; budget +10 %")


if __name__ == "__main__":
    main()
