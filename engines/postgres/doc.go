// Command postgres is the Vercel plugin as a PostgreSQL foreign data wrapper,
// steampipe_postgres_vercel, the "Steampipe Anywhere" way: the plugin runs
// inside each PostgreSQL backend that queries one of its foreign tables.
//
// This package is the Go half, built as a c-archive (make postgres); the C
// half in fdw/ only marshals between PostgreSQL's FDW API and the //export
// functions of exports.go, and is linked with the archive by PGXS.
//
// The Go half decides everything: one engine per foreign server (servers.go),
// which token a server gets (token.go), foreign table definitions (schema.go),
// which requests a scan makes (plan.go), rows streamed from goroutines
// (scan.go) as PostgreSQL input text (values.go), and errors with a SQLSTATE
// and a hint (failure.go).
//
// The backend never blocks inside Go: a scan's rows come from a goroutine,
// and C waits on the scan's pipe with WaitLatchOrSocket, so statement_timeout
// and pg_cancel_backend stop it at once.
package main
