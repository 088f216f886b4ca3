package main

import (
	"sync"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/tokenwrite"
)

// identities give each token a writable table's scans return a rowid of its
// own, so that xUpdate, which SQLite gives only the rowid of the row to
// DELETE, knows which token that is. A token keeps its rowid for the life of
// the extension; the registry holds one entry per token ever scanned.
type identities struct {
	mu     sync.Mutex
	rowids map[string]int64
	tokens []identity // by rowid-1
}

// identity is a token as the latest scan of it saw it.
type identity struct {
	token tokenwrite.Token
	// currentKnown: that scan fetched is_current, so token.IsCurrent
	// holds it.
	currentKnown bool
}

func newIdentities() *identities {
	return &identities{rowids: map[string]int64{}}
}

// rowid is the rowid of the token seen; each scan replaces what an earlier
// one saw.
func (r *identities) rowid(seen identity) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id, ok := r.rowids[seen.token.ID]; ok {
		r.tokens[id-1] = seen
		return id
	}
	r.tokens = append(r.tokens, seen)
	id := int64(len(r.tokens))
	r.rowids[seen.token.ID] = id
	return id
}

// token is the token of rowid.
func (r *identities) token(rowid int64) (identity, bool) {
	if r == nil {
		return identity{}, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if rowid < 1 || rowid > int64(len(r.tokens)) {
		return identity{}, false
	}
	return r.tokens[rowid-1], true
}
