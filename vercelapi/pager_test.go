package vercelapi

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Decoding a page must not hold up the next request: it did once, and a
// 50-page scan took a fifth longer than the network alone.
func TestPagerRequestsTheNextPageWhileAPageIsDecoded(t *testing.T) {
	srv := newPagingServer(t, 300, false)
	list := pagedList[string]{path: listTokensPath, key: "tokens", noun: "token", decode: func(raw json.RawMessage) (string, string, error) {
		var item struct{ ID string }
		err := json.Unmarshal(raw, &item)
		if item.ID == "tok-0000" {
			<-srv.seen // request 1
			select {
			case n := <-srv.seen:
				assert.Equal(t, 2, n)
			case <-time.After(5 * time.Second):
				t.Error("page 2 was not requested while page 1 was being decoded")
			}
		}
		return item.ID, item.ID, err
	}}
	items := 0
	err := pageAll(t.Context(), newTestClient(t, srv.URL, ""), list, pageOptions{}, func(page []string) bool {
		items += len(page)
		return true
	})
	require.NoError(t, err)
	assert.Equal(t, 300, items)
	assert.Len(t, srv.recorded(), 3)
}
