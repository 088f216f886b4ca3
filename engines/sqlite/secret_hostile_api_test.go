package main

import (
	"strings"
	"testing"

	"github.com/tokenaudit/steampipe-plugin-vercel/emulator"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// (The secret_ prefix marks test files the hostile-API work owns.)

// A get answered by a proxy's HTML 404 is an SQLite error naming the URL,
// not zero rows.
func TestAForeign404IsAnSQLiteError(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	a.Server.SetFaults(emulator.Faults{Foreign404: emulator.Foreign404HTML})
	stdout, stderr := newShell(t).run(quietly(a.configured()) +
		"select count(*) from vercel_user_token where token_id = " + sqlString(a.tokens[0].ID) + ";\n")
	if !strings.Contains(stderr, a.URL+"/v5/user/tokens/") || !strings.Contains(stderr, "404") {
		t.Errorf("stderr does not report the 404 and its URL:\n%s", stderr)
	}
	if strings.TrimSpace(stdout) == "0" {
		t.Error("a foreign 404 counted as no such token")
	}
}

// An unreadable timestamp is an SQLite error naming the token and field.
func TestAnUnreadableTimestampIsAnSQLiteError(t *testing.T) {
	t.Parallel()
	for _, hostile := range testapi.HostileTokens {
		t.Run(hostile.Name, func(t *testing.T) {
			t.Parallel()
			a := startAPIWith(t, testapi.HostileTokenFixture(t, 5, hostile))
			stdout, stderr := newShell(t).run(quietly(a.configured()) + "select token_id, expires_at, sudo_expires_at from vercel_user_token;\n")
			if !strings.Contains(stderr, testapi.HostileTokenID) || !strings.Contains(stderr, hostile.Field) {
				t.Errorf("stderr does not name the token and the field %s:\n%s", hostile.Field, stderr)
			}
			if strings.Contains(stdout, testapi.HostileTokenID) {
				t.Errorf("a row of the token was printed:\n%s", stdout)
			}
		})
	}
}
