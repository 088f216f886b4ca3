package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestListPagesNewestFirstAcrossBothCursorForms(t *testing.T) {
	f := GenerateFixture(250, 7)
	for _, tc := range []struct {
		name       string
		form       CursorForm
		nextIsText bool
	}{
		{"number cursor", CursorNumber, false},
		{"string cursor", CursorString, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, f, WithCursor(tc.form))
			var ids []string
			var counts []int
			lastCreated := int64(1 << 62)
			target := "/v6/user/tokens?limit=100"
			for page := 0; ; page++ {
				if page > 5 {
					t.Fatal("paging did not end")
				}
				rec := h.get(target)
				expectStatus(t, rec, http.StatusOK)
				ans := decodeAs[listAnswer](t, rec)
				counts = append(counts, ans.Pagination.Count)
				if ans.Pagination.Count != len(ans.Tokens) {
					t.Fatalf("count %d for %d tokens", ans.Pagination.Count, len(ans.Tokens))
				}
				for _, tok := range ans.Tokens {
					created := int64(tok["createdAt"].(float64))
					if created >= lastCreated {
						t.Fatalf("token %v not older than the one before it", tok["id"])
					}
					lastCreated = created
					ids = append(ids, tok["id"].(string))
				}
				if page == 0 != isNull(ans.Pagination.Prev) {
					t.Fatalf("page %d: prev = %s", page, ans.Pagination.Prev)
				}
				if isNull(ans.Pagination.Next) {
					break
				}
				if got := ans.Pagination.Next[0] == '"'; got != tc.nextIsText {
					t.Fatalf("next = %s, want text: %v", ans.Pagination.Next, tc.nextIsText)
				}
				target = "/v6/user/tokens?limit=100&until=" + cursorParam(t, ans.Pagination.Next)
			}
			if fmt.Sprint(counts) != "[100 100 50]" {
				t.Fatalf("page sizes %v, want [100 100 50]", counts)
			}
			want := map[string]bool{}
			for _, raw := range f.Tokens {
				var tok struct{ ID string }
				_ = json.Unmarshal(raw, &tok)
				want[tok.ID] = true
			}
			seen := map[string]bool{}
			for _, id := range ids {
				if seen[id] || !want[id] {
					t.Fatalf("id %s repeated or unknown", id)
				}
				seen[id] = true
			}
			if len(seen) != len(want) {
				t.Fatalf("saw %d ids, want %d", len(seen), len(want))
			}
			if h.srv.Count(EndpointList) != 3 {
				t.Fatalf("list requests = %d, want 3", h.srv.Count(EndpointList))
			}
		})
	}
}

func TestListDefaultsToTwentyAndServesOlderVersion(t *testing.T) {
	h := newHarness(t, GenerateFixture(50, 1))
	for _, path := range []string{"/v6/user/tokens", "/v5/user/tokens"} {
		rec := h.get(path)
		expectStatus(t, rec, http.StatusOK)
		if n := len(decodeAs[listAnswer](t, rec).Tokens); n != 20 {
			t.Fatalf("%s: %d tokens, want 20", path, n)
		}
	}
}

func TestListEmptyAndLastPagesHaveNullNext(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	for _, target := range []string{"/v6/user/tokens?limit=5", "/v6/user/tokens?until=1", "/v6/user/tokens?limit=100"} {
		ans := decodeAs[listAnswer](t, h.get(target))
		if !isNull(ans.Pagination.Next) {
			t.Fatalf("%s: next = %s, want null", target, ans.Pagination.Next)
		}
	}
	if raw := h.get("/v6/user/tokens?until=1").Body.String(); raw != `{"tokens":[],"pagination":{"count":0,"next":null,"prev":null}}` {
		t.Fatalf("empty page = %s", raw)
	}
}

func TestListRejectsBadParameters(t *testing.T) {
	h := newHarness(t, GenerateFixture(30, 1))
	for _, tc := range []struct {
		query, names string
	}{
		{"limit=0", "limit"},
		{"limit=101", "limit"},
		{"limit=-3", "limit"},
		{"limit=ten", "limit"},
		{"limit=2.5", "limit"},
		{"limit=", "limit"},
		{"until=yesterday", "until"},
		{"until=1.7e%2B12", "until"},
		{"until=", "until"},
		{"until=bm90LWEtY3Vyc29y", "until"}, // base64, but not our cursor
	} {
		t.Run(tc.query, func(t *testing.T) {
			e := expectError(t, h.get("/v6/user/tokens?"+tc.query), http.StatusBadRequest, "bad_request")
			if !strings.Contains(e.Error.Message, "`"+tc.names+"`") {
				t.Fatalf("message %q does not name %s", e.Error.Message, tc.names)
			}
		})
	}
	for _, ok := range []string{"limit=1", "limit=100", "limit=20&until=1795392000000"} {
		expectStatus(t, h.get("/v6/user/tokens?"+ok), http.StatusOK)
	}
}

func TestListAcceptsEitherCursorFormWhateverItEmits(t *testing.T) {
	h := newHarness(t, GenerateFixture(30, 1), WithCursor(CursorNumber))
	first := decodeAs[listAnswer](t, h.get("/v6/user/tokens?limit=10"))
	opaque := CursorString.encode(int64(first.Tokens[9]["createdAt"].(float64)))
	byNumber := h.get("/v6/user/tokens?limit=10&until=" + cursorParam(t, first.Pagination.Next)).Body.String()
	byString := h.get("/v6/user/tokens?limit=10&until=" + opaque.(string)).Body.String()
	if byNumber != byString {
		t.Fatal("the two cursor forms of one position gave different pages")
	}
}
