package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/display"
)

// writeRevokeSQL writes the revoke plan: a DELETE for each token to revoke
// now, each under a comment naming it and saying why, one transaction per
// connection. It revokes nothing itself: a person reads it, then runs it
// with the connection's token in SQLite (make query SQL_FILE=…) or psql.
func writeRevokeSQL(w io.Writer, r *report) error {
	byConnection := map[string][]tokenAction{}
	var connections []string
	for _, a := range r.Actions {
		if a.Action != actionRevoke {
			continue
		}
		if byConnection[a.Connection] == nil {
			connections = append(connections, a.Connection)
		}
		byConnection[a.Connection] = append(byConnection[a.Connection], a)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `-- Revoke plan of the Vercel token audit at %s: %d tokens to revoke now.
-- Nothing has been revoked. Read every statement, then run this file with the
-- connection's token: make query SQL_FILE=this-file (SQLite, VERCEL_API_TOKEN
-- set), or psql -f this-file where vercel_user_token is the connection's foreign
-- table. Dialect: the standard SQL both SQLite and PostgreSQL accept; each
-- connection's statements are one transaction, revoked at its commit.
-- The token a connection authenticates with cannot be revoked with others:
-- revoke it last, alone.
`, r.EvaluatedAt, len(r.Actions)-countNot(r.Actions, actionRevoke))
	for _, conn := range connections {
		fmt.Fprintf(&b, "\n-- connection %s (%d tokens)\nbegin;\n", sqlComment(conn, maxShownName), len(byConnection[conn]))
		for _, a := range byConnection[conn] {
			owner := ""
			if a.Owner != "" {
				owner = " of " + sqlComment(a.Owner, maxShownName)
			}
			fmt.Fprintf(&b, "-- %s%s: %s\n", sqlComment(actionTokenLabel(a), maxShownName*3), owner, sqlComment(a.Reason, maxShownSentence))
			literal, ok := sqlLiteral(a.TokenID)
			if !ok {
				fmt.Fprintf(&b, "-- LEFT OUT: its id %s holds a control character; revoke it in the dashboard\n", sqlComment(a.TokenID, maxShownName))
				continue
			}
			fmt.Fprintf(&b, "delete from vercel_user_token where token_id = %s;\n", literal)
		}
		b.WriteString("commit;\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the revoke plan: %w", err)
	}
	return nil
}

// countNot counts the rows whose action is not act.
func countNot(list []tokenAction, act action) int {
	n := 0
	for _, a := range list {
		if a.Action != act {
			n++
		}
	}
	return n
}

// sqlCommentEscaper keeps a comment one comment: control characters (line
// breaks among them) are already shown as escapes; block comment marks are
// broken too, for a reader who pastes the line into one.
var sqlCommentEscaper = strings.NewReplacer("*/", `*\/`, "/*", `/\*`)

// sqlComment is text from the API made safe inside a -- comment, clipped.
func sqlComment(s string, max int) string {
	return sqlCommentEscaper.Replace(display.Terminal(clip(s, max)))
}

// sqlLiteral quotes s as a standard SQL string literal (quotes doubled),
// which both SQLite and PostgreSQL read as written; not when s holds a
// control character, which neither would show to the person reading it.
func sqlLiteral(s string) (string, bool) {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == unicode.ReplacementChar }) >= 0 {
		return "", false
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", true
}
