package tokenwrite

import (
	"context"
	"fmt"
	"slices"

	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// API is what a transaction asks of Vercel; *vercel.TokenWriter is the one
// the engines use.
type API interface {
	Create(ctx context.Context, t vercel.NewToken) (*vercel.CreatedToken, error)
	Revoke(ctx context.Context, id string) (alreadyGone bool, err error)
}

// Token names a token in a transaction's work and its errors. IsCurrent
// marks the token the connection authenticates with (the is_current column
// of the row the statement found).
type Token struct {
	ID, Name  string
	IsCurrent bool
}

func (t Token) String() string {
	if t.Name == "" {
		return t.ID
	}
	return fmt.Sprintf("%s (%q)", t.ID, t.Name)
}

// mark is where a savepoint began: how much work came before it, and how
// many statements were running then (a savepoint can begin inside a
// statement: a function its WHERE calls).
type mark struct {
	level                        int
	revokes, created, statements int
}

// Tx is one transaction's writes on one connection. It is not safe for
// concurrent use: a host runs one statement of a connection at a time.
type Tx struct {
	api API
	// revokes are the revocations of the statements done so far, in order,
	// each token once.
	revokes []Token
	// created are the tokens made in this transaction, in order.
	created []Token
	marks   []mark
	// open are the statements begun and not ended, outermost first: their
	// revocations are not in revokes yet.
	open []*Statement
}

// New starts a transaction that talks to api.
func New(api API) *Tx {
	return &Tx{api: api}
}

// Pending are the revocations the commit will make, in the order it will
// make them (the connection's own token last). It ends the statements still
// open: a commit comes after them.
func (t *Tx) Pending() []Token {
	for len(t.open) > 0 {
		t.open[len(t.open)-1].Done()
	}
	return ownTokenLast(t.revokes)
}

// IsEmpty tells a transaction with nothing to commit or undo.
func (t *Tx) IsEmpty() bool {
	return len(t.revokes) == 0 && len(t.created) == 0 &&
		!slices.ContainsFunc(t.open, func(s *Statement) bool { return len(s.revokes) > 0 })
}

// Create creates a token now and remembers it, so that a rollback revokes
// it.
func (t *Tx) Create(ctx context.Context, nt vercel.NewToken) (*vercel.CreatedToken, error) {
	created, err := t.api.Create(ctx, nt)
	if err != nil {
		return nil, fmt.Errorf("creating token %q: %w", nt.Name, err)
	}
	t.created = append(t.created, Token{ID: created.ID, Name: created.Name})
	return created, nil
}

// ownTokenLast returns tokens with the connection's own moved last.
func ownTokenLast(tokens []Token) []Token {
	ordered := make([]Token, 0, len(tokens))
	var own []Token
	for _, tok := range tokens {
		if tok.IsCurrent {
			own = append(own, tok)
			continue
		}
		ordered = append(ordered, tok)
	}
	return append(ordered, own...)
}
