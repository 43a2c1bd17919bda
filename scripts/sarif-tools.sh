#!/usr/bin/env bash
# Installs the official SARIF Multitool (and the SARIF 2.1.0 schema it ships) from the npm
# registry into target/sarif-tools, then validates atlas9's SARIF for the demo with GitHub's
# ingestion rules. Usage: scripts/sarif-tools.sh [install|validate]
set -euo pipefail
cd "$(dirname "$0")/.."
version=5.7.0
dir=target/sarif-tools
tool="$dir/package/Sarif.Multitool"

install() {
  if [ -x "$tool" ]; then return; fi
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "@microsoft/sarif-multitool-linux@$version" >/dev/null && tar xzf microsoft-sarif-multitool-linux-$version.tgz)
  chmod +x "$tool"
}

validate() {
  install
  local sarif="$dir/demo.sarif" log="$dir/validation.sarif"
  cargo run --locked --quiet -- check fixtures/demo --format sarif --output "$sarif" || [ $? -eq 1 ]
  rm -f "$log"
  "$tool" validate --rule-kind "Sarif;Gh" --level "Error;Warning" --output "$log" "$sarif" >/dev/null
  python3 - "$log" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0].get("results", [])
for r in results:
    print(f"{r['ruleId']} {r.get('level', 'warning')}: {r['message'].get('text', '')}")
print(f"SARIF Multitool: {len(results)} errors or warnings")
sys.exit(1 if results else 0)
PY
}

case "${1:-validate}" in
  install) install ;;
  validate) validate ;;
  *) echo "usage: $0 [install|validate]" >&2; exit 2 ;;
esac
