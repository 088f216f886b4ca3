package testapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// BareRevoker revokes each token with the fewest moves a program can make:
// one plain DELETE /v3/user/tokens/{id} after the other, nothing else.
// Benchmarks compare an engine's revocations with it.
func (a *API) BareRevoker(ctx context.Context, ids []string) error {
	for _, id := range ids {
		req, err := http.NewRequestWithContext(ctx, http.MethodDelete, a.URL+"/v3/user/tokens/"+id, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+a.Secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return fmt.Errorf("bare revoker: %w", err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("bare revoker: status %d for token %s", resp.StatusCode, id)
		}
	}
	return nil
}
