#!/usr/bin/env bash
# Benchmark (not a test) of the policy domains: a deterministic generator writes a tree of
# GitHub workflows shaped like real ones (2–6 jobs of 3–12 steps: checkouts, setup actions,
# multi-line scripts, services, matrices, expressions, pinned and unpinned actions), then
# `atlas9 check --select ci` is timed on it, on all cores and on one, and the time per workflow
# is printed.
# Usage: scripts/bench-policies.sh [WORKFLOWS=2000] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
runs=${2:-3}
dir=target/bench/workflows-$n
cargo build --release --locked --quiet
bin=$PWD/target/release/atlas9

if [ ! -d "$dir" ]; then
  mkdir -p "$dir"
  python3 - "$dir" "$n" <<'PY'
import os, random, sys

root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(6)
SHA = "0123456789abcdef"

def sha():
    return "".join(rng.choice(SHA) for _ in range(40))

def uses(name, version):
    if rng.random() < 0.4:
        return f"{name}@{sha()} # {version}"
    return f"{name}@{version}"

def step():
    kind = rng.randrange(9)
    if kind == 0:
        return [f"- uses: {uses('actions/checkout', 'v4')}"] + (
            ["  with:", "    persist-credentials: false"] if rng.random() < 0.5 else [])
    if kind == 1:
        tool = rng.choice(["node", "python", "go", "java"])
        return [f"- uses: {uses('actions/setup-' + tool, 'v5')}", "  with:",
                f"    {tool}-version: ${{{{ matrix.version }}}}"]
    if kind == 2:
        return ["- name: Build", "  run: |", "    make deps", "    make build -j4",
                "    ./scripts/package.sh \"${{ github.sha }}\""]
    if kind == 3:
        return ["- name: Test", "  run: make test", "  env:",
                "    DATABASE_URL: postgres://localhost/test", "    CI: true"]
    if kind == 4:
        return [f"- uses: {uses('actions/upload-artifact', 'v4')}", "  with:",
                "    name: dist-${{ matrix.os }}", "    path: dist/"]
    if kind == 5:
        return [f"- uses: {uses('actions/github-script', 'v7')}", "  with:", "    script: |",
                "      const { data } = await github.rest.pulls.get(context.repo)",
                "      core.info(data.title)"]
    if kind == 6:
        return ["- run: echo \"ref=${{ github.head_ref }}\" >> \"$GITHUB_OUTPUT\"", "  id: meta"]
    if kind == 7:
        return [f"- uses: {uses('docker/build-push-action', 'v6')}", "  with:", "    push: false",
                "    tags: app:${{ github.sha }}"]
    return ["- run: |", "    curl -fsSLo tool.tgz https://example.com/tool-1.2.3.tgz",
            "    tar xzf tool.tgz", "    ./tool lint ."]

def job(i):
    lines = [f"  job-{i}:", "    runs-on: ${{ matrix.os }}", "    strategy:", "      matrix:",
             "        os: [ubuntu-latest, macos-latest]", "        version: ['18', '20']"]
    if rng.random() < 0.6:
        lines.append("    timeout-minutes: 20")
    if rng.random() < 0.3:
        lines += ["    permissions:", "      contents: read"]
    if rng.random() < 0.2:
        lines += ["    services:", "      db:", "        image: postgres:16",
                  "        ports: ['5432:5432']"]
    lines.append("    steps:")
    for _ in range(rng.randint(3, 12)):
        lines += ["      " + l for l in step()]
    return lines

triggers = ["push", "pull_request", "[push, pull_request]", "pull_request_target",
            "\n  push:\n    branches: [main]\n  pull_request:"]
for k in range(n):
    lines = [f"name: workflow {k}", f"on: {rng.choice(triggers)}"]
    if rng.random() < 0.5:
        lines += ["permissions:", "  contents: read"]
    lines.append("jobs:")
    for i in range(rng.randint(2, 6)):
        lines += job(i)
    d = os.path.join(root, f"repo-{k // 20}", ".github", "workflows")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"wf-{k}.yml"), "w") as f:
        f.write("\n".join(lines) + "\n")
PY
fi

. scripts/best-time.sh
files=$(find "$dir" -name '*.yml' | wc -l)
lines=$(find "$dir" -name '*.yml' -exec cat {} + | wc -l)
echo "tree: $files workflows, $lines lines ($dir)"
t_all=$(best_time "$bin" check --select ci --format json "$dir")
t_one=$(best_time "$bin" check --select ci --format json --threads 1 "$dir")
empty=$(mktemp -d)
t_start=$(best_time "$bin" check --select ci --format json "$empty")
rmdir "$empty"
findings=$({ "$bin" check --select ci --format json "$dir" || true; } | python3 -c '
import json, sys
print(len(json.load(sys.stdin)["findings"]))')
per() { echo "($1 - $t_start) * 1000 / $files" | bc -l; }
printf 'start-up (empty directory):       %.0f ms\n' "$(echo "$t_start * 1000" | bc -l)"
printf 'atlas9 check --select ci:          %.3fs  (%.3f ms per workflow)\n' "$t_all" "$(per "$t_all")"
printf 'same, --threads 1:                 %.3fs  (%.3f ms per workflow)\n' "$t_one" "$(per "$t_one")"
printf 'findings: %d\n' "$findings"
