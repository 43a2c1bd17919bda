#!/usr/bin/env bash
# Benchmark (not a test): generate a repository of N migration files and time `atlas9 check` on
# it, next to `rg` reading the same bytes as a floor. Also times rendering many findings.
# Usage: scripts/bench.sh [N=20000] [RUNS=5] [STATEMENT_GROUPS_PER_FILE=1]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
runs=${2:-5}
groups=${3:-1}
dir=target/bench/repo-$n-$groups
cargo build --release --locked --quiet
bin=$PWD/target/release/atlas9

if [ ! -d "$dir" ]; then
  mkdir -p "$dir/db/migrations" "$dir/goose"
  python3 - "$dir" "$n" "$groups" <<'PY'
import os, sys
root, n, groups = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
shapes = [
    "CREATE TABLE t{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());\nCREATE INDEX t{i}_name_idx ON t{i} (name);\n",
    "SET lock_timeout = '5s';\nSET statement_timeout = '10min';\nALTER TABLE orders ADD COLUMN c{i} text;\nALTER TABLE orders ADD CONSTRAINT fk{i} FOREIGN KEY (a{i}) REFERENCES accounts (id) NOT VALID;\n",
    "CREATE INDEX CONCURRENTLY orders_c{i}_idx ON orders (c{i});\n",
    "-- a comment with 'quotes' and $$dollars$$\nCREATE FUNCTION f{i}() RETURNS trigger AS $body$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$body$ LANGUAGE plpgsql;\n",
    "ALTER TABLE orders ADD COLUMN d{i} uuid DEFAULT gen_random_uuid();\nUPDATE orders SET d{i} = gen_random_uuid() WHERE id BETWEEN 1 AND 1000;\n",
]
for i in range(n):
    body = "".join(shapes[(i + g) % len(shapes)].format(i=f"{i}_{g}") for g in range(groups))
    if i % 7 == 0:
        path = os.path.join(root, "goose", f"{i:08d}_m.sql")
        body = "-- +goose Up\n" + body + "-- +goose Down\nSELECT 1;\n"
    else:
        path = os.path.join(root, "db/migrations", f"{i:08d}_m.up.sql")
    with open(path, "w") as f:
        f.write(body)
PY
fi

files=$(find "$dir" -type f | wc -l)
bytes=$(find "$dir" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
. scripts/best-time.sh
echo "repository: $files files, $((bytes / 1024)) KiB ($dir)"
for threads in 1 0; do
  t=$(best_time "$bin" check "$dir" --format json --threads "$threads")
  printf 'atlas9 check --threads %s: %.3fs  %.0f files/s  %.1f MB/s\n' "$threads" "$t" "$(echo "$files / $t" | bc -l)" "$(echo "$bytes / $t / 1000000" | bc -l)"
done
if command -v rg >/dev/null 2>&1; then
  t=$(best_time rg -c --no-ignore --hidden CONCURRENTLY "$dir")
  printf 'rg (floor: read every byte once): %.3fs\n' "$t"
fi
findings=$({ "$bin" check "$dir" --format json || true; } | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
t=$(best_time "$bin" check "$dir" --format human --no-color)
printf 'human output with %s findings: %.3fs\n' "$findings" "$t"

# Real API descriptions, when the shared corpus is beside the repository (it is not part of it).
corpus=${ATLAS9_CORPUS:-../shared/corpus/openapi}
if [ -d "$corpus" ]; then
  find "$corpus" -type f \( -name '*.yaml' -o -name '*.json' \) | sort | while read -r spec; do
    size=$(stat -c %s "$spec")
    t=$(best_time "$bin" check "$spec" --format json)
    n=$({ "$bin" check "$spec" --format json || true; } | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
    printf 'openapi %s (%.1f MB): %.3fs, %s findings\n' "$(basename "$spec")" "$(echo "$size / 1000000" | bc -l)" "$t" "$n"
  done
fi
