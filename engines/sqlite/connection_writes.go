package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/inprocess"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/tokenwrite"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// connectionWrites is a database connection's transaction of token writes:
// SQLite opens it with xBegin on vercel_user_token, makes its revocations in
// xSync (where a failure still fails the COMMIT) and ends it with xCommit or
// xRollback. Everything it decides is tokenwrite's.
type connectionWrites struct {
	engine *inprocess.Engine
	writer *vercel.TokenWriter
	tx     *tokenwrite.Tx
	// stmt is the statement whose DELETE rows arrive, and stmtKey the
	// execution of it that they come from.
	stmt    *tokenwrite.Statement
	stmtKey statementKey
}

// statementKey tells one execution of a statement from any other: two
// statements with the same key have the same SQL and parameters, so match
// the same tokens, and checking them as one changes no outcome.
type statementKey struct {
	stmt uintptr
	run  int
	sql  string
}

// writes holds the transactions by database connection. SQLite's callbacks
// are plain C, so the extension keeps them in a package variable, as it
// keeps its engine.
var writes struct {
	mu   sync.Mutex
	byDB map[uintptr]*connectionWrites
}

// writesOf returns db's transaction state, created on first use.
func writesOf(db uintptr) *connectionWrites {
	writes.mu.Lock()
	defer writes.mu.Unlock()
	if writes.byDB == nil {
		writes.byDB = map[uintptr]*connectionWrites{}
	}
	w, ok := writes.byDB[db]
	if !ok {
		w = &connectionWrites{}
		writes.byDB[db] = w
	}
	return w
}

// forgetWrites drops db's state when a table of it goes away outside a
// transaction (SQLite rolls back before it closes a connection).
func forgetWrites(db uintptr) {
	writes.mu.Lock()
	defer writes.mu.Unlock()
	if w, ok := writes.byDB[db]; ok && w.tx == nil {
		delete(writes.byDB, db)
	}
}

// begin starts the connection's transaction.
func (w *connectionWrites) begin() error {
	engine, err := currentEngine()
	if err != nil {
		return err
	}
	writer, err := engine.TokenWriter()
	if err != nil {
		return err
	}
	w.engine, w.writer, w.tx, w.stmt = engine, writer, tokenwrite.New(writer), nil
	return nil
}

// isCurrent tells the connection's own token when the DELETE's scan did not
// fetch is_current (it does only when the query uses it): one request per
// connection's token.
func (w *connectionWrites) isCurrent(id string) (bool, error) {
	current, err := w.writer.CurrentTokenID(context.Background())
	return id == current, err
}

// statement is the tokenwrite statement of the execution key.
func (w *connectionWrites) statement(key statementKey) (*tokenwrite.Statement, error) {
	if w.tx == nil {
		return nil, fmt.Errorf("vercel_user_token: a DELETE outside a transaction (internal error: SQLite did not call xBegin)")
	}
	if w.stmt == nil || w.stmtKey != key {
		if err := w.sameConfig(); err != nil {
			return nil, err
		}
		w.endStatement()
		w.stmt, w.stmtKey = w.tx.Statement(), key
	}
	return w.stmt, nil
}

// errReconfigured refuses a write after steampipe_configure_vercel changed
// the connection inside the transaction.
var errReconfigured = errors.New("vercel_user_token: steampipe_configure_vercel changed the connection inside this transaction, whose writes are made with the configuration it began with: this statement's tokens would be revoked or created with the old one, so nothing was done. COMMIT or ROLLBACK first, then write")

// sameConfig refuses a statement of a transaction whose connection was
// configured again since it began.
func (w *connectionWrites) sameConfig() error {
	current, err := w.engine.TokenWriter()
	if err != nil {
		return err
	}
	if current != w.writer {
		return errReconfigured
	}
	return nil
}

// endStatement ends the statement whose rows came last: SQLite tells no
// statement's end, so it ends when another begins, at a savepoint or at the
// commit.
func (w *connectionWrites) endStatement() {
	if w.stmt != nil {
		w.stmt.Done()
		w.stmt = nil
	}
}

// sync commits: the revocations are made now, so that a failure fails the
// COMMIT (SQLite ignores xCommit's result).
func (w *connectionWrites) sync() error {
	if w.tx == nil {
		return nil
	}
	touched := !w.tx.IsEmpty()
	w.stmt = nil
	_, err := w.tx.Commit(context.Background())
	if touched {
		w.engine.ForgetCachedRows()
	}
	return err
}

// end closes the transaction; on rollback the tokens it created are
// revoked. SQLite cannot be told that this failed, so the tokens left
// working are named on standard error.
func (w *connectionWrites) end(rollback bool) {
	tx := w.tx
	w.tx, w.stmt = nil, nil
	if tx == nil || !rollback {
		return
	}
	touched := !tx.IsEmpty()
	if err := tx.Rollback(context.Background()); err != nil {
		fmt.Fprintf(os.Stderr, "steampipe_sqlite_vercel: %v\n", err)
	}
	if touched {
		w.engine.ForgetCachedRows()
	}
}

func (w *connectionWrites) savepoint(level int, release bool) {
	w.endStatement()
	switch {
	case w.tx == nil:
	case release:
		w.tx.Release(level)
	default:
		w.tx.Savepoint(level)
	}
}

func (w *connectionWrites) rollbackTo(level int) error {
	w.stmt = nil
	if w.tx == nil {
		return nil
	}
	return w.tx.RollbackTo(context.Background(), level)
}
