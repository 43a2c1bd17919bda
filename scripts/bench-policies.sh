#!/usr/bin/env bash
# Benchmark (not a test) of the policy domains. Deterministic generators write a tree of GitHub
# workflows shaped like real ones (2–6 jobs of 3–12 steps: checkouts, setup actions, multi-line
# scripts, services, matrices, expressions, pinned and unpinned actions) and a tree of Terraform
# modules (five files each: provider and backend, network with security groups and a dynamic
# block, storage with separate S3 resources under for_each, databases and keys, IAM policies as
# jsonencode, heredoc and policy documents), then `atlas9 check --select ci` and
# `--select terraform` are timed on them, on all cores and on one, and the time per file is
# printed, then the cost of evaluating the policies per document (`benches/policies.rs`).
# Usage: scripts/bench-policies.sh [WORKFLOWS=2000] [RUNS=3] [TF_FILES=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
runs=${2:-3}
tf=${3:-2000}
dir=target/bench/workflows-$n
tfdir=target/bench/terraform-$tf
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

if [ ! -d "$tfdir" ]; then
  mkdir -p "$tfdir"
  python3 - "$tfdir" "$tf" <<'PY'
import os, random, sys

root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(9)

def pick(*options):
    return rng.choice(options)

def main(m):
    backend = pick('backend "s3" {\n    bucket = "acme-state"\n    key    = "m%d.tfstate"\n  }' % m, "")
    return f"""terraform {{
  required_version = ">= 1.6"
  required_providers {{
    aws = {{ source = "hashicorp/aws"{pick(', version = "~> 5.40"', '', ', version = ">= 4.0"')} }}
  }}
  {backend}
}}

provider "aws" {{
  region = var.region
}}

module "labels" {{
  source  = "{pick('acme/labels/aws', 'git::https://example.com/acme/labels.git?ref=v1.4.0', 'git::https://example.com/acme/labels.git')}"
  {pick('version = "1.4.0"', '')}
  name    = "svc-{m}"
}}
"""

def network(m):
    ports = rng.sample([22, 80, 443, 5432, 6379, 8080], 3)
    imds = pick('metadata_options {\n    http_tokens = "required"\n  }', '')
    return f"""locals {{
  public_ports = {ports}
  cidrs        = ["10.{m % 250}.0.0/16"]
}}

resource "aws_vpc" "main" {{
  cidr_block = local.cidrs[0]
}}

resource "aws_security_group" "web" {{
  name   = "web-{m}"
  vpc_id = aws_vpc.main.id
  dynamic "ingress" {{
    for_each = local.public_ports
    content {{
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["{pick('0.0.0.0/0', '10.0.0.0/8')}"]
    }}
  }}
  egress {{
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}

resource "aws_security_group_rule" "admin" {{
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  from_port         = {pick(22, 443, 3389)}
  to_port           = {pick(22, 443, 3389)}
  protocol          = "tcp"
  cidr_blocks       = [var.admin_cidr]
}}

resource "aws_instance" "app" {{
  count         = 2
  ami           = var.ami
  instance_type = "t3.small"
  {imds}
  root_block_device {{
    volume_size = 40
    encrypted   = {pick('true', 'false')}
  }}
}}
"""

def storage(m):
    return f"""locals {{
  buckets = ["logs", "exports", "uploads"]
}}

resource "aws_s3_bucket" "data" {{
  for_each = toset(local.buckets)
  bucket   = "acme-{m}-${{each.key}}"
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {{
  for_each = aws_s3_bucket.data
  bucket   = each.value.id
  rule {{
    apply_server_side_encryption_by_default {{
      sse_algorithm = "aws:kms"
    }}
  }}
}}

resource "aws_s3_bucket_versioning" "data" {{
  for_each = aws_s3_bucket.data
  bucket   = each.value.id
  versioning_configuration {{
    status = "{pick('Enabled', 'Suspended')}"
  }}
}}

resource "aws_s3_bucket_acl" "uploads" {{
  bucket = aws_s3_bucket.data["uploads"].id
  acl    = "{pick('private', 'public-read')}"
}}

resource "aws_kms_key" "data" {{
  description         = "svc-{m} data"
  enable_key_rotation = {pick('true', 'false')}
}}

resource "aws_db_instance" "main" {{
  identifier              = "svc-{m}"
  engine                  = "postgres"
  instance_class          = "db.t4g.medium"
  storage_encrypted       = {pick('true', 'false', 'var.encrypted')}
  deletion_protection     = {pick('true', 'false')}
  backup_retention_period = {pick(0, 7, 14)}
  publicly_accessible     = false
  username                = "app"

  manage_master_user_password = true
}}
"""

def iam(m):
    return f"""resource "aws_iam_role" "app" {{
  name = "svc-{m}"
  assume_role_policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{ Effect = "Allow", Action = "sts:AssumeRole", Principal = {{ Service = "ec2.amazonaws.com" }} }}]
  }})
}}

resource "aws_iam_role_policy" "app" {{
  role = aws_iam_role.app.id
  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [
      {{ Effect = "Allow", Action = ["{pick('s3:GetObject', 's3:*', 'ec2:Describe*')}", "s3:PutObject"], Resource = "*" }},
      {{ Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_key.data.arn }},
    ]
  }})
}}

resource "aws_iam_policy" "ops" {{
  name   = "ops-{m}"
  policy = <<-EOT
    {{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "{pick('logs:*', 'logs:PutLogEvents')}", "Resource": "*"}}]}}
  EOT
}}

data "aws_iam_policy_document" "read" {{
  statement {{
    actions   = ["{pick('s3:GetObject', 's3:List*', 'iam:*')}"]
    resources = ["*"]
  }}
}}
"""

def variables(m):
    return f"""variable "region" {{
  default = "eu-west-1"
}}

variable "ami" {{
  type = string
}}

variable "admin_cidr" {{
  default = "{pick('203.0.113.0/24', '0.0.0.0/0')}"
}}

variable "encrypted" {{
  default = {pick('true', 'false')}
}}

output "vpc_id" {{
  value = aws_vpc.main.id
}}
"""

parts = [("main.tf", main), ("network.tf", network), ("storage.tf", storage),
         ("iam.tf", iam), ("variables.tf", variables)]
for k in range(n):
    m = k // len(parts)
    name, make = parts[k % len(parts)]
    d = os.path.join(root, f"stack-{m // 20}", f"module-{m}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "w") as f:
        f.write(make(m))
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

tf_files=$(find "$tfdir" -name '*.tf' | wc -l)
tf_lines=$(find "$tfdir" -name '*.tf' -exec cat {} + | wc -l)
echo "tree: $tf_files .tf files in $((tf_files / 5)) modules, $tf_lines lines ($tfdir)"
t_all=$(best_time "$bin" check --select terraform --format json "$tfdir")
t_one=$(best_time "$bin" check --select terraform --format json --threads 1 "$tfdir")
findings=$({ "$bin" check --select terraform --format json "$tfdir" || true; } | python3 -c '
import json, sys
print(len(json.load(sys.stdin)["findings"]))')
files=$tf_files
printf 'atlas9 check --select terraform:   %.3fs  (%.3f ms per .tf file)\n' "$t_all" "$(per "$t_all")"
printf 'same, --threads 1:                 %.3fs  (%.3f ms per .tf file)\n' "$t_one" "$(per "$t_one")"
printf 'findings: %d\n' "$findings"

# Evaluation alone, per document: every built-in policy together, then each one alone.
echo "policy evaluation per document (documents built beforehand; best of five passes):"
cargo bench --locked --quiet --bench policies -- "$dir" "$tfdir" 300
