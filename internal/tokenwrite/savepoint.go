package tokenwrite

import "context"

// Savepoint marks the work done so far as savepoint level (SQLite's
// iSavepoint, PostgreSQL's transaction nest level). Marks at that level or
// deeper are replaced.
func (t *Tx) Savepoint(level int) {
	t.dropMarks(level)
	t.marks = append(t.marks, mark{level: level, revokes: len(t.revokes), created: len(t.created), statements: len(t.open)})
}

// Release forgets savepoint level and the ones inside it: their work
// becomes the enclosing savepoint's.
func (t *Tx) Release(level int) {
	t.dropMarks(level)
}

// RollbackTo undoes the work since savepoint level, which stays: the
// statements begun since fail, its revocations are dropped and the tokens
// created since are revoked now. The error names the created tokens that
// could not be revoked.
func (t *Tx) RollbackTo(ctx context.Context, level int) error {
	t.dropMarks(level + 1)
	i := len(t.marks) - 1
	if i < 0 || t.marks[i].level != level {
		// A savepoint this transaction never saw started before any
		// of its work.
		return t.Rollback(ctx)
	}
	m := t.marks[i]
	for len(t.open) > m.statements {
		t.open[len(t.open)-1].Fail()
	}
	t.revokes = t.revokes[:m.revokes]
	undo := t.created[m.created:]
	t.created = t.created[:m.created]
	return t.revokeCreated(ctx, undo)
}

func (t *Tx) dropMarks(level int) {
	for len(t.marks) > 0 && t.marks[len(t.marks)-1].level >= level {
		t.marks = t.marks[:len(t.marks)-1]
	}
}
