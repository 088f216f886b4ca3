package testapi

import (
	"encoding/json"
	"testing"
)

// Tokens decodes the fixture's tokens into T, in fixture order.
func Tokens[T any](t testing.TB, a *API) []T {
	t.Helper()
	tokens := make([]T, 0, len(a.Fixture.Tokens))
	for _, raw := range a.Fixture.Tokens {
		var token T
		if err := json.Unmarshal(raw, &token); err != nil {
			t.Fatalf("decoding a fixture token: %v", err)
		}
		tokens = append(tokens, token)
	}
	return tokens
}

// TokenIDs lists the fixture's token ids in fixture order.
func (a *API) TokenIDs(t testing.TB) []string {
	t.Helper()
	tokens := Tokens[struct{ ID string }](t, a)
	ids := make([]string, len(tokens))
	for i, token := range tokens {
		ids[i] = token.ID
	}
	return ids
}
