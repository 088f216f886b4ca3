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
	tokens []tokenwrite.Token // by rowid-1
}

func newIdentities() *identities {
	return &identities{rowids: map[string]int64{}}
}

// rowid is tok's rowid; a later scan updates its name.
func (r *identities) rowid(tok tokenwrite.Token) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id, ok := r.rowids[tok.ID]; ok {
		r.tokens[id-1] = tok
		return id
	}
	r.tokens = append(r.tokens, tok)
	id := int64(len(r.tokens))
	r.rowids[tok.ID] = id
	return id
}

// token is the token of rowid.
func (r *identities) token(rowid int64) (tokenwrite.Token, bool) {
	if r == nil {
		return tokenwrite.Token{}, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if rowid < 1 || rowid > int64(len(r.tokens)) {
		return tokenwrite.Token{}, false
	}
	return r.tokens[rowid-1], true
}
