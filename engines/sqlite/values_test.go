package main

import (
	"testing"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/testapi"
)

// Every engine prints a timestamp the same way (display.Timestamp): three
// fractional digits even when the last is 0, where Go's RFC3339Nano would
// print …05.75Z.
func TestTimestampsHaveThreeFractionalDigits(t *testing.T) {
	a := startAPI(t)
	var id string
	var activeAt time.Time
	for _, tok := range testapi.Tokens[struct {
		ID       string `json:"id"`
		ActiveAt int64  `json:"activeAt"`
	}](t, a.API) {
		if tok.ActiveAt%10 == 0 && tok.ActiveAt%1000 != 0 {
			id, activeAt = tok.ID, time.UnixMilli(tok.ActiveAt)
			break
		}
	}
	if id == "" {
		t.Fatal("the fixture has no activeAt with a trailing zero millisecond digit")
	}

	rows := newShell(t).query(a.configured(), "select active_at from vercel_user_token where token_id = "+sqlString(id))
	if len(rows) != 1 {
		t.Fatalf("want one row, got %d", len(rows))
	}
	want := display.Timestamp(activeAt)
	if got := rows[0]["active_at"]; got != want {
		t.Errorf("active_at = %v, want %s", got, want)
	}
	if len(want) != len("2006-01-02T15:04:05.000Z") {
		t.Errorf("%s does not have three fractional digits", want)
	}
}
