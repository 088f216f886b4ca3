package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/tokenwrite"
)

// serverTx is the current transaction's writes through one foreign server.
// Everything it decides is tokenwrite's; this file only follows
// PostgreSQL's transaction events (xact.c) across the backend's servers.
type serverTx struct {
	name   string
	engine *inprocess.Engine
	// config is the connection config, token included, that the
	// transaction writes with.
	config string
	tx     *tokenwrite.Tx
	// creating counts the creates still running on their goroutines: an
	// abort waits for them, so that every token made is revoked.
	creating sync.WaitGroup
}

// transactions holds the current transaction's writes by server OID, in the
// order the servers were first written. Like servers, a package variable:
// PostgreSQL's callbacks have no room for Go state.
var transactions struct {
	mu    sync.Mutex
	order []uint32
	byID  map[uint32]*serverTx
	// levels are the savepoints open now, outermost first, for a server
	// first written inside them.
	levels []int
}

// transactionOf returns the server's writes in the current transaction,
// starting them on first use. They are made with one token: a statement
// under another (SET ROLE to a role with a mapping of its own, a mapping
// changed since) is refused, as its tokens would be revoked with the first.
func transactionOf(s serverSettings) (*serverTx, error) {
	engine, err := s.engine()
	if err != nil {
		return nil, err
	}
	config, err := s.connectionConfig()
	if err != nil {
		return nil, err
	}
	writer, err := engine.TokenWriter()
	if err != nil {
		return nil, err
	}
	transactions.mu.Lock()
	defer transactions.mu.Unlock()
	if transactions.byID == nil {
		transactions.byID = map[uint32]*serverTx{}
	}
	stx, ok := transactions.byID[s.id]
	if ok && stx.config != config {
		return nil, &raised{failure{statePrerequisite,
			fmt.Sprintf("server %s: this transaction already writes tokens with another api_token (another role's user mapping, or a mapping or config changed since its first write): nothing was done", s.name),
			"COMMIT or ROLLBACK the transaction first; one transaction writes through a server as one user."}}
	}
	if !ok {
		stx = &serverTx{name: s.name, engine: engine, config: config, tx: tokenwrite.New(writer)}
		for _, level := range transactions.levels {
			stx.tx.Savepoint(level)
		}
		transactions.byID[s.id] = stx
		transactions.order = append(transactions.order, s.id)
	}
	return stx, nil
}

// each calls f for every server written in the transaction, in order.
func eachServerTx(f func(id uint32, stx *serverTx)) {
	transactions.mu.Lock()
	order := slices.Clone(transactions.order)
	byID := transactions.byID
	transactions.mu.Unlock()
	for _, id := range order {
		f(id, byID[id])
	}
}

func forgetServerTx(id uint32) {
	transactions.mu.Lock()
	defer transactions.mu.Unlock()
	delete(transactions.byID, id)
	transactions.order = slices.DeleteFunc(transactions.order, func(o uint32) bool { return o == id })
}

// commitTransaction makes every server's revocations (PRE_COMMIT, where an
// error still aborts the commit). It runs to the end or to the first
// failure, which the abort then rolls back the rest after. The failure's
// error accounts for the other servers too: what they revoked before it
// (which stands) and what they were to revoke after it.
func commitTransaction() error {
	var failed error
	var revokedBefore, notRevokedAfter []string
	eachServerTx(func(id uint32, stx *serverTx) {
		if failed != nil {
			if pending := stx.tx.Pending(); len(pending) > 0 {
				notRevokedAfter = append(notRevokedAfter, fmt.Sprintf("server %s: %s", stx.name, tokenwrite.ListTokens(pending)))
			}
			return
		}
		touched := !stx.tx.IsEmpty()
		revoked, err := stx.tx.Commit(context.Background())
		forgetServerTx(id)
		if touched {
			stx.engine.ForgetCachedRows()
		}
		switch {
		case err != nil:
			failed = fmt.Errorf("server %s: %w", stx.name, err)
		case len(revoked) > 0:
			revokedBefore = append(revokedBefore, fmt.Sprintf("server %s: %s", stx.name, tokenwrite.ListRevoked(revoked)))
		}
	})
	if failed == nil {
		transactions.mu.Lock()
		transactions.levels = nil
		transactions.mu.Unlock()
		return nil
	}
	if len(revokedBefore) > 0 {
		failed = fmt.Errorf("%w Revoked through other servers before the failure, and still revoked: %s.", failed, strings.Join(revokedBefore, "; "))
	}
	if len(notRevokedAfter) > 0 {
		failed = fmt.Errorf("%w Not revoked through the servers after it, still working: %s.", failed, strings.Join(notRevokedAfter, "; "))
	}
	return failed
}

// abortTransaction revokes the tokens the transaction created, once the
// creates still running have ended. The error names those that could not
// be revoked: the abort can only warn.
func abortTransaction() error {
	var errs []error
	eachServerTx(func(id uint32, stx *serverTx) {
		stx.creating.Wait()
		touched := !stx.tx.IsEmpty()
		if err := stx.tx.Rollback(context.Background()); err != nil {
			errs = append(errs, fmt.Errorf("server %s: %w", stx.name, err))
		}
		forgetServerTx(id)
		if touched {
			stx.engine.ForgetCachedRows()
		}
	})
	transactions.mu.Lock()
	transactions.levels = nil
	transactions.mu.Unlock()
	return errors.Join(errs...)
}

// preparable refuses PREPARE TRANSACTION of a transaction with writes: its
// revocations could not wait for COMMIT PREPARED, in another session.
func preparable() error {
	var err error
	eachServerTx(func(_ uint32, stx *serverTx) {
		if !stx.tx.IsEmpty() {
			err = errors.New("a transaction that creates or revokes Vercel tokens cannot be prepared: COMMIT it, or ROLLBACK")
		}
	})
	return err
}

// subtransaction follows a savepoint at nest level: started, released
// (committed into its parent) or rolled back, when the tokens created
// inside it are revoked.
func subtransaction(level int, event subEvent) error {
	transactions.mu.Lock()
	switch event {
	case subStart:
		transactions.levels = append(transactions.levels, level)
	default:
		transactions.levels = slices.DeleteFunc(transactions.levels, func(l int) bool { return l >= level })
	}
	transactions.mu.Unlock()
	var errs []error
	eachServerTx(func(_ uint32, stx *serverTx) {
		switch event {
		case subStart:
			stx.tx.Savepoint(level)
		case subCommit:
			stx.tx.Release(level)
		case subAbort:
			stx.creating.Wait()
			if err := stx.tx.RollbackTo(context.Background(), level); err != nil {
				errs = append(errs, fmt.Errorf("server %s: %w", stx.name, err))
			}
			stx.tx.Release(level)
		}
	})
	return errors.Join(errs...)
}

type subEvent int

const (
	subStart subEvent = iota
	subCommit
	subAbort
)
