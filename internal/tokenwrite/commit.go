package tokenwrite

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Revoked is a token a commit revoked; AlreadyGone when Vercel no longer
// knew it (revoked before, or expired and removed): it does not work either
// way.
type Revoked struct {
	Token
	AlreadyGone bool
}

// CommitError is a commit that failed halfway: it accounts for every token
// the transaction touched.
type CommitError struct {
	// Failed is the token whose revocation failed, and Err why.
	Failed Token
	Err    error
	// Revoked were revoked before the failure; NotRevoked were not (Failed
	// first: it may or may not have been).
	Revoked    []Revoked
	NotRevoked []Token
	// Created are the tokens the transaction created, revoked again as
	// the transaction rolls back; Unrevoked are those of them that could
	// not be (they still work).
	Created, Unrevoked []Token
	UnrevokedErr       error
}

func (e *CommitError) Unwrap() error { return e.Err }

func (e *CommitError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the commit failed, and the transaction rolled back, while revoking token %s: %v. ", e.Failed, e.Err)
	fmt.Fprintf(&b, "Revoked before the failure (%d): %s. ", len(e.Revoked), ListRevoked(e.Revoked))
	fmt.Fprintf(&b, "Not revoked, still working (%d): %s", len(e.NotRevoked), ListTokens(e.NotRevoked))
	if len(e.NotRevoked) > 0 && e.NotRevoked[0] == e.Failed {
		b.WriteString(" (the first may have been revoked all the same if Vercel received the request: check it)")
	}
	b.WriteString(".")
	if len(e.Created) > 0 {
		fmt.Fprintf(&b, " Tokens this transaction created, revoked again by the rollback (%d): %s.", len(e.Created)-len(e.Unrevoked), ListTokens(without(e.Created, e.Unrevoked)))
	}
	if len(e.Unrevoked) > 0 {
		fmt.Fprintf(&b, " Created but NOT revoked, still working (%d): %s: %v.", len(e.Unrevoked), ListTokens(e.Unrevoked), e.UnrevokedErr)
	}
	b.WriteString(" Run the DELETE again for the tokens not revoked once the API answers.")
	return b.String()
}

// ListTokens names tokens for an error: "none", or each, comma-separated.
func ListTokens(tokens []Token) string {
	if len(tokens) == 0 {
		return "none"
	}
	parts := make([]string, len(tokens))
	for i, t := range tokens {
		parts[i] = t.String()
	}
	return strings.Join(parts, ", ")
}

// ListRevoked names revoked tokens for an error, as ListTokens does, each
// one Vercel no longer knew marked as such.
func ListRevoked(revoked []Revoked) string {
	if len(revoked) == 0 {
		return "none"
	}
	parts := make([]string, len(revoked))
	for i, r := range revoked {
		parts[i] = r.Token.String()
		if r.AlreadyGone {
			parts[i] += " [already gone: Vercel no longer knew it]"
		}
	}
	return strings.Join(parts, ", ")
}

// without returns tokens minus those whose id is in drop.
func without(tokens, drop []Token) []Token {
	var out []Token
	for _, t := range tokens {
		if !slices.ContainsFunc(drop, func(d Token) bool { return d.ID == t.ID }) {
			out = append(out, t)
		}
	}
	return out
}

// Commit makes the transaction's revocations, the connection's own token
// last, and ends the transaction. When one fails it stops, revokes the
// tokens the transaction created (the transaction rolls back) and returns
// a *CommitError. The Tx is empty afterwards either way.
func (t *Tx) Commit(ctx context.Context) ([]Revoked, error) {
	pending := t.Pending()
	created := t.created
	t.reset()
	var done []Revoked
	for i, tok := range pending {
		gone, err := t.api.Revoke(ctx, tok.ID)
		if err != nil {
			cerr := &CommitError{Failed: tok, Err: err, Revoked: done}
			// The rollback revokes the tokens the transaction created,
			// but for those the commit revoked already; a created token
			// it revokes is no longer among those not revoked.
			cerr.Created = without(created, revokedTokens(done))
			cerr.Unrevoked, cerr.UnrevokedErr = t.revokeEach(ctx, cerr.Created)
			cerr.NotRevoked = without(pending[i:], without(cerr.Created, cerr.Unrevoked))
			return done, cerr
		}
		done = append(done, Revoked{Token: tok, AlreadyGone: gone})
	}
	return done, nil
}

func revokedTokens(revoked []Revoked) []Token {
	tokens := make([]Token, len(revoked))
	for i, r := range revoked {
		tokens[i] = r.Token
	}
	return tokens
}

// Rollback ends the transaction, revoking the tokens it created. The error
// names those that could not be revoked: they still work.
func (t *Tx) Rollback(ctx context.Context) error {
	created := t.created
	t.reset()
	return t.revokeCreated(ctx, created)
}

func (t *Tx) revokeCreated(ctx context.Context, tokens []Token) error {
	unrevoked, err := t.revokeEach(ctx, tokens)
	if len(unrevoked) == 0 {
		return nil
	}
	return fmt.Errorf("rolling back, %d of the %d tokens created in the rolled back work could not be revoked and still work: %s: %w; revoke them with DELETE once the API answers", len(unrevoked), len(tokens), ListTokens(unrevoked), err)
}

// revokeEach revokes every token, going on after a failure, and returns
// those it could not revoke with the errors.
func (t *Tx) revokeEach(ctx context.Context, tokens []Token) (unrevoked []Token, err error) {
	var errs []error
	for _, tok := range tokens {
		if _, rerr := t.api.Revoke(ctx, tok.ID); rerr != nil {
			unrevoked = append(unrevoked, tok)
			errs = append(errs, fmt.Errorf("%s: %w", tok, rerr))
		}
	}
	return unrevoked, errors.Join(errs...)
}

func (t *Tx) reset() {
	for len(t.open) > 0 {
		t.open[len(t.open)-1].Fail()
	}
	t.revokes, t.created, t.marks = nil, nil, nil
}
