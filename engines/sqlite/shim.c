// Marshalling only: every decision is made by the exported Go functions in
// _cgo_export.h. cgo forbids definitions in the preamble of a file that uses
// //export, which is why this code lives in its own file.
#include <string.h>
#include "shim.h"
#include "_cgo_export.h"

SQLITE_EXTENSION_INIT1

typedef struct shim_cursor {
	sqlite3_vtab_cursor base;
	uintptr_t cursor; // cgo.Handle of the Go cursor
} shim_cursor;

static uintptr_t table_of(sqlite3_vtab *vtab) {
	return ((shim_vtab *)vtab)->table;
}

static uintptr_t cursor_of(sqlite3_vtab_cursor *cur) {
	return ((shim_cursor *)cur)->cursor;
}

static int shim_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                        sqlite3_vtab **out, char **pzErr) {
	(void)argc;
	(void)argv;
	shim_vtab *vtab = sqlite3_malloc(sizeof(*vtab));
	if (vtab == 0) {
		return SQLITE_NOMEM;
	}
	memset(vtab, 0, sizeof(*vtab));
	vtab->db = db;
	int rc = goConnect(db, (char *)aux, &vtab->table, pzErr);
	if (rc != SQLITE_OK) {
		sqlite3_free(vtab);
		return rc;
	}
	*out = &vtab->base;
	return SQLITE_OK;
}

static int shim_disconnect(sqlite3_vtab *vtab) {
	goForgetConnection(((shim_vtab *)vtab)->db);
	goDisconnect(table_of(vtab));
	sqlite3_free(vtab);
	return SQLITE_OK;
}

static int shim_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info) {
	return goBestIndex(table_of(vtab), info, &vtab->zErrMsg);
}

static int shim_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out) {
	shim_cursor *cur = sqlite3_malloc(sizeof(*cur));
	if (cur == 0) {
		return SQLITE_NOMEM;
	}
	memset(cur, 0, sizeof(*cur));
	int rc = goOpen(table_of(vtab), &cur->cursor, &vtab->zErrMsg);
	if (rc != SQLITE_OK) {
		sqlite3_free(cur);
		return rc;
	}
	*out = &cur->base;
	return SQLITE_OK;
}

static int shim_close(sqlite3_vtab_cursor *cur) {
	goClose(cursor_of(cur));
	sqlite3_free(cur);
	return SQLITE_OK;
}

// interrupted tells whether sqlite3_interrupt was called on db during the
// running statement. SQLite 3.40 has no sqlite3_is_interrupted, but its
// parser fails with SQLITE_INTERRUPT while the flag is set and a statement
// is active, which it is during every cursor callback.
static int interrupted(sqlite3 *db) {
	sqlite3_stmt *stmt = 0;
	int rc = sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_INTERRUPT;
}

// await_row keeps waiting, in Go's slices, for the row a cursor moves to,
// until it comes, the query fails, or the statement is interrupted.
static int await_row(sqlite3_vtab_cursor *cur, int rc) {
	while (rc == SHIM_PENDING) {
		if (interrupted(((shim_vtab *)cur->pVtab)->db)) {
			goStop(cursor_of(cur));
			return SQLITE_INTERRUPT;
		}
		rc = goAwait(cursor_of(cur), &cur->pVtab->zErrMsg);
	}
	return rc;
}

static int shim_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                       int argc, sqlite3_value **argv) {
	(void)idxNum; // the whole plan is in idxStr
	return await_row(cur, goFilter(cursor_of(cur), (char *)idxStr, argc, argv, &cur->pVtab->zErrMsg));
}

static int shim_next(sqlite3_vtab_cursor *cur) {
	return await_row(cur, goNext(cursor_of(cur), &cur->pVtab->zErrMsg));
}

static int shim_eof(sqlite3_vtab_cursor *cur) {
	return goEof(cursor_of(cur));
}

static int shim_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int column) {
	return goColumn(cursor_of(cur), ctx, column);
}

static int shim_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid) {
	*rowid = goRowid(cursor_of(cur));
	return SQLITE_OK;
}

// xCreate and xDestroy are NULL: the module is eponymous-only, so each table
// exists under its own name without CREATE VIRTUAL TABLE.
// The write callbacks (xUpdate, the transaction and savepoint ones) are in
// shim_write.c.
static const sqlite3_module table_module = {
	.iVersion = 2,
	.xCreate = 0,
	.xConnect = shim_connect,
	.xBestIndex = shim_best_index,
	.xDisconnect = shim_disconnect,
	.xDestroy = 0,
	.xOpen = shim_open,
	.xClose = shim_close,
	.xFilter = shim_filter,
	.xNext = shim_next,
	.xEof = shim_eof,
	.xColumn = shim_column,
	.xRowid = shim_rowid,
	.xUpdate = shim_update,
	.xBegin = shim_begin,
	.xSync = shim_sync,
	.xCommit = shim_commit,
	.xRollback = shim_rollback,
	.xSavepoint = shim_savepoint,
	.xRelease = shim_release_savepoint,
	.xRollbackTo = shim_rollback_to,
};

int shim_create_table_module(sqlite3 *db, const char *table) {
	char *aux = sqlite3_mprintf("%s", table);
	if (aux == 0) {
		return SQLITE_NOMEM;
	}
	// SQLite frees aux with sqlite3_free when the module goes away, even
	// when registration fails.
	return sqlite3_create_module_v2(db, table, &table_module, aux, sqlite3_free);
}

static void shim_configure(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
	(void)argc;
	goConfigure(ctx, argv[0]);
}

static void shim_release(void *unused) {
	(void)unused;
	goRelease();
}

// The function's destructor runs when the connection closes (or the
// function is replaced by a reload): that is when the connection stops using
// the engine.
int shim_create_configure_function(sqlite3 *db, const char *name) {
	return sqlite3_create_function_v2(db, name, 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, 0,
	                                  shim_configure, 0, 0, shim_release);
}

int shim_declare_vtab(sqlite3 *db, const char *sql) {
	return sqlite3_declare_vtab(db, sql);
}

const char *shim_vtab_collation(sqlite3_index_info *info, int constraint) {
	return sqlite3_vtab_collation(info, constraint);
}

void shim_result_text(sqlite3_context *ctx, const char *text, int n) {
	// A NULL pointer would make the result SQL NULL, not ''.
	sqlite3_result_text(ctx, n == 0 ? "" : text, n, SQLITE_TRANSIENT);
}

void shim_result_int64(sqlite3_context *ctx, sqlite3_int64 value) {
	sqlite3_result_int64(ctx, value);
}

void shim_result_double(sqlite3_context *ctx, double value) {
	sqlite3_result_double(ctx, value);
}

void shim_result_null(sqlite3_context *ctx) {
	sqlite3_result_null(ctx);
}

void shim_result_error(sqlite3_context *ctx, const char *message, int n) {
	sqlite3_result_error(ctx, message, n);
}

int shim_value_type(sqlite3_value *value) {
	return sqlite3_value_type(value);
}

const unsigned char *shim_value_text(sqlite3_value *value) {
	return sqlite3_value_text(value);
}

int shim_value_bytes(sqlite3_value *value) {
	return sqlite3_value_bytes(value);
}

sqlite3_int64 shim_value_int64(sqlite3_value *value) {
	return sqlite3_value_int64(value);
}

char *shim_sqlite_string(const char *text, int n) {
	return sqlite3_mprintf("%.*s", n, n == 0 ? "" : text);
}

void shim_set_error(char **slot, const char *message, int n) {
	sqlite3_free(*slot);
	*slot = shim_sqlite_string(message, n);
}

// The entry point SQLite derives from the file name steampipe_sqlite_vercel.so
// (the letters of the name, lower-cased, between "sqlite3_" and "_init").
int sqlite3_steampipesqlitevercel_init(sqlite3 *db, char **pzErrMsg,
                                       const sqlite3_api_routines *api) {
	SQLITE_EXTENSION_INIT2(api);
	return goExtensionInit(db, pzErrMsg);
}
