package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/tokenwrite"
)

// SQLSTATEs of refused or failed writes.
const (
	stateFeatureNotSupported = "0A000"
	statePrerequisite        = "55000"
	stateTransactionRollback = "40000"
)

// writeFailureOf maps the errors of INSERT, DELETE and COMMIT; ok is false
// for any other error.
func writeFailureOf(err error) (f failure, ok bool) {
	var (
		readOnly *plan.ReadOnlyError
		input    *tokenwrite.InputError
		own      *tokenwrite.ErrOwnTokenWithOthers
		commit   *tokenwrite.CommitError
	)
	msg := err.Error()
	switch {
	case errors.As(err, &readOnly):
		return failure{stateFeatureNotSupported, msg, writesHint()}, true
	case errors.As(err, &input):
		return failure{stateInvalidParameterValue, msg, "Nothing was sent to Vercel. expires_at is a future timestamptz, or NULL for a token that never expires; team_ids is a JSON array of at most one team id."}, true
	case errors.As(err, &own):
		return failure{statePrerequisite, msg, "The transaction is aborted: ROLLBACK, then DELETE … WHERE NOT is_current, and the own token alone by token_id if it must go too."}, true
	case errors.As(err, &commit):
		return failure{stateTransactionRollback, msg, "The tokens listed as revoked no longer work; run the DELETE again for those not revoked once the API answers."}, true
	}
	return failure{}, false
}

// writesHint says what the writable table's INSERT and DELETE do, naming
// the columns the planner lets an INSERT set.
func writesHint() string {
	columns := plan.InsertColumns(plan.WritableTable)
	settable := strings.Join(columns, ", ")
	if n := len(columns); n > 1 {
		settable = strings.Join(columns[:n-1], ", ") + " and " + columns[n-1]
	}
	return fmt.Sprintf("INSERT may set %s; DELETE revokes the tokens its WHERE matches when the transaction commits.", settable)
}
