// Command sqlite is the Vercel plugin as a SQLite loadable extension, the
// "Steampipe Anywhere" way: the plugin runs inside the SQLite process and
// each of its tables is an eponymous virtual table. Build it with
//
//	go build -buildmode=c-shared -o steampipe_sqlite_vercel.so ./engines/sqlite
//
// and use it from any SQLite 3.38 or later:
//
//	sqlite> .load ./steampipe_sqlite_vercel
//	sqlite> select steampipe_configure_vercel('api_token="…"');
//	sqlite> select name, expires_at from vercel_user_token where expires_at is null;
//
// Without steampipe_configure_vercel the plugin reads VERCEL_API_TOKEN and
// VERCEL_TEAM.
//
// The C half (shim.h, shim.c) only marshals. It holds the entry point SQLite
// derives from the file name, the sqlite3_module whose callbacks forward to
// //export Go functions, and one-line wrappers for the sqlite3ext.h macros Go
// cannot call. The Go half decides everything: the engine's lifetime
// (extension.go), table schemas (table.go), query plans (plan.go, marshalled
// by bestindex.go), cursors that stream rows one at a time (cursor.go, behind
// callbacks.go), type conversion (values.go) and the configure function
// (configure.go).
package main
