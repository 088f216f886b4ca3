package testapi

import (
	"encoding/json"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
)

// HostileTokenID is the id of the token HostileTokenFixture adds.
const HostileTokenID = "tok_hostile_7d1e"

// HostileToken is a field of one token that no client can take as it is.
type HostileToken struct {
	Name string // what the test is about
	// Field is what an error must name, such as "expiresAt".
	Field string
	// JSON is merged over a valid token's fields.
	JSON map[string]string
}

// HostileTokens are the timestamps a hostile API may send.
var HostileTokens = []HostileToken{
	{Name: "expiresAt after year 9999", Field: "expiresAt", JSON: map[string]string{"expiresAt": "253402300800000"}},
	{Name: "activeAt before year 1", Field: "activeAt", JSON: map[string]string{"activeAt": "-62135596800001"}},
	{Name: "leakedAt far beyond any date", Field: "leakedAt", JSON: map[string]string{"leakedAt": "1e300"}},
	{Name: "sudo.expiresAt a string", Field: "sudo.expiresAt", JSON: map[string]string{
		"scopes": `[{"type":"user","origin":"github","createdAt":1700000000000,"sudo":{"origin":"totp","expiresAt":"soon"}}]`,
	}},
}

// HostileTokenFixture is GenerateFixture(n, 1) plus one token, newer than
// the others so that it comes on the first page, with h's fields.
func HostileTokenFixture(t testing.TB, n int, h HostileToken) *emulator.Fixture {
	t.Helper()
	f := emulator.GenerateFixture(n, 1)
	var newest int64
	for _, raw := range f.Tokens {
		var token struct{ CreatedAt int64 }
		if err := json.Unmarshal(raw, &token); err != nil {
			t.Fatal(err)
		}
		newest = max(newest, token.CreatedAt)
	}
	fields := map[string]json.RawMessage{
		"id":        json.RawMessage(`"` + HostileTokenID + `"`),
		"name":      json.RawMessage(`"hostile"`),
		"type":      json.RawMessage(`"authentication-token"`),
		"createdAt": mustJSON(t, newest+1000),
		"activeAt":  mustJSON(t, newest+1000),
	}
	for name, value := range h.JSON {
		fields[name] = json.RawMessage(value)
	}
	f.Tokens = append(f.Tokens, mustJSON(t, fields))
	if err := f.Validate(); err != nil {
		t.Fatalf("hostile fixture: %v", err)
	}
	return f
}

func mustJSON(t testing.TB, v any) json.RawMessage {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
