package emulator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseFixtureRejectsWhatCannotBeServed(t *testing.T) {
	for _, tc := range []struct {
		name, json, wantErr string
	}{
		{"not JSON", `{`, "decode fixture"},
		{"unknown field", `{"bearerTokens":{}}`, "unknown field"},
		{"trailing data", `{} {}`, "after the fixture"},
		{"token not an object", `{"tokens":[42]}`, "token #0: not a JSON object"},
		{"missing id", `{"tokens":[{"createdAt":1}]}`, `token #0: missing or empty string "id"`},
		{"empty id", `{"tokens":[{"id":"","createdAt":1}]}`, `missing or empty string "id"`},
		{"numeric id", `{"tokens":[{"id":7,"createdAt":1}]}`, `missing or empty string "id"`},
		{"missing createdAt", `{"tokens":[{"id":"a"}]}`, `"createdAt" must be an integer`},
		{"string createdAt", `{"tokens":[{"id":"a","createdAt":"1"}]}`, `"createdAt" must be an integer`},
		{"fractional createdAt", `{"tokens":[{"id":"a","createdAt":1.5}]}`, `"createdAt" must be an integer`},
		{"duplicate id", `{"tokens":[{"id":"a","createdAt":1},{"id":"a","createdAt":2}]}`, `tokens #0 and #1 share id "a"`},
		{"duplicate createdAt", `{"tokens":[{"id":"a","createdAt":1},{"id":"b","createdAt":1}]}`, "share createdAt 1"},
		{"team without id", `{"teams":[{"slug":"x"}]}`, `team #0: missing or empty "id"`},
		{"team without slug", `{"teams":[{"id":"team_x"}]}`, `missing or empty "slug"`},
		{"duplicate team slug", `{"teams":[{"id":"t1","slug":"x"},{"id":"t2","slug":"x"}]}`, `duplicate team slug "x"`},
		{"secret for a missing token", `{"bearer_tokens":{"s":"ghost"},"tokens":[{"id":"a","createdAt":1}]}`, `token id "ghost"`},
		{"empty secret", `{"bearer_tokens":{"":"a"},"tokens":[{"id":"a","createdAt":1}]}`, "empty secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseFixture([]byte(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.wantErr)
			}
		})
	}
}

func TestLoadFixtureNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.json")
	if err := os.WriteFile(path, []byte(`{"tokens":[{"id":"a"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFixture(path); err == nil || !strings.Contains(err.Error(), "broken.json") {
		t.Fatalf("error = %v", err)
	}
	if _, err := LoadFixture(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Fatal("no error for a missing file")
	}
}

func TestNewRejectsAnInvalidFixture(t *testing.T) {
	f := &Fixture{Tokens: GenerateFixture(2, 1).Tokens[:1]}
	f.Tokens = append(f.Tokens, f.Tokens[0])
	if _, err := New(f); err == nil {
		t.Fatal("New accepted duplicate tokens")
	}
}

func TestSampleFixtureIsTheGeneratedOne(t *testing.T) {
	onDisk, err := os.ReadFile(filepath.Join("fixtures", "sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := GenerateFixture(300, 1).MarshalPretty()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk, want) {
		t.Fatal("fixtures/sample.json differs from GenerateFixture(300, 1); run `go generate ./emulator`")
	}
	loaded, err := LoadFixture(filepath.Join("fixtures", "sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	again, _ := loaded.MarshalPretty()
	if !bytes.Equal(again, want) {
		t.Fatal("loading and re-encoding the sample changes it")
	}
}
