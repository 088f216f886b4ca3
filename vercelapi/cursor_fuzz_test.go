package vercelapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

var cursorSeeds = []string{
	`null`, `1632816536002`, `"eyJvZmZzZXQiOjF9"`, `1.5e3`, `-0`, `""`, `"a b&c=d?e#f"`, `"\u0000\u2028"`,
	` 17 `, `{"a":1}`, `[1]`, `true`, `"unterminated`, `01`,
	`"` + testToken + `"`,
	`"` + strings.Repeat("x", MaxCursorBytes+1) + `"`,
}

// FuzzCursor: a cursor is a JSON number, string or null, and nothing else;
// a number is kept digit for digit, and a string reads back the same after
// it is written out again.
func FuzzCursor(f *testing.F) {
	for _, seed := range cursorSeeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var c Cursor
		err := json.Unmarshal(raw, &c)
		text := bytes.TrimSpace(raw)
		if !json.Valid(raw) || len(text) == 0 {
			if err == nil {
				t.Fatalf("read %q, which is not JSON, as cursor %q", raw, c.String())
			}
			return
		}
		switch text[0] {
		case '{', '[', 't', 'f':
			if err == nil {
				t.Fatalf("read %q as cursor %q", raw, c.String())
			}
		case 'n':
			if err != nil || !c.IsNull() {
				t.Fatalf("null read as %+v, %v", c, err)
			}
		case '"':
			if err != nil || c.IsNull() {
				t.Fatalf("string %q read as %+v, %v", raw, c, err)
			}
			written, _ := json.Marshal(c.String())
			var again Cursor
			if err := json.Unmarshal(written, &again); err != nil || again != c {
				t.Fatalf("string cursor %q written as %s reads back as %+v, %v", c.String(), written, again, err)
			}
		default:
			if err != nil || c.String() != string(text) {
				t.Fatalf("number %q read as %q, %v; want it digit for digit", raw, c.String(), err)
			}
		}
	})
}

// FuzzPagerCursor: whatever pagination.next a page names, the pager sends
// it back as until= exactly, or fails with the right error before asking:
// malformed for a cursor that is not one, a paging error for one too long;
// and it stops with a paging error when the next page names it again. No
// error or log line shows the token, even when the cursor is the token.
func FuzzPagerCursor(f *testing.F) {
	for _, seed := range cursorSeeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, next []byte) {
		if !json.Valid(next) {
			return // FuzzDecodeAnswer covers answers that are not JSON
		}
		page := func(id string) []byte {
			return []byte(`{"tokens":[{"id":"` + id + `"}],"pagination":{"next":` + string(next) + `}}`)
		}
		server := &answers{pages: [][]byte{page("tok_1"), page("tok_2")}}
		client, logs := inMemoryClient(t, server)
		err := client.ListTokens(t.Context(), ListTokensOptions{}, func([]AuthToken) bool { return true })
		if err != nil {
			assertTokenAbsent(t, testToken, err, logs, "a list with cursor "+string(next))
		}
		asked := server.asked()

		var cursor Cursor
		var malformed *MalformedAnswerError
		var paging *PagingError
		switch {
		case json.Unmarshal(next, &cursor) != nil:
			if !errors.As(err, &malformed) || len(asked) != 1 {
				t.Fatalf("cursor %s: %d requests, error %v; want one request and a malformed answer", next, len(asked), err)
			}
		case cursor.IsNull():
			if err != nil || len(asked) != 1 {
				t.Fatalf("null cursor: %d requests, error %v; want one request and no error", len(asked), err)
			}
		case len(cursor.String()) > MaxCursorBytes:
			if !errors.As(err, &paging) || len(asked) != 1 {
				t.Fatalf("cursor of %d bytes: %d requests, error %v; want one request and a paging error", len(cursor.String()), len(asked), err)
			}
		default:
			if len(asked) != 2 || !asked[1].Has("until") || asked[1].Get("until") != cursor.String() {
				t.Fatalf("cursor %q: asked %v; want a second request with it as until", cursor.String(), asked)
			}
			if !errors.As(err, &paging) {
				t.Fatalf("cursor %q named twice: error %v; want a paging error", cursor.String(), err)
			}
		}
	})
}
