// Marshalling only, as in shim.c: a table's write callbacks, and the
// vercel_create_user_token table-valued function.
#include <string.h>
#include "shim.h"
#include "_cgo_export.h"

SQLITE_EXTENSION_INIT3

// active_statement finds the statement that is writing on db: xUpdate is
// told nothing about it, but the revocations of one statement are checked
// together (tokenwrite.Statement). Its address, run count and SQL with its
// parameters tell one execution from the next: SQLite reuses the address of
// a finalized statement. The SQL is allocated by SQLite, or NULL.
static char *active_statement(sqlite3 *db, uintptr_t *stmt, int *run) {
	sqlite3_stmt *s = 0;
	*stmt = 0;
	*run = 0;
	while ((s = sqlite3_next_stmt(db, s)) != 0) {
		if (sqlite3_stmt_busy(s) && !sqlite3_stmt_readonly(s)) {
			*stmt = (uintptr_t)s;
			*run = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_RUN, 0);
			return sqlite3_expanded_sql(s);
		}
	}
	return 0;
}

int shim_update(sqlite3_vtab *vtab, int argc, sqlite3_value **argv, sqlite3_int64 *rowid) {
	(void)rowid;
	shim_vtab *v = (shim_vtab *)vtab;
	uintptr_t stmt;
	int run;
	char *sql = active_statement(v->db, &stmt, &run);
	int rc = goUpdate(v->table, v->db, argc, argv, stmt, run, sql, &vtab->zErrMsg);
	sqlite3_free(sql);
	return rc;
}

int shim_begin(sqlite3_vtab *vtab) {
	shim_vtab *v = (shim_vtab *)vtab;
	return goBegin(v->table, v->db, &vtab->zErrMsg);
}

int shim_sync(sqlite3_vtab *vtab) {
	return goSync(((shim_vtab *)vtab)->db, &vtab->zErrMsg);
}

int shim_commit(sqlite3_vtab *vtab) {
	goEndTransaction(((shim_vtab *)vtab)->db, 0);
	return SQLITE_OK;
}

int shim_rollback(sqlite3_vtab *vtab) {
	goEndTransaction(((shim_vtab *)vtab)->db, 1);
	return SQLITE_OK;
}

int shim_savepoint(sqlite3_vtab *vtab, int level) {
	goSavepoint(((shim_vtab *)vtab)->db, level, 0);
	return SQLITE_OK;
}

int shim_release_savepoint(sqlite3_vtab *vtab, int level) {
	goSavepoint(((shim_vtab *)vtab)->db, level, 1);
	return SQLITE_OK;
}

int shim_rollback_to(sqlite3_vtab *vtab, int level) {
	return goRollbackTo(((shim_vtab *)vtab)->db, level, &vtab->zErrMsg);
}

// vercel_create_user_token(name, expires_at, team_id, project_id): an
// eponymous table-valued function whose one row is the token it creates.
typedef struct create_vtab {
	sqlite3_vtab base;
	sqlite3 *db;
} create_vtab;

typedef struct create_cursor {
	sqlite3_vtab_cursor base;
	uintptr_t call; // cgo.Handle of the Go call
} create_cursor;

static int create_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                          sqlite3_vtab **out, char **pzErr) {
	(void)aux;
	(void)argc;
	(void)argv;
	int rc = goCreateDeclare(db, pzErr);
	if (rc != SQLITE_OK) {
		return rc;
	}
	create_vtab *vtab = sqlite3_malloc(sizeof(*vtab));
	if (vtab == 0) {
		return SQLITE_NOMEM;
	}
	memset(vtab, 0, sizeof(*vtab));
	vtab->db = db;
	*out = &vtab->base;
	return SQLITE_OK;
}

static int create_disconnect(sqlite3_vtab *vtab) {
	sqlite3_free(vtab);
	return SQLITE_OK;
}

static int create_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info) {
	return goCreateBestIndex(info, &vtab->zErrMsg);
}

static int create_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out) {
	create_cursor *cur = sqlite3_malloc(sizeof(*cur));
	if (cur == 0) {
		return SQLITE_NOMEM;
	}
	memset(cur, 0, sizeof(*cur));
	cur->call = goCreateOpen(((create_vtab *)vtab)->db);
	*out = &cur->base;
	return SQLITE_OK;
}

static int create_close(sqlite3_vtab_cursor *cur) {
	goCreateClose(((create_cursor *)cur)->call);
	sqlite3_free(cur);
	return SQLITE_OK;
}

static int create_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                         int argc, sqlite3_value **argv) {
	(void)idxStr;
	return goCreateFilter(((create_cursor *)cur)->call, idxNum, argc, argv, &cur->pVtab->zErrMsg);
}

static int create_next(sqlite3_vtab_cursor *cur) {
	goCreateNext(((create_cursor *)cur)->call);
	return SQLITE_OK;
}

static int create_eof(sqlite3_vtab_cursor *cur) {
	return goCreateEof(((create_cursor *)cur)->call);
}

static int create_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int column) {
	goCreateColumn(((create_cursor *)cur)->call, ctx, column);
	return SQLITE_OK;
}

static int create_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid) {
	(void)cur;
	*rowid = 1;
	return SQLITE_OK;
}

static const sqlite3_module create_module = {
	.iVersion = 1,
	.xCreate = 0,
	.xConnect = create_connect,
	.xBestIndex = create_best_index,
	.xDisconnect = create_disconnect,
	.xDestroy = 0,
	.xOpen = create_open,
	.xClose = create_close,
	.xFilter = create_filter,
	.xNext = create_next,
	.xEof = create_eof,
	.xColumn = create_column,
	.xRowid = create_rowid,
};

int shim_create_function_module(sqlite3 *db, const char *name) {
	return sqlite3_create_module_v2(db, name, &create_module, 0, 0);
}
