package main

import (
	"strings"
	"testing"
)

// A key compared under a collation other than BINARY matches ids the API's
// exact get would not find: SQLite must filter it over the list.
func TestNonBinaryCollationIsNotPushedDown(t *testing.T) {
	t.Parallel()
	a := startAPI(t)
	want := a.tokens[3]
	sh := newShell(t)
	for _, where := range []string{
		"token_id = " + sqlString(strings.ToUpper(want.ID)) + " collate nocase",
		"token_id collate nocase = " + sqlString(strings.ToUpper(want.ID)),
		"token_id = " + sqlString(want.ID+"  ") + " collate rtrim",
	} {
		a.Server.ResetStats()
		rows := sh.query(a.configured(), "select token_id from vercel_user_token where "+where)
		if len(rows) != 1 || rows[0]["token_id"] != want.ID {
			t.Errorf("where %s: got %v, want token %s", where, rows, want.ID)
		}
		checkRequests(t, a, 0, 2) // the list, over both pages
	}
}
