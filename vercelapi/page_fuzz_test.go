package vercelapi

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/stretchr/testify/require"
)

// pageSeeds are list answers from the unit tests and the emulator's faults,
// with the token where a hostile server would put it.
var pageSeeds = []string{
	`{"tokens":[{"id":"tok_a","name":"n","type":"authentication-token","activeAt":1,"createdAt":1}],"pagination":{"count":1,"next":1700000000000,"prev":null}}`,
	`{"tokens":[],"pagination":{"count":0,"next":null,"prev":null}}`,
	`{"tokens":[{"id":"tok_a"},{"id":"tok_a"}],"pagination":{"next":"cursor-2"},"extra":{"deep":[1,2,{"x":null}]}}`,
	`{"tokens":[{"id":"tok_a","createdAt":1e400}],"pagination":{"next":null}}`,
	`{"tokens":[{"name":"no id"}],"pagination":{"next":null}}`,
	`{"tokens":null,"pagination":{"next":null}}`,
	`{"tokens":[],"pagination":null}`,
	`{"tokens":{},"pagination":{"next":null}}`,
	`{"tokens":[],"pagination":{"next":{"a":1}}}`,
	`{"tokens":[],"pagination":{"next":true}}`,
	`{"tokens":[],"pagination":{"next":null}} trailing`,
	`{"tokens":[],"pagination":{"next":null}`,
	`[]`,
	`<html>not json</html>`,
	``,
	`{"tokens":[{"id":"` + testToken + `"}],"pagination":{"next":null}}`,
	`{"tokens":[],"pagination":{"next":"` + testToken + `"}}`,
	`{"tokens":[],"pagination":{"next":` + testToken + `}}`,
	`{"tokens":[{"id":"tok_a","createdAt":"` + testToken + `"}],"pagination":{"next":null}}`,
	`{"` + testToken + `":1}`,
}

// FuzzDecodeAnswer: the one-pass page reader never panics; a page it accepts
// holds the items and cursor encoding/json reads, and it rejects what
// encoding/json does not read as a page (not an object, trailing text, no
// list, no pagination); it accepts every page encoding/json reads, unless a
// top-level key comes twice. Through the client, no error or log line shows
// the token, wherever the answer puts it.
func FuzzDecodeAnswer(f *testing.F) {
	for _, seed := range pageSeeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		page := rawPage{key: "tokens"}
		err := page.decodeAnswer(body)
		items, next, readable := referencePage(body)
		switch {
		case err == nil && !readable:
			t.Fatalf("accepted a page encoding/json does not read: %q", body)
		case err == nil && (!slices.EqualFunc(page.items, items, func(a, b json.RawMessage) bool { return bytes.Equal(a, b) }) || page.pagination.Next != next):
			t.Fatalf("read %q as items %q, next %+v; encoding/json reads %q, %+v", body, page.items, page.pagination.Next, items, next)
		case err != nil && readable && !duplicateTopLevelKey(body):
			t.Fatalf("refused a page encoding/json reads (%v): %q", err, body)
		}

		client, logs := inMemoryClient(t, &answers{pages: [][]byte{body}})
		err = client.ListTokens(t.Context(), ListTokensOptions{}, func([]AuthToken) bool { return true })
		if err != nil {
			assertTokenAbsent(t, testToken, err, logs, "a list answer")
		}
	})
}

// referencePage reads a page with encoding/json alone.
func referencePage(body []byte) (items []json.RawMessage, next Cursor, ok bool) {
	var top map[string]json.RawMessage
	var pagination *struct {
		Next Cursor `json:"next"`
	}
	if json.Unmarshal(body, &top) != nil ||
		json.Unmarshal(top["tokens"], &items) != nil || items == nil ||
		json.Unmarshal(top["pagination"], &pagination) != nil || pagination == nil {
		return nil, Cursor{}, false
	}
	return items, pagination.Next, true
}

// duplicateTopLevelKey reports whether a JSON object names a key twice:
// encoding/json keeps the last value, while the page reader already failed
// on a bad first one.
func duplicateTopLevelKey(body []byte) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	keys := 0
	for depth := 0; ; {
		tok, err := dec.Token()
		if err != nil {
			return keys > len(top)
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		default:
			if _, isKey := tok.(string); isKey && depth == 1 && dec.More() {
				keys++
				var value json.RawMessage
				if dec.Decode(&value) != nil {
					return keys > len(top)
				}
			}
		}
	}
}

// answers serves list answers in memory: the n-th request gets pages[n],
// the last one again after that. It records each request's query.
type answers struct {
	pages   [][]byte
	mu      sync.Mutex
	queries []url.Values
}

func (a *answers) RoundTrip(r *http.Request) (*http.Response, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	body := a.pages[min(len(a.queries), len(a.pages)-1)]
	a.queries = append(a.queries, r.URL.Query())
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
}

func (a *answers) asked() []url.Values {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.queries)
}

// inMemoryClient is a client with testToken, answered by transport, that
// logs at TRACE into the returned buffer.
func inMemoryClient(t *testing.T, transport http.RoundTripper) (*Client, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	c, err := NewClient(Config{Token: testToken, BaseURL: "https://api.vercel.com", Retry: fastRetry(),
		HTTPClient: &http.Client{Transport: transport},
		Logger:     hclog.New(&hclog.LoggerOptions{Level: hclog.Trace, Output: logs})})
	require.NoError(t, err)
	return c, logs
}
