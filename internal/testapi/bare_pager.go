package testapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// BarePager lists every token of the API with the fewest moves a program
// can make: plain GETs of 100 tokens, following the cursor, nothing else.
// Benchmarks compare an engine's wall time with it. It returns the tokens
// read.
func (a *API) BarePager(ctx context.Context) (int, error) {
	var until string
	total := 0
	for {
		q := url.Values{"limit": {"100"}}
		if until != "" {
			q.Set("until", until)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.URL+"/v6/user/tokens?"+q.Encode(), nil)
		if err != nil {
			return total, err
		}
		req.Header.Set("Authorization", "Bearer "+a.Secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return total, fmt.Errorf("bare pager: %w", err)
		}
		var page struct {
			Tokens     []json.RawMessage `json:"tokens"`
			Pagination struct {
				Next json.Number `json:"next"`
			} `json:"pagination"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil {
			return total, fmt.Errorf("bare pager: page after %d tokens: %w", total, err)
		}
		if resp.StatusCode != http.StatusOK {
			return total, fmt.Errorf("bare pager: status %d after %d tokens", resp.StatusCode, total)
		}
		total += len(page.Tokens)
		if page.Pagination.Next == "" {
			return total, nil
		}
		until = page.Pagination.Next.String()
	}
}
