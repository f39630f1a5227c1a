#!/usr/bin/env bash
# `make test` under load: two CPU-bound processes (`while True: pass`) run beside it, as on a
# busy 2-core machine. Prints each run's result and duration. Not a test: a way to repeat one.
#
#   bash bench/stress.sh              # one run under load
#   STRESS_RUNS=3 bash bench/stress.sh  # three in a row
#   STRESS_BUSY=0 bash bench/stress.sh  # idle, for comparison
#
# The busy processes are this script's children, killed by pid when it ends in any way (exit,
# error, Ctrl+C, TERM); `timeout` bounds each of them anyway, should the script itself be killed.
set -u
cd "$(dirname "$0")/.."
runs=${STRESS_RUNS:-1}
n_busy=${STRESS_BUSY:-2}
busy=()
suite=""
stop_busy() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${busy[@]}"; do wait "$pid" 2>/dev/null; done
  busy=()
}
stop_suite() {  # make test runs in its own session: stop it and whatever it started
  [ -n "$suite" ] && kill -TERM -- "-$suite" 2>/dev/null
}
trap stop_busy EXIT
trap 'stop_suite; exit 130' INT
trap 'stop_suite; exit 143' TERM
for _ in $(seq "$n_busy"); do
  timeout "${STRESS_BUSY_LIMIT:-7200}" python3 -c 'while True: pass' &
  busy+=($!)
done
echo "stress: $n_busy busy processes (${busy[*]:-none}) beside make test, $runs run(s); load average $(cut -d' ' -f1 /proc/loadavg)"
log=$(mktemp -t labkit-stress.XXXXXX)
failed=0
for run in $(seq "$runs"); do
  start=$(date +%s)
  setsid make test >"$log" 2>&1 &
  suite=$!
  wait "$suite"
  code=$?
  suite=""
  took=$(( $(date +%s) - start ))
  summary=$(grep -E '=+ .*(passed|failed).* in ' "$log" | tail -1 | sed -E 's/^=+ //; s/ =+$//')
  echo "stress run $run/$runs: exit $code in ${took} s (${summary:-no pytest summary: see $log})"
  [ "$code" = 0 ] || { failed=1; grep -E '^(FAILED|ERROR) ' "$log"; }
done
echo "stress: full log of the last run in $log"
exit $failed
