/*
 * The module: its signal handling at load, the handler and validator
 * functions (option names are checked here, their values by the Go half),
 * and what every callback shares (server settings, Go strings, Go
 * failures).
 */
#include "fdw.h"

#include <pthread.h>
#include <signal.h>

#include "access/htup_details.h"
#include "access/reloptions.h"
#include "catalog/pg_foreign_server.h"
#include "catalog/pg_foreign_table.h"
#include "catalog/pg_user_mapping.h"
#include "commands/defrem.h"
#include "foreign/foreign.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/syscache.h"

PG_MODULE_MAGIC;

extern char **environ;

PG_FUNCTION_INFO_V1(steampipe_postgres_vercel_handler);
PG_FUNCTION_INFO_V1(steampipe_postgres_vercel_validator);

void		_PG_init(void);

static sigset_t saved_mask;
static bool mask_saved = false;

/*
 * Go's runtime starts from its own ELF constructor when the module is
 * loaded, on new threads that inherit the signal mask. Blocking every signal
 * first keeps those threads from taking the signals PostgreSQL relies on
 * (SIGURG wakes latches, SIGINT cancels); _PG_init restores the backend's
 * mask. Priority 101 runs this before the Go runtime's constructor.
 */
__attribute__((constructor(101)))
static void
block_signals_for_go(void)
{
	sigset_t	all;

	sigfillset(&all);
	if (pthread_sigmask(SIG_SETMASK, &all, &saved_mask) == 0)
		mask_saved = true;
}

void
_PG_init(void)
{
	if (mask_saved)
		pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
	goInit(environ);
	register_transaction_callbacks();
}

Datum
steampipe_postgres_vercel_handler(PG_FUNCTION_ARGS)
{
	FdwRoutine *routine = makeNode(FdwRoutine);

	routine->GetForeignRelSize = vercelGetForeignRelSize;
	routine->GetForeignPaths = vercelGetForeignPaths;
	routine->GetForeignPlan = vercelGetForeignPlan;
	routine->ExplainForeignScan = vercelExplainForeignScan;
	routine->BeginForeignScan = vercelBeginForeignScan;
	routine->IterateForeignScan = vercelIterateForeignScan;
	routine->ReScanForeignScan = vercelReScanForeignScan;
	routine->EndForeignScan = vercelEndForeignScan;
	routine->ImportForeignSchema = vercelImportForeignSchema;
	routine->AddForeignUpdateTargets = vercelAddForeignUpdateTargets;
	routine->PlanForeignModify = vercelPlanForeignModify;
	routine->BeginForeignModify = vercelBeginForeignModify;
	routine->ExecForeignInsert = vercelExecForeignInsert;
	routine->ExecForeignDelete = vercelExecForeignDelete;
	routine->EndForeignModify = vercelEndForeignModify;
	routine->BeginForeignInsert = vercelBeginForeignInsert;
	routine->IsForeignRelUpdatable = vercelIsForeignRelUpdatable;
	routine->ExplainForeignModify = vercelExplainForeignModify;
	PG_RETURN_POINTER(routine);
}

/* The one option each object takes; NULL where it takes none. */
static const char *
valid_option(Oid catalog)
{
	switch (catalog)
	{
		case ForeignServerRelationId:
			return "config";
		case UserMappingRelationId:
			return "api_token";
		case ForeignTableRelationId:
			return "table";
		default:
			return NULL;
	}
}

Datum
steampipe_postgres_vercel_validator(PG_FUNCTION_ARGS)
{
	List	   *options = untransformRelOptions(PG_GETARG_DATUM(0));
	const char *valid = valid_option(PG_GETARG_OID(1));
	ListCell   *cell;

	foreach(cell, options)
	{
		DefElem    *def = (DefElem *) lfirst(cell);
		GoFailure	failure = {0};

		if (valid == NULL || strcmp(def->defname, valid) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_FDW_INVALID_OPTION_NAME),
					 errmsg("invalid option \"%s\"", def->defname),
					 valid ? errhint("The only option here is %s.", valid)
					 : errhint("There are no options here.")));
		if (!goCheckOption(def->defname, defGetString(def), &failure))
			raise_go_failure(&failure);
	}
	PG_RETURN_VOID();
}

static char *
option_value(List *options, const char *name)
{
	ListCell   *cell;

	foreach(cell, options)
	{
		DefElem    *def = (DefElem *) lfirst(cell);

		if (strcmp(def->defname, name) == 0)
			return defGetString(def);
	}
	return NULL;
}

/* The user's mapping for the server, else PUBLIC's; NULL when neither. */
static char *
user_mapping_token(Oid serverid, Oid userid)
{
	HeapTuple	tuple;
	Datum		datum;
	bool		isnull;
	char	   *token = NULL;

	tuple = SearchSysCache2(USERMAPPINGUSERSERVER, ObjectIdGetDatum(userid), ObjectIdGetDatum(serverid));
	if (!HeapTupleIsValid(tuple))
		tuple = SearchSysCache2(USERMAPPINGUSERSERVER, ObjectIdGetDatum(InvalidOid), ObjectIdGetDatum(serverid));
	if (!HeapTupleIsValid(tuple))
		return NULL;
	datum = SysCacheGetAttr(USERMAPPINGUSERSERVER, tuple, Anum_pg_user_mapping_umoptions, &isnull);
	if (!isnull)
		token = option_value(untransformRelOptions(datum), "api_token");
	ReleaseSysCache(tuple);
	return token;
}

void
server_args(Oid serverid, Oid userid, GoServer *out)
{
	ForeignServer *server = GetForeignServer(serverid);

	out->id = serverid;
	out->name = server->servername;
	out->config = option_value(server->options, "config");
	out->token = user_mapping_token(serverid, userid);
	out->owner_is_superuser = superuser_arg(server->owner);
}

/* A palloc'd copy of a string malloc'd by Go, which is freed. */
char *
take_go_string(char *s)
{
	char	   *copy;

	if (s == NULL)
		return NULL;
	copy = pstrdup(s);
	free(s);
	return copy;
}

void
raise_go_failure(GoFailure *f)
{
	char	   *message = take_go_string(f->message);
	char	   *hint = take_go_string(f->hint);
	const char *s = f->sqlstate;

	if (strlen(s) != 5)
		s = "XX000";
	ereport(ERROR,
			(errcode(MAKE_SQLSTATE(s[0], s[1], s[2], s[3], s[4])),
			 errmsg("%s", message ? message : "steampipe_postgres_vercel failed"),
			 hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}
