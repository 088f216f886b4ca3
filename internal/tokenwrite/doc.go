// Package tokenwrite is the one implementation of writes to
// vercel_user_token that SQLite and PostgreSQL share: a transaction's pending
// work and its rules. Both engines only marshal their host's callbacks into
// a Tx.
//
//   - A token is created at once (its secret is shown in the statement's own
//     rows) and remembered: when the transaction, or the savepoint it was
//     created after, rolls back, the token is revoked.
//   - A revocation waits for the commit, so a DELETE inside a transaction
//     that rolls back revokes nothing. At commit the revocations run in the
//     order they were asked for, the connection's own token last.
//   - A statement that would revoke the connection's own token together with
//     other tokens fails before it queues anything; one that revokes it
//     alone is fine.
//   - When a revocation fails at commit, the commit fails with a
//     *CommitError naming every token: revoked (or already gone), not
//     revoked, and what became of the tokens the transaction created.
package tokenwrite
