package testapi

import (
	"context"
	"strings"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercelapi"
)

// TokenExists asks the emulator whether a token is still there (a revoked
// token disappears).
func (a *API) TokenExists(t testing.TB, id string) bool {
	t.Helper()
	c, err := vercelapi.NewClient(vercelapi.Config{Token: a.Secret, BaseURL: a.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetToken(context.Background(), id)
	if vercelapi.IsNotFound(err) {
		return false
	}
	if err != nil {
		t.Fatalf("get token %s: %v", id, err)
	}
	return true
}

// RevokedIDs lists the ids the emulator was asked to revoke, in order,
// faulted requests included.
func (a *API) RevokedIDs() []string {
	var ids []string
	for _, r := range a.Server.RequestsTo(emulator.EndpointDelete) {
		ids = append(ids, strings.TrimPrefix(r.Path, "/v3/user/tokens/"))
	}
	return ids
}
