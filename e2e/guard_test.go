package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sdkquery"
)

// hangGuard bounds a query that must end on its own. It is a guard, not a
// measure: a passing query ends long before.
const hangGuard = 90 * time.Second

// queryWithin runs q, failing the test when it has not ended within
// hangGuard (then the plugin is stopped, so nothing goes on running).
func (p *pluginProcess) queryWithin(t *testing.T, q sdkquery.Query) ([]row, error) {
	t.Helper()
	type result struct {
		rows []row
		err  error
	}
	done := make(chan result, 1)
	go func() {
		rows, err := p.query(q)
		done <- result{rows, err}
	}()
	select {
	case r := <-done:
		return r.rows, r.err
	case <-time.After(hangGuard):
		p.stop()
		t.Fatalf("the query still ran after %v: it hangs", hangGuard)
		return nil, nil
	}
}

// requireSecretAbsent fails the test when secret is anywhere in texts,
// without printing it.
func requireSecretAbsent(t *testing.T, secret string, texts map[string]string) {
	t.Helper()
	if secret == "" {
		t.Fatal("no secret to look for")
	}
	for what, text := range texts {
		if strings.Contains(text, secret) {
			t.Errorf("the API token is in %s (%d bytes; not printed here)", what, len(text))
		}
	}
}
