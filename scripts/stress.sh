#!/usr/bin/env bash
# make stress: long randomized runs of the secure methods (not in CI).
# At least 10^7 randomized DMAs per secure method, spread over seeds, 2 honest + 2 malicious
# processes (every attack strategy), random preemption. Report: <build>/stress-report.md.
#   bash scripts/stress.sh [BUILD_DIR]    env: STRESS_DMAS (per method, default 10000000),
#                                         STRESS_SEEDS (default 10), STRESS_JOBS (default nproc)
set -euo pipefail
BUILD=${1:-build}
SIM="$BUILD/tb/udma-sim"
[ -x "$SIM" ] || { echo "stress.sh: $SIM not built (make build first)" >&2; exit 2; }
DMAS=${STRESS_DMAS:-10000000}
SEEDS=${STRESS_SEEDS:-10}
JOBS=${STRESS_JOBS:-$(nproc)}
PER=$(( (DMAS + SEEDS - 1) / SEEDS ))
OUT="$BUILD/stress"
REPORT="$BUILD/stress-report.md"
mkdir -p "$OUT"
METHODS="kernel shrimp flash pal key ext rep5"
echo "stress: $DMAS DMAs per method ($SEEDS seeds x $PER), methods: $METHODS, $JOBS jobs in parallel"
start=$(date +%s)
jobs_file="$OUT/jobs.txt"
: > "$jobs_file"
for m in $METHODS; do
  for s in $(seq 1 "$SEEDS"); do
    echo "$m $s" >> "$jobs_file"
  done
done
run_one() {
  m=$1; s=$2
  "$SIM" --method "$m" --seed "$((1000 + s))" --dmas "$PER" --honest 2 --malicious 2 --attackers mix \
         --preempt 0.1 --progress off --report json --report-file "$OUT/$m-$s.json" --fail-dir "$OUT" \
         > "$OUT/$m-$s.log" 2>&1
  echo "$m $s exit $?" >> "$OUT/exits.txt"
}
export -f run_one
export SIM PER OUT
: > "$OUT/exits.txt"
xargs -P "$JOBS" -L 1 bash -c 'run_one "$0" "$1" || true' < "$jobs_file"
end=$(date +%s)
python3 - "$OUT" "$REPORT" "$METHODS" "$SEEDS" "$PER" "$((end - start))" <<'PY'
import json, os, sys
out, report, methods, seeds, per, secs = sys.argv[1], sys.argv[2], sys.argv[3].split(), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
lines = ["# udma stress report", "",
         f"{seeds} seeds x {per} DMAs per method, 2 honest + 2 malicious processes (strategy mix), preemption 0.1; wall time {secs} s.", "",
         "| method | runs | DMAs requested | started | completed | retries | bus accesses | attacks tried | violations | failed runs |",
         "|---|---|---|---|---|---|---|---|---|---|"]
bad = 0
for m in methods:
    agg = dict(runs=0, req=0, st=0, done=0, ret=0, acc=0, att=0, viol=0, fail=0)
    first = []
    for s in range(1, seeds + 1):
        p = os.path.join(out, f"{m}-{s}.json")
        if not os.path.exists(p):
            agg["fail"] += 1
            first.append(f"{m} seed {1000 + s}: no report (see {m}-{s}.log)")
            continue
        r = json.load(open(p))
        agg["runs"] += 1
        agg["req"] += r["dmas_requested"]; agg["st"] += r["dmas_started"]; agg["done"] += r["dmas_completed"]
        agg["ret"] += r["retries"]; agg["acc"] += r["bus_accesses"]; agg["att"] += r["attacks_tried"]
        agg["viol"] += len(r["violations"])
        if r["violations"] or r["stop_reason"]:
            agg["fail"] += 1
            what = r["violations"][0]["what"] if r["violations"] else r["stop_reason"]
            first.append(f"{m} seed {1000 + s}: {what} (schedule: {r['schedule']})")
    bad += agg["fail"]
    lines.append(f"| {m} | {agg['runs']} | {agg['req']} | {agg['st']} | {agg['done']} | {agg['ret']} | {agg['acc']} | {agg['att']} | {agg['viol']} | {agg['fail']} |")
    lines += [f"- {f}" for f in first]
lines += ["", "Verdict: " + ("no violation" if bad == 0 else f"{bad} failing runs")]
open(report, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(1 if bad else 0)
PY
