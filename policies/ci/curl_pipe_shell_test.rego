package atlas9.ci.curl_pipe_shell_test

import data.atlas9.ci.curl_pipe_shell
import data.atlas9.test.ci
import rego.v1

run(script) := {"jobs": {"b": {"steps": [{"run": script}]}}}

test_downloads_run_by_a_shell_are_reported if {
	every script in [
		"curl -fsSL https://x.example/i.sh | sh",
		"wget -qO- https://x.example/s | sudo -E bash -s -- -y",
		"bash <(curl -s https://x.example/b)",
		`sh -c "$(curl -fsSL https://x.example/i)"`,
		"curl https://x.example/get.py | python3 -",
	] {
		count(curl_pipe_shell.deny) == 1 with input as ci.document(run(script))
	}
}

test_downloads_piped_to_tools_are_silent if {
	every script in [
		"curl -fsSL https://x.example/t.tar.gz | tar xz",
		"curl -s https://x.example/status | jq .state",
		"curl -o i.sh https://x.example/i.sh && sha256sum --check sums && sh i.sh",
		"curl -s https://x.example/f | sha256sum",
	] {
		count(curl_pipe_shell.deny) == 0 with input as ci.document(run(script))
	}
}
