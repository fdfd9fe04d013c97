#!/usr/bin/env bash
# Runs VICIdial's wrk load against dialfleet, unchanged: bench.sh and vd_load.lua here are copies of ../shared/load,
# the load that measured VICIdial 2.14 (figures in README.md). Like those figures, every level starts from 5,004
# phones: the update set up00001..up05000 made by preload.py, plus the four phones of seed.json.
#
# Usage: deploy/bench/wrk/run-against-dialfleet.sh [--attach RUN_ENV] [FUNC:CONC ...]
#   (no --attach)     starts dialfleet with deploy/local/run --seed deploy/bench/wrk/seed.json --no-agents:
#                     embedded PostgreSQL and Kafka and the api-service; no refresh-agent (VICIdial's figures
#                     include no conf rebuild either; WITH_AGENTS=1 starts the seed server's agent too)
#   --attach RUN_ENV  a running dialfleet's run.env (DIALFLEET_URL, DIALFLEET_PG_URL), loaded with seed.json
#   FUNC:CONC         bench.sh's levels (default: all of VICIdial's)
# Environment: bench.sh's own (WARMUP, DURATION, THREADS, CPU_AT, SETTLE, OUT; see bench.sh), and
#   PRELOAD     size of the update set (5000; smaller only for a smoke test)
#   RUN_DIR     run directory of the started dialfleet (target/wrk-run)   HTTP_PORT  its port (a free one)
#   COUNT_CMD   prints the phones row count (default: psql on DIALFLEET_PG_URL; set empty to skip)
#   RESET_CMD   run before every level (default: psql deleting the phones earlier add_phone levels added, prefix
#               lt, so each level starts from 5,004 as VICIdial's did; set empty to let the table grow)
#   CPU_COMMS   processes to split CPU by (java postgres wrk)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)

if ! command -v wrk >/dev/null; then
  echo "wrk is not installed: apt-get install wrk" >&2
  exit 2
fi
if ! command -v python3 >/dev/null; then
  echo "preload.py needs python3: apt-get install python3" >&2
  exit 2
fi
if ! command -v psql >/dev/null; then
  echo "psql is missing (apt-get install postgresql-client): no row counts, and the table is not reset between levels" >&2
  COUNT_CMD=${COUNT_CMD-}
  RESET_CMD=${RESET_CMD-}
fi

preload=${PRELOAD:-5000}
if [ "${1:-}" = "--attach" ]; then
  env_file=${2:?--attach needs the run.env of a running dialfleet}
  shift 2
else
  run_dir=${RUN_DIR:-$root/target/wrk-run}
  port=${HTTP_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  agents=--no-agents
  [ "${WITH_AGENTS:-0}" = 1 ] && agents=
  mkdir -p "$run_dir"
  echo "starting dialfleet (deploy/local/run, seed $here/seed.json, port $port) ..."
  "$root/deploy/local/run" --seed "$here/seed.json" --dir "$run_dir" --http-port "$port" $agents \
    > "$run_dir/local-run.out" 2>&1 &
  local_run=$!
  trap 'kill -TERM $local_run 2>/dev/null || true; wait $local_run 2>/dev/null || true' EXIT
  for _ in $(seq 600); do
    grep -q '^READY ' "$run_dir/local-run.out" 2>/dev/null && break
    if ! kill -0 $local_run 2>/dev/null; then
      echo "deploy/local/run stopped:" >&2
      tail -20 "$run_dir/local-run.out" >&2
      exit 1
    fi
    sleep 0.5
  done
  grep -q '^READY ' "$run_dir/local-run.out" || { echo "dialfleet was not ready within 5 minutes" >&2; exit 1; }
  env_file=$run_dir/run.env
fi

set -a
. "$env_file"
set +a
url=${DIALFLEET_URL:?$env_file names no DIALFLEET_URL}

echo "preloading the update set (${preload} phones, up00001...) through the API ..."
python3 "$here/preload.py" "$url/vicidial/non_agent_api.php" "$preload"

export VD_UPD_COUNT=$preload
export COUNT_CMD=${COUNT_CMD-"psql '${DIALFLEET_PG_URL:-}' -Atc 'SELECT count(*) FROM phones'"}
export RESET_CMD=${RESET_CMD-"psql '${DIALFLEET_PG_URL:-}' -qAtc \"DELETE FROM phones WHERE extension LIKE 'lt%'\""}
export CPU_COMMS=${CPU_COMMS:-java postgres wrk}
export OUT=${OUT:-$root/target/wrk-dialfleet-$(date +%Y%m%d-%H%M%S).txt}
if [ -n "$COUNT_CMD" ]; then
  echo "phones: $(bash -c "$COUNT_CMD") (VICIdial's figures start from 5,004)"
fi
mkdir -p "$(dirname "$OUT")"
"$here/bench.sh" "$url" "$@"
echo "results: $OUT"
