package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// A server that echoes the request's headers, Authorization included, into
// its error bodies must not get the token printed by the extension: not in
// the error SQLite shows, not in any log line, at WARN or at TRACE.
func TestTheTokenStaysSecretWhenTheServerEchoesIt(t *testing.T) {
	t.Parallel()
	for _, c := range testapi.EchoCases() {
		status := c.Status
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			a := startAPI(t)
			a.Server.SetFaults(c.Faults())
			stdout, stderr := newShell(t, c.Env()).run(quietly(a.configured()) +
				"select token_id, name from vercel_user_token;\n" +
				"select name from vercel_user_token where token_id = " + sqlString(a.tokens[0].ID) + ";\n")

			if !strings.Contains(stderr, strconv.Itoa(status)) {
				t.Errorf("stderr does not report the HTTP %d (%d bytes)", status, len(stderr))
			}
			if a.Server.Count(emulator.EndpointList) == 0 || a.Server.Count(emulator.EndpointGet) == 0 {
				t.Fatal("the queries sent no request: the check would prove nothing")
			}
			if strings.Contains(stdout, a.Secret) || strings.Contains(stderr, a.Secret) {
				t.Errorf("the API token is in the shell's output (%d bytes of stdout, %d of stderr; not printed here)", len(stdout), len(stderr))
			}
		})
	}
}
