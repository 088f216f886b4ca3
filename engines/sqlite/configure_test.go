package main

import (
	"strings"
	"testing"
)

// A bad config fails the configure call itself, not the first query.
func TestConfigureChecksBaseURLAndTokenType(t *testing.T) {
	t.Parallel()
	for hcl, want := range map[string]string{
		`base_url = "http://api.example.com"`: "plain http",
		`api_token = 12345678901234`:          "api_token must be a quoted string",
	} {
		stdout, stderr := newShell(t).run(configureCall(hcl) + "\nselect 'still running';\n")
		if !strings.Contains(stderr, configureFunction) || !strings.Contains(stderr, want) {
			t.Errorf("%s: stderr does not report %q:\n%s", hcl, want, stderr)
		}
		if strings.Contains(stdout+stderr, "12345678901234") {
			t.Errorf("%s: the token leaked into the output", hcl)
		}
		if !strings.Contains(stdout, "still running") {
			t.Errorf("%s: the shell stopped after the error; stdout:\n%s", hcl, stdout)
		}
	}
}
