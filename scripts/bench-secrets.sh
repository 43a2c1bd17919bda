#!/usr/bin/env bash
# Benchmark (not a test) of the secrets domain: a deterministic generator writes a large tree of
# code, configuration, lockfiles and base64 blobs with planted secrets; then
# `atlas9 check --select secrets` is timed next to `rg` searching the same tree for ~30 token
# prefixes, with peak memory, start-up time and how many planted secrets were found.
# Usage: scripts/bench-secrets.sh [FILES=30000] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-30000}
runs=${2:-3}
dir=target/bench/secrets-$n
cargo build --release --locked --quiet
bin=$PWD/target/release/atlas9

if [ ! -d "$dir" ]; then
  mkdir -p "$dir"
  python3 - "$dir" "$n" <<'PY'
import base64, os, random, sys, zlib

root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(9)
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
HEX = "0123456789abcdef"

def pick(alphabet, k):
    return "".join(rng.choice(alphabet) for _ in range(k))

def b62(num, width):
    out = ""
    for _ in range(width):
        out = B62[num % 62] + out
        num //= 62
    return out

def github():
    r = pick(B62, 30)
    return "ghp_" + r + b62(zlib.crc32(r.encode()), 6)

# One generator per planted kind: (name, line).
planted_kinds = [
    lambda: f'GITHUB_TOKEN={github()}',
    lambda: f'stripe_key = "sk_live_{pick(B62, 24)}"',
    lambda: f'aws_access_key_id = AKIA{pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}',
    lambda: f'SLACK=xoxb-{pick("0123456789", 12)}-{pick("0123456789", 13)}-{pick(B62, 24)}',
    lambda: f'DATABASE_URL=postgres://app:{pick(B62, 18)}@db.internal:5432/app',
    lambda: f'OPENAI_API_KEY=sk-proj-{pick(B62, 74)}T3BlbkFJ{pick(B62, 74)}',
    lambda: f'SENDGRID=SG.{pick(B62, 22)}.{pick(B62, 43)}',
    lambda: f'HF_TOKEN=hf_{pick("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 34)}',
]

# Code templates: most ordinary, a few with the words secret rules key on (about one line in
# twenty-five mentions a token, key, secret or password, as in typical application code).
code = [
    "def handle_{i}(request):\n    user = load_user(request.user_id)\n    if not user.can('read'):\n        raise Forbidden('no access to {i}')\n    items = [x for x in user.items if x.active]\n    return render(user, items=items)\n",
    "export function fetch{i}(client: Client, id: string) {{\n  const url = `/api/items/{i}/${{id}}`;\n  return client.get(url).then((r) => r.json());\n}}\n",
    "func (s *Server) Get{i}(ctx context.Context, id string) (*Item, error) {{\n\tif id == \"\" {{\n\t\treturn nil, ErrNotFound\n\t}}\n\treturn s.store.Find(ctx, id)\n}}\n",
    "# Configuration for service {i}\nlog_level: info\ntimeout_seconds: 30\nreplicas: 3\nimage: registry.example.com/app:{i}\n",
    "## Section {i}\n\nThe service retries failed requests three times with exponential backoff,\nthen gives up and reports the error to the caller.\n\n",
    "class Repo{i}:\n    def __init__(self, db):\n        self.db = db\n\n    def find(self, key):\n        return self.db.get(key)\n",
    "func verify{i}(password string, hash []byte) bool {{\n\treturn bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil\n}}\n",
    "const session{i} = {{ token: req.headers.authorization, ttl: 3600, secret: process.env.SESSION_SECRET }};\n",
]
# Ordinary templates four times as likely as the two that mention credentials.
weights = [4] * (len(code) - 2) + [1, 1]

def lock_lines(k):
    out = []
    for j in range(k):
        digest = base64.b64encode(rng.randbytes(64)).decode()
        out.append(f'    "node_modules/pkg-{j}": {{"version": "1.{j}.0", "integrity": "sha512-{digest}"}},\n')
    return "".join(out)

planted = 0
total = 0
for i in range(n):
    sub = os.path.join(root, f"pkg{i % 200:03d}", f"mod{i % 7}")
    os.makedirs(sub, exist_ok=True)
    kind = i % 10
    if kind == 9:
        path, body = os.path.join(sub, f"package-lock-{i}.json"), "{\n" + lock_lines(60) + "}\n"
    elif kind == 8:
        blob = base64.encodebytes(rng.randbytes(9000)).decode()
        path, body = os.path.join(sub, f"asset-{i}.b64"), blob
    else:
        ext = ["py", "ts", "go", "yaml", "md", "py", "ts", "go"][kind]
        reps = rng.randint(30, 70)
        body = "".join(rng.choices(code, weights)[0].format(i=f"{i}_{r}") for r in range(reps))
        path = os.path.join(sub, f"file-{i}.{ext}")
        if i % 150 == 0:
            body += planted_kinds[(i // 150) % len(planted_kinds)]() + "\n"
            planted += 1
    with open(path, "w") as f:
        f.write(body)
    total += len(body)
with open(os.path.join(root, ".planted"), "w") as f:
    f.write(str(planted))
PY
  # How often a line mentions what the generic rules look for, as a sanity check on realism.
  python3 - "$dir" <<'PY'
import os, re, sys
words = re.compile(rb"(?i)password|passwd|secret|token|api_?key|credential")
lines = hits = 0
for base, _, names in os.walk(sys.argv[1]):
    for n in names:
        if n.startswith("file-"):
            for line in open(os.path.join(base, n), "rb"):
                lines += 1
                hits += bool(words.search(line))
with open(os.path.join(sys.argv[1], ".density"), "w") as f:
    f.write(f"{100 * hits / max(lines, 1):.1f}%")
PY
fi

files=$(find "$dir" -type f | wc -l)
bytes=$(find "$dir" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
planted=$(cat "$dir/.planted")
density=$(cat "$dir/.density")
. scripts/best-time.sh
prefixes=(ghp_ gho_ ghu_ ghs_ ghr_ github_pat_ glpat- npm_ pypi-AgE dckr_pat_ AKIA ASIA AIza
  sk_live_ rk_live_ whsec_ xoxb- xoxp- hooks.slack.com SG. sk-proj- sk-ant- hf_ hvs. dop_v1_
  shpat_ lin_api_ -----BEGIN eyJ ://)
rg_args=(--no-ignore --hidden -c -F)
for p in "${prefixes[@]}"; do rg_args+=(-e "$p"); done

echo "tree: $files files, $((bytes / 1000000)) MB, $planted planted secrets, $density of code lines mention a credential word ($dir)"
t_rg=$(best_time rg "${rg_args[@]}" "$dir")
t_a9=$(best_time "$bin" check --select secrets --format json "$dir")
t_a9_1=$(best_time "$bin" check --select secrets --format json --threads 1 "$dir")
empty=$(mktemp -d)
t_start=$(best_time "$bin" check --select secrets --format json "$empty")
rmdir "$empty"
rss=$({ /usr/bin/time -f %M "$bin" check --select secrets --format json "$dir" 2>&1 >/dev/null || true; } | tail -1)
found=$({ "$bin" check --select secrets --format json "$dir" || true; } | python3 -c '
import json, sys
f = json.load(sys.stdin)["findings"]
print(len(f))')
printf 'rg, %d fixed prefixes:                   %.3fs\n' "${#prefixes[@]}" "$t_rg"
printf 'atlas9 check --select secrets:           %.3fs  (%.2fx rg, %.0f MB/s)\n' "$t_a9" "$(echo "$t_a9 / $t_rg" | bc -l)" "$(echo "$bytes / $t_a9 / 1000000" | bc -l)"
printf 'atlas9 check --select secrets --threads 1: %.3fs\n' "$t_a9_1"
printf 'start-up (empty directory):              %.0f ms\n' "$(echo "$t_start * 1000" | bc -l)"
printf 'peak memory:                             %d MB\n' "$((rss / 1024))"
printf 'findings: %d (planted: %d)\n' "$found" "$planted"
