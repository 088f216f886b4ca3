// The C half of the extension: the sqlite3_module and its callbacks (in
// shim.c) forward to Go; the helpers declared here let Go reach SQLite
// routines that sqlite3ext.h only offers as macros over the sqlite3_api table.
#ifndef STEAMPIPE_SQLITE_SHIM_H
#define STEAMPIPE_SQLITE_SHIM_H

#include <stdint.h>
#include <sqlite3ext.h>

// SHIM_PENDING is what goFilter, goNext and goAwait return when the row the
// cursor moves to has not come yet; it is never returned to SQLite.
#define SHIM_PENDING (-1)

// A table of a connection: the Go table, and the connection it belongs to.
typedef struct shim_vtab {
	sqlite3_vtab base;
	uintptr_t table; // cgo.Handle of the Go table
	sqlite3 *db;     // the connection, to check for sqlite3_interrupt
} shim_vtab;

// The write callbacks of a table (shim_write.c).
int shim_update(sqlite3_vtab *vtab, int argc, sqlite3_value **argv, sqlite3_int64 *rowid);
int shim_begin(sqlite3_vtab *vtab);
int shim_sync(sqlite3_vtab *vtab);
int shim_commit(sqlite3_vtab *vtab);
int shim_rollback(sqlite3_vtab *vtab);
int shim_savepoint(sqlite3_vtab *vtab, int level);
int shim_release_savepoint(sqlite3_vtab *vtab, int level);
int shim_rollback_to(sqlite3_vtab *vtab, int level);

// Registration, called while the extension loads into a connection.
int shim_create_table_module(sqlite3 *db, const char *table);
int shim_create_configure_function(sqlite3 *db, const char *name);
int shim_create_function_module(sqlite3 *db, const char *name);

// Schema and planning.
int shim_declare_vtab(sqlite3 *db, const char *sql);
const char *shim_vtab_collation(sqlite3_index_info *info, int constraint);

// Results of a column or function. Text is copied, so Go memory may be passed.
void shim_result_text(sqlite3_context *ctx, const char *text, int n);
void shim_result_int64(sqlite3_context *ctx, sqlite3_int64 value);
void shim_result_double(sqlite3_context *ctx, double value);
void shim_result_null(sqlite3_context *ctx);
void shim_result_error(sqlite3_context *ctx, const char *message, int n);

// Arguments of xFilter and of SQL functions.
int shim_value_type(sqlite3_value *value);
const unsigned char *shim_value_text(sqlite3_value *value);
int shim_value_bytes(sqlite3_value *value);
sqlite3_int64 shim_value_int64(sqlite3_value *value);

// Strings SQLite takes ownership of, allocated with sqlite3_malloc.
char *shim_sqlite_string(const char *text, int n);
// shim_set_error replaces *slot (a zErrMsg or pzErr) with a copy of message.
void shim_set_error(char **slot, const char *message, int n);

#endif
