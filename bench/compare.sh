#!/usr/bin/env bash
# Compares Graph.Bench with the peer (PyTorch / numpy from the OS packages) in one run on this machine.
#
# Usage: bench/compare.sh [workload...]        (default: sgemm)
#   ROUNDS=3     interleaved rounds (ours, peer 1 thread, peer 2 threads) per workload
#   PEER_SCRIPT  path of torch_bench.py (default: ../shared/bench/torch_bench.py next to the repository)
#
# Prints one line per workload:  <workload> graph=<median s> peer=<median s> ratio=<graph/peer>
# ratio < 1 means Graph is faster (for sgemm, time ratio = peer GFLOP/s / Graph GFLOP/s).
# The peer is the faster of `--threads 1` and `OMP_WAIT_POLICY=PASSIVE --threads 2`, each the median over the
# rounds. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are removed from the peer's environment only, so OpenBLAS picks its
# own kernel for this CPU (reported on stderr). Raw JSON records go to stderr as well.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
peer_script="${PEER_SCRIPT:-$root/../shared/bench/torch_bench.py}"
rounds="${ROUNDS:-3}"
python=/usr/bin/python3
workloads=("$@")
[ ${#workloads[@]} -eq 0 ] && workloads=(sgemm)

[ -f "$peer_script" ] || { echo "peer script not found: $peer_script (set PEER_SCRIPT)" >&2; exit 2; }

if ! "$python" -c 'import torch, numpy' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
    echo "installing the peer's OS packages..." >&2
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update >&2 && $sudo_cmd apt-get install -y python3-torch python3-numpy libopenblas0-pthread >&2
fi

echo "building Graph.Bench (Release)..." >&2
dotnet build "$root/bench/Graph.Bench/Graph.Bench.csproj" -c Release -nologo -v q >&2
ours_dll="$root/bench/Graph.Bench/bin/Release/net10.0/Graph.Bench.dll"

peer_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
core="$("${peer_env[@]}" OPENBLAS_VERBOSE=2 "$python" -c 'import numpy' 2>&1 | grep -m1 '^Core:' || true)"
echo "peer OpenBLAS kernel: ${core:-unknown}" >&2

# median_s of one JSON record on stdin
median_of() { "$python" -c 'import json,sys; print(json.loads(sys.stdin.readline())["median_s"])'; }
# median of numbers given as arguments
median() { "$python" -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

for w in "${workloads[@]}"; do
    case "$w" in
        sgemm) peer_w=sgemm_numpy ;;
        *) peer_w="$w" ;;
    esac
    ours=(); p1=(); p2=()
    for ((r = 1; r <= rounds; r++)); do
        rec="$(dotnet "$ours_dll" "$w" | head -n 1)"; echo "$rec" >&2; ours+=("$(median_of <<<"$rec")")
        rec="$("${peer_env[@]}" "$python" "$peer_script" "$peer_w" --threads 1)"; echo "$rec" >&2; p1+=("$(median_of <<<"$rec")")
        rec="$("${peer_env[@]}" OMP_WAIT_POLICY=PASSIVE "$python" "$peer_script" "$peer_w" --threads 2)"; echo "$rec" >&2
        p2+=("$(median_of <<<"$rec")")
    done
    g="$(median "${ours[@]}")"
    m1="$(median "${p1[@]}")"
    m2="$(median "${p2[@]}")"
    "$python" - "$w" "$g" "$m1" "$m2" <<'PY'
import sys
w, g, m1, m2 = sys.argv[1], *map(float, sys.argv[2:])
peer = min(m1, m2)
print(f"{w} graph={g:.6g} peer={peer:.6g} ratio={g / peer:.3f}", flush=True)
print(f"  ({w}: peer 1 thread {m1:.6g} s, 2 threads {m2:.6g} s)", file=sys.stderr)
PY
done
