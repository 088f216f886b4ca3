package plan

import (
	"fmt"
	"slices"
	"strings"
)

// WritableTable is the one table that takes INSERT and DELETE.
const WritableTable = "vercel_user_token"

// insertColumns are, by table, the columns an INSERT may set; a table not
// named is read-only. The order is vercel_create_user_token's arguments'.
var insertColumns = map[string][]string{
	WritableTable: {"name", "expires_at", "team_ids", "project_id"},
}

// InsertColumns are the columns an INSERT into table may set, in order;
// none for a read-only table.
func InsertColumns(table string) []string {
	return slices.Clone(insertColumns[table])
}

// RowIdentity are the columns a DELETE's scan fetches to know what each row
// revokes: the id, and the name that errors show beside it. Whether a row
// is the connection's own token comes from is_current where the engine
// knows the scan is a DELETE's (PostgreSQL), else from one lookup per
// connection (SQLite, whose scans cannot tell, and must not make every
// read pay for is_current).
var RowIdentity = []string{"token_id", "name"}

// Writable tells a table that takes INSERT and DELETE.
func (t *Table) Writable() bool {
	_, ok := insertColumns[t.name]
	return ok
}

// ReadOnlyError refuses a modification the table does not take.
type ReadOnlyError struct {
	Table, Reason string
}

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("%s: %s", e.Table, e.Reason)
}

// CheckModify refuses UPDATE and COPY always, and INSERT and DELETE on a
// read-only table. op is "INSERT", "UPDATE", "DELETE", or "COPY": rows
// inserted without a statement of their own to return them (PostgreSQL's
// COPY FROM, or an INSERT routed to the table as a partition).
func (t *Table) CheckModify(op string) error {
	switch {
	case op == "UPDATE" && t.Writable():
		return &ReadOnlyError{t.name, "UPDATE is not possible: Vercel has no way to change a token. To rotate a token, create its replacement and DELETE the old one, in one transaction"}
	case op == "COPY" && t.Writable():
		return &ReadOnlyError{t.name, "COPY and inserts routed through a partitioned table are not possible: the new tokens' secrets would show nowhere, and nothing was created. Create tokens with INSERT INTO the table itself … RETURNING token_id, bearer_token"}
	case !t.Writable():
		return &ReadOnlyError{t.name, fmt.Sprintf("%s is not possible: the table is read-only; only %s takes INSERT and DELETE", op, WritableTable)}
	}
	return nil
}

// CheckInsert refuses an INSERT that sets a column other than the writable
// ones.
func (t *Table) CheckInsert(columns []string) error {
	if err := t.CheckModify("INSERT"); err != nil {
		return err
	}
	writable := insertColumns[t.name]
	for _, c := range columns {
		if !slices.Contains(writable, c) {
			return &ReadOnlyError{t.name, fmt.Sprintf("column %s cannot be set: Vercel sets it. An INSERT may set only %s; nothing was created", c, strings.Join(writable, ", "))}
		}
	}
	return nil
}

// ExplainInsert and ExplainDelete say what a modification asks of the API,
// for EXPLAIN.
const (
	ExplainInsert = "POST /v3/user/tokens for each row, when the row is inserted; the transaction's rollback revokes the tokens it created"
	ExplainDelete = "DELETE /v3/user/tokens/{token_id} for each row the scan finds, when the transaction commits (the connection's own token last)"
)
