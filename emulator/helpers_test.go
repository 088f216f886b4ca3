package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// harness drives a Server in-process with the fixture's bearer secret.
type harness struct {
	t      *testing.T
	srv    *Server
	secret string
}

func newHarness(t *testing.T, f *Fixture, opts ...Option) *harness {
	t.Helper()
	srv, err := New(f, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &harness{t: t, srv: srv, secret: f.Secret()}
}

func (h *harness) do(method, target, body string) *httptest.ResponseRecorder {
	h.t.Helper()
	return h.doAs(h.secret, method, target, body)
}

func (h *harness) doAs(secret, method, target, body string) *httptest.ResponseRecorder {
	h.t.Helper()
	return h.doWithHeader("Bearer "+secret, method, target, body)
}

// doWithHeader sends authorization as the raw Authorization header ("":
// none).
func (h *harness) doWithHeader(authorization, method, target, body string) *httptest.ResponseRecorder {
	h.t.Helper()
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, reader)
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	return rec
}

func (h *harness) get(target string) *httptest.ResponseRecorder {
	h.t.Helper()
	return h.do(http.MethodGet, target, "")
}

// decodeAs decodes a JSON answer, failing the test when it is not JSON.
func decodeAs[T any](t testing.TB, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("answer is not JSON (%v): %q", err, rec.Body.String())
	}
	return v
}

type listAnswer struct {
	Tokens     []map[string]any `json:"tokens"`
	Pagination struct {
		Count int             `json:"count"`
		Next  json.RawMessage `json:"next"`
		Prev  json.RawMessage `json:"prev"`
	} `json:"pagination"`
}

type tokenAnswer struct {
	Token map[string]any `json:"token"`
}

type createdAnswer struct {
	Token       map[string]any `json:"token"`
	BearerToken string         `json:"bearerToken"`
}

type errorAnswer struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Limit   *struct {
			Remaining int   `json:"remaining"`
			Reset     int64 `json:"reset"`
			ResetMs   int64 `json:"resetMs"`
			Total     int   `json:"total"`
		} `json:"limit"`
	} `json:"error"`
}

func expectStatus(t *testing.T, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("status = %d, want %d; body %s", rec.Code, want, rec.Body.String())
	}
}

func expectError(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) errorAnswer {
	t.Helper()
	expectStatus(t, rec, status)
	e := decodeAs[errorAnswer](t, rec)
	if e.Error.Code != code || e.Error.Message == "" {
		t.Fatalf("error = %+v, want code %q and a message", e.Error, code)
	}
	return e
}

// cursorParam turns a pagination.next into the value of until=.
func cursorParam(t *testing.T, next json.RawMessage) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(next, &s); err == nil {
		return s
	}
	var n json.Number
	if err := json.Unmarshal(next, &n); err != nil {
		t.Fatalf("cursor %s is neither a string nor a number", next)
	}
	return n.String()
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// fixtureWith builds a small valid fixture around hand-written tokens; the
// secret "s3cret" authenticates as the first token.
func fixtureWith(t *testing.T, tokens ...string) *Fixture {
	t.Helper()
	f := &Fixture{
		BearerTokens: map[string]string{},
		Teams:        []Team{{ID: "team_a", Slug: "alpha"}},
	}
	for i, tok := range tokens {
		f.Tokens = append(f.Tokens, json.RawMessage(tok))
		if i == 0 {
			var m struct{ ID string }
			if err := json.Unmarshal([]byte(tok), &m); err != nil {
				t.Fatal(err)
			}
			f.BearerTokens["s3cret"] = m.ID
		}
	}
	if err := f.Validate(); err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return f
}

// httptestRequest is a GET with the harness's secret, to add headers to.
func httptestRequest(h *harness, target string) *http.Request {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Header.Set("Authorization", "Bearer "+h.secret)
	return req
}

func (h *harness) serve(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	return rec
}
