package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// A server that echoes the request's headers, Authorization included, into
// its error bodies must not get the token printed by the exporter: not in
// its error, not in any log line, at WARN or at TRACE, for a list or a get.
func TestTheTokenStaysSecretWhenTheServerEchoesIt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	binary := buildBinary(t)
	for _, c := range testapi.EchoCases() {
		status := c.Status
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			api := startAPI(t, 120)
			api.Server.SetFaults(c.Faults())
			env := []string{c.Env()}
			for _, args := range [][]string{
				{"vercel_user_token", "--config", api.HCL()},
				{"vercel_user_token", "--where", "token_id = '" + api.CurrentID + "'", "--config", api.HCL()},
			} {
				res := runBinary(t, binary, env, args...)
				if res.code == exitOK {
					t.Errorf("%v: exit status 0 for an API answering %d", args[1:2], status)
				}
				if !strings.Contains(res.stderr, strconv.Itoa(status)) {
					t.Errorf("%v: stderr does not report the HTTP %d (%d bytes)", args[1:2], status, len(res.stderr))
				}
				if strings.Contains(res.stdout, api.Secret) || strings.Contains(res.stderr, api.Secret) {
					t.Errorf("%v: the API token is in the exporter's output (%d bytes of stdout, %d of stderr; not printed here)", args[1:2], len(res.stdout), len(res.stderr))
				}
			}
			if api.Server.Count(emulator.EndpointList) == 0 || api.Server.Count(emulator.EndpointGet) == 0 {
				t.Fatal("the exports sent no request: the check would prove nothing")
			}
		})
	}
}
