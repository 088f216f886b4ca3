package emulator

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestEchoHeadersPutsTheCredentialInEveryErrorBody(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	for _, status := range []int{400, 401, 403, 404, 429, 500, 503} {
		h.srv.SetFaults(Faults{Statuses: []int{status}, EchoHeaders: true})
		req := httptestRequest(h, "/v6/user/tokens")
		req.Header.Set("X-Debug-Id", "dbg-7")
		rec := h.serve(req)
		e := decodeAs[errorAnswer](t, rec)
		if rec.Code != status || e.Error.Code != "Bearer "+h.secret {
			t.Fatalf("%d: status %d, error.code does not hold the Authorization header", status, rec.Code)
		}
		for _, want := range []string{"Authorization: Bearer " + h.secret, "credential: " + h.secret, "X-Debug-Id: dbg-7"} {
			if !strings.Contains(e.Error.Message, want) {
				t.Fatalf("%d: error.message lacks %q: %q", status, want, e.Error.Message)
			}
		}
	}
	h.srv.SetFaults(Faults{EchoHeaders: true})
	if e := decodeAs[errorAnswer](t, h.doAs("wrong", http.MethodGet, "/v6/user/tokens", "")); e.Error.Code != "Bearer wrong" {
		t.Fatalf("the emulator's own 401 was not echoed: %+v", e.Error)
	}
	rec := h.get("/v6/user/tokens")
	expectStatus(t, rec, http.StatusOK)
	if strings.Contains(rec.Body.String(), h.secret) {
		t.Fatal("a successful answer echoed the headers")
	}
}

func TestEmptyPagesNeverEnd(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	h.srv.SetFaults(Faults{EmptyPages: true})
	seen := map[string]bool{}
	target := "/v6/user/tokens"
	for range 10 {
		page := decodeAs[listAnswer](t, h.get(target))
		if len(page.Tokens) != 0 || page.Pagination.Count != 0 || isNull(page.Pagination.Next) {
			t.Fatalf("page %+v, want no tokens and a next cursor", page)
		}
		next := cursorParam(t, page.Pagination.Next)
		if seen[next] {
			t.Fatalf("cursor %q came twice", next)
		}
		seen[next] = true
		target = "/v6/user/tokens?until=" + next
	}
}

func TestCursorBytesPadsCursorsThatStillWork(t *testing.T) {
	const size = 64 << 10
	for _, form := range []CursorForm{CursorNumber, CursorString} {
		f := GenerateFixture(30, 1)
		h := newHarness(t, f, WithCursor(form))
		h.srv.SetFaults(Faults{CursorBytes: size})
		first := decodeAs[listAnswer](t, h.get("/v6/user/tokens"))
		next := cursorParam(t, first.Pagination.Next)
		if len(next) != size {
			t.Fatalf("cursor of %d bytes, want %d", len(next), size)
		}
		second := decodeAs[listAnswer](t, h.get("/v6/user/tokens?until="+next))
		if len(first.Tokens)+len(second.Tokens) != 30 || !isNull(second.Pagination.Next) {
			t.Fatalf("form %d: %d then %d tokens", form, len(first.Tokens), len(second.Tokens))
		}
		h.srv.SetFaults(Faults{EmptyPages: true, CursorBytes: size})
		if empty := decodeAs[listAnswer](t, h.get("/v6/user/tokens")); len(cursorParam(t, empty.Pagination.Next)) != size {
			t.Fatal("the cursor of an empty page is not padded")
		}
	}
}

func TestRepeatTokenStartsEachPageWithTheLastOfThePageBefore(t *testing.T) {
	h := newHarness(t, GenerateFixture(25, 1))
	h.srv.SetFaults(Faults{RepeatToken: true})
	first := decodeAs[listAnswer](t, h.get("/v6/user/tokens?limit=10"))
	second := decodeAs[listAnswer](t, h.get("/v6/user/tokens?limit=10&until="+cursorParam(t, first.Pagination.Next)))
	if len(first.Tokens) != 10 || len(second.Tokens) != 11 || second.Pagination.Count != 11 {
		t.Fatalf("pages of %d and %d tokens, want 10 and 11", len(first.Tokens), len(second.Tokens))
	}
	if second.Tokens[0]["id"] != first.Tokens[9]["id"] || second.Tokens[1]["id"] == first.Tokens[9]["id"] {
		t.Fatalf("second page starts %v, %v; first page ended %v", second.Tokens[0]["id"], second.Tokens[1]["id"], first.Tokens[9]["id"])
	}
	third := decodeAs[listAnswer](t, h.get("/v6/user/tokens?limit=10&until="+cursorParam(t, second.Pagination.Next)))
	if len(third.Tokens) != 6 || third.Tokens[0]["id"] != second.Tokens[10]["id"] || !isNull(third.Pagination.Next) {
		t.Fatalf("last page: %d tokens, next %s", len(third.Tokens), third.Pagination.Next)
	}
}

func TestForeign404(t *testing.T) {
	h := newHarness(t, GenerateFixture(5, 1))
	h.srv.SetFaults(Faults{Foreign404: Foreign404HTML})
	for _, target := range []string{"/v6/user/tokens", "/v5/user/tokens/current", "/v5/user/tokens/anything"} {
		rec := h.get(target)
		expectStatus(t, rec, http.StatusNotFound)
		if ct := rec.Header().Get("Content-Type"); ct != "text/html" || !strings.HasPrefix(rec.Body.String(), "<html>") {
			t.Fatalf("%s: %s answer %q", target, ct, rec.Body)
		}
	}
	h.srv.SetFaults(Faults{Foreign404: Foreign404JSON, OnlyOn: EndpointGet})
	expectError(t, h.get("/v5/user/tokens/anything"), http.StatusNotFound, "DEPLOYMENT_NOT_FOUND")
	expectStatus(t, h.get("/v6/user/tokens"), http.StatusOK)
}

func TestRateLimitResetInMillisecondsWithoutRetryAfter(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	h := newHarness(t, GenerateFixture(5, 1), WithClock(func() time.Time { return now }))
	h.srv.SetFaults(Faults{Statuses: []int{429}, RetryAfter: "7", OmitRetryAfter: true, ResetInMillis: true})
	rec := h.get("/v6/user/tokens")
	expectError(t, rec, http.StatusTooManyRequests, "rate_limited")
	if _, sent := rec.Header()["Retry-After"]; sent || rec.Header().Get("X-RateLimit-Reset") != "1800000007000" {
		t.Fatalf("headers %v", rec.Header())
	}
	rec = h.get("/v6/user/tokens")
	if rec.Header().Get("X-RateLimit-Reset") != "1800000060000" {
		t.Fatalf("a successful answer's reset %q, want milliseconds", rec.Header().Get("X-RateLimit-Reset"))
	}
}

// Only the header is absurd: the rate-limit reset stays the default second
// ahead, as a server that sends garbage would still reset its window.
func TestUnusableRetryAfterKeepsTheResetASecondAhead(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	h := newHarness(t, GenerateFixture(5, 1), WithClock(func() time.Time { return now }))
	for _, value := range []string{"-5", "NaN", "Inf"} {
		h.srv.SetFaults(Faults{Statuses: []int{429}, RetryAfter: value})
		if reset := h.get("/v6/user/tokens").Header().Get("X-RateLimit-Reset"); reset != "1800000001" {
			t.Fatalf("Retry-After %s: X-RateLimit-Reset %s, want 1800000001", value, reset)
		}
	}
}

// A request held for many minutes ends as soon as its client goes away,
// over a real connection.
func TestHangingRequestEndsWhenTheClientLeaves(t *testing.T) {
	f := GenerateFixture(5, 1)
	url, srv := startEmulator(t, f)
	srv.SetFaults(Faults{Latency: 30 * time.Minute})
	ctx, cancel := context.WithCancel(context.Background())
	answered := make(chan error, 1)
	go func() {
		resp, err := fetch(ctx, http.MethodGet, url+"/v6/user/tokens", f.Secret(), "")
		if err == nil {
			resp.Body.Close()
		}
		answered <- err
	}()
	waitFor(t, "the request to arrive", func() bool { return srv.InFlight() == 1 })
	cancel()
	if err := <-answered; err == nil {
		t.Fatal("a request held for 30 minutes was answered")
	}
	waitFor(t, "the handler to let go of the request its client left", func() bool { return srv.InFlight() == 0 })
}

// waitFor polls cond for up to 10 s, a generous guard.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
