package main

import (
	"context"
	"fmt"
	"syscall"
	"time"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/tokenwrite"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// checkModify refuses, while planning, a modification the table does not
// take: UPDATE, a read-only table, an INSERT of a column Vercel sets.
func checkModify(s serverSettings, table, op string, columns []string) error {
	schema, err := s.table(table)
	if err != nil {
		return err
	}
	t := plan.NewTable(table, schema)
	if op == "INSERT" {
		return t.CheckInsert(columns)
	}
	return t.CheckModify(op)
}

// explainModify says what a modification asks of the API.
func explainModify(op string) string {
	if op == "INSERT" {
		return plan.ExplainInsert
	}
	return plan.ExplainDelete
}

// modify is one INSERT or DELETE statement on a foreign table.
type modify struct {
	stx    *serverTx
	stmt   *tokenwrite.Statement // DELETE
	target scanTarget
	// columns are the INSERT's columns, in the order values come.
	columns []string
	// An INSERT's create runs on a goroutine (the backend never waits
	// inside Go); it writes the pipe when done.
	readFD, writeFD int
	created         chan createResult
	open            bool
}

type createResult struct {
	token *vercel.CreatedToken
	err   error
}

func beginModify(s serverSettings, op string, columns []string, target scanTarget) (*modify, error) {
	stx, err := transactionOf(s)
	if err != nil {
		return nil, err
	}
	m := &modify{stx: stx, target: target, columns: columns}
	if op == "DELETE" {
		m.stmt = stx.tx.Statement()
		return m, nil
	}
	var fds [2]int
	if err := syscall.Pipe2(fds[:], syscall.O_NONBLOCK|syscall.O_CLOEXEC); err != nil {
		return nil, fmt.Errorf("create the statement's pipe: %w", err)
	}
	m.readFD, m.writeFD, m.open = fds[0], fds[1], true
	m.created = make(chan createResult, 1)
	return m, nil
}

// startCreate starts creating the token of one INSERT row; values are the
// row's values of columns, nil for NULL.
func (m *modify) startCreate(values []*string) error {
	in := tokenwrite.Input{}
	for i, c := range m.columns {
		switch c {
		case "name":
			in.Name = values[i]
		case "expires_at":
			in.ExpiresAt = values[i]
		case "team_ids":
			in.Teams = values[i]
		case "project_id":
			in.ProjectID = values[i]
		}
	}
	nt, err := in.NewToken(time.Now())
	if err != nil {
		return err
	}
	m.stx.creating.Add(1)
	go func() {
		defer m.stx.creating.Done()
		var r createResult
		func() {
			defer func() {
				if p := recover(); p != nil {
					r.err = fmt.Errorf("%w: %v", errInternal, p)
				}
			}()
			r.token, r.err = m.stx.tx.Create(context.Background(), nt)
		}()
		m.created <- r
		_, _ = syscall.Write(m.writeFD, []byte{1})
	}()
	return nil
}

// createdRow takes the created token's row without waiting: ok is false
// while the create runs.
func (m *modify) createdRow() (values []*string, ok bool, err error) {
	select {
	case r := <-m.created:
		if r.err != nil {
			return nil, true, r.err
		}
		return m.target.createdValues(r.token), true, nil
	default:
		return nil, false, nil
	}
}

// createdValues are a created token's attributes, bearer_token included.
func (t scanTarget) createdValues(c *vercel.CreatedToken) []*string {
	return t.row(c.Value)
}

// revoke queues a DELETE row's token; counted is false for a token the
// statement met before (a join can give a row twice), which PostgreSQL
// must count, and return, once.
func (m *modify) revoke(tok tokenwrite.Token) (counted bool, err error) {
	if m.stmt.Queued(tok.ID) {
		return false, nil
	}
	return true, m.stmt.Revoke(tok)
}

// end closes the statement: its revocations join the transaction's. It is
// also called, once the query's memory goes, for a statement that failed,
// whose transaction (or savepoint) is rolled back anyway.
func (m *modify) end() {
	if m.stmt != nil {
		m.stmt.Done()
	}
	if m.open {
		m.open = false
		readFD, writeFD := m.readFD, m.writeFD
		go func() {
			// A create still running writes the pipe when it ends.
			m.stx.creating.Wait()
			_ = syscall.Close(writeFD)
			_ = syscall.Close(readFD)
		}()
	}
}
