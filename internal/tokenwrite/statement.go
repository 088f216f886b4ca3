package tokenwrite

import (
	"fmt"
	"slices"
)

// Statement is one DELETE's revocations. They join the transaction's when
// the statement ends with Done (or the commit ends it); a statement that
// fails is dropped with Fail, or by rolling back to a savepoint begun before
// it. A savepoint begun and ended while it runs leaves it alone.
type Statement struct {
	tx      *Tx
	revokes []Token
	// ownToken is set once the connection's own token is among revokes.
	ownToken bool
	failed   bool
	ended    bool
}

// ErrOwnTokenWithOthers is the rule a statement breaks by revoking the
// connection's own token together with other tokens.
type ErrOwnTokenWithOthers struct {
	Own Token
}

func (e *ErrOwnTokenWithOthers) Error() string {
	return fmt.Sprintf("this statement would revoke the connection's own token %s together with other tokens, after which the connection could not revoke the rest: nothing was revoked. Exclude it (where not is_current), or revoke it alone, by token_id, in its own statement: it is then revoked last, when the transaction commits", e.Own)
}

// Statement starts a statement. One that starts while another runs (a
// function in the other's WHERE) is a statement of its own.
func (t *Tx) Statement() *Statement {
	s := &Statement{tx: t}
	t.open = append(t.open, s)
	return s
}

// Revoke queues tok's revocation for the commit. It fails, and fails the
// whole statement, when the statement would revoke the connection's own
// token with other tokens.
func (s *Statement) Revoke(tok Token) error {
	if s.failed {
		return fmt.Errorf("revoking token %s: the statement already failed", tok)
	}
	if s.ended {
		return fmt.Errorf("revoking token %s: the statement already ended (internal error): nothing was queued", tok)
	}
	if s.Queued(tok.ID) {
		return nil
	}
	if (tok.IsCurrent && len(s.revokes) > 0) || (s.ownToken && !tok.IsCurrent) {
		own := tok
		if !tok.IsCurrent {
			own = s.revokes[slices.IndexFunc(s.revokes, func(t Token) bool { return t.IsCurrent })]
		}
		s.Fail()
		return &ErrOwnTokenWithOthers{Own: own}
	}
	s.ownToken = s.ownToken || tok.IsCurrent
	s.revokes = append(s.revokes, tok)
	return nil
}

// Queued tells whether the statement revokes the token id already.
func (s *Statement) Queued(id string) bool {
	return slices.ContainsFunc(s.revokes, func(t Token) bool { return t.ID == id })
}

// Fail drops the statement's revocations: it did not complete.
func (s *Statement) Fail() {
	s.failed = true
	s.revokes = nil
	s.close()
}

// Done ends the statement: its revocations join the transaction's, each
// token once. Ending a statement that failed or ended already does nothing.
func (s *Statement) Done() {
	if s.failed || s.ended {
		return
	}
	s.ended = true
	for _, tok := range s.revokes {
		if !slices.ContainsFunc(s.tx.revokes, func(r Token) bool { return r.ID == tok.ID }) {
			s.tx.revokes = append(s.tx.revokes, tok)
		}
	}
	s.close()
}

// close takes the statement off the transaction's running ones.
func (s *Statement) close() {
	s.tx.open = slices.DeleteFunc(s.tx.open, func(o *Statement) bool { return o == s })
}
