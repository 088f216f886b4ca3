package e2e

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// A server that echoes the request's headers, Authorization included, into
// its error bodies must not get the token printed: not in the error the
// plugin returns, not in any log line, at Steampipe's default level (WARN)
// or at TRACE.
func TestTheTokenStaysSecretWhenTheServerEchoesIt(t *testing.T) {
	for _, c := range testapi.EchoCases() {
		status := c.Status
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			api := sampleAPI(t)
			ids, _ := fixtureIDs(t, api)
			p := startPlugin(t, processOptions{env: []string{c.Env()}})
			p.configure(t, api.HCL())
			api.Server.SetFaults(c.Faults())

			_, listErr := p.queryWithin(t, scanAll)
			_, getErr := p.queryWithin(t, sdkquery.Query{Table: "vercel_user_token", Columns: []string{"token_id", "name"}, Equals: map[string]string{"token_id": ids[0]}})
			p.stop()

			require.Error(t, listErr, "a list answered %d gave rows", status)
			require.Error(t, getErr, "a get answered %d gave rows", status)
			for _, err := range []error{listErr, getErr} {
				assert.Contains(t, err.Error(), strconv.Itoa(status), "the error does not give the status")
			}
			require.NotEmpty(t, p.output.String(), "the plugin logged nothing: the check would prove nothing")
			requireSecretAbsent(t, api.Secret, map[string]string{
				"the plugin's output and logs": p.output.String(),
				"the list's error":             listErr.Error(),
				"the get's error":              getErr.Error(),
			})
		})
	}
}
