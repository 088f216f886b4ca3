/*
 * INSERT and DELETE on a foreign table. The C half reads the rows and the
 * Go half decides (tokenwrite): an INSERT creates its token at once, on a
 * goroutine the backend waits for on a pipe, so cancels act; a DELETE only
 * queues its tokens, which are revoked when the transaction commits
 * (xact.c). UPDATE is refused while planning.
 */
#include "fdw.h"

#include <unistd.h>

#include "access/sysattr.h"
#include "access/table.h"
#include "catalog/pg_type_d.h"
#include "commands/explain.h"
#include "executor/executor.h"
#include "foreign/foreign.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "optimizer/appendinfo.h"
#include "parser/parsetree.h"
#include "storage/latch.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/wait_event.h"

/* A column a DELETE's scan fetches for it is named vercel_<column>. */
#define IDENTITY_PREFIX "vercel_"

typedef struct VercelModify
{
	char	   *op;				/* INSERT or DELETE */
	uintptr_t	handle;
	bool		started;
	int			fd;				/* INSERT: the create's pipe */
	int			natts;
	/* INSERT: the inserted columns and how to write their values */
	int			ncolumns;
	AttrNumber *columns;
	Oid		   *types;
	FmgrInfo   *output;
	/* how to read the returned row's values */
	FmgrInfo   *input;
	Oid		   *ioparams;
	int32	   *typmods;
	char	  **values;			/* Go's malloc'd strings */
	/* DELETE: per attribute, its column in the scan's rows (0: none) */
	AttrNumber *fetched;
	AttrNumber	id,
				name,
				is_current;
	MemoryContextCallback on_reset;
} VercelModify;

/*
 * A DELETE's scan fetches the token's id, name and is_current; with
 * RETURNING, every column, so that the returned rows are the scan's.
 */
void
vercelAddForeignUpdateTargets(PlannerInfo *root, Index rtindex, RangeTblEntry *target_rte,
							  Relation target_relation)
{
	TupleDesc	desc = RelationGetDescr(target_relation);
	bool		returning = root->parse->returningList != NIL;

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		const char *name = NameStr(att->attname);

		if (att->attisdropped)
			continue;
		if (returning || strcmp(name, "token_id") == 0 || strcmp(name, "name") == 0 ||
			strcmp(name, "is_current") == 0)
			add_row_identity_var(root, makeVar(rtindex, att->attnum, att->atttypid, att->atttypmod,
											   att->attcollation, 0),
								 rtindex, psprintf(IDENTITY_PREFIX "%s", name));
	}
}

static const char *
operation_name(CmdType operation)
{
	switch (operation)
	{
		case CMD_INSERT:
			return "INSERT";
		case CMD_DELETE:
			return "DELETE";
		default:
			return "UPDATE";
	}
}

static char **
column_names(List *names)
{
	char	  **array = palloc0(sizeof(char *) * (list_length(names) + 1));
	ListCell   *cell;
	int			i = 0;

	foreach(cell, names)
		array[i++] = strVal(lfirst(cell));
	return array;
}

/* Go refuses here what the table does not take: UPDATE, columns Vercel sets. */
List *
vercelPlanForeignModify(PlannerInfo *root, ModifyTable *plan, Index resultRelation, int subplan_index)
{
	RangeTblEntry *rte = planner_rt_fetch(resultRelation, root);
	ForeignTable *table = GetForeignTable(rte->relid);
	Oid			userid = OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId();
	const char *op = operation_name(plan->operation);
	List	   *columns = NIL;
	GoServer	server;
	GoFailure	failure = {0};

	if (plan->operation == CMD_INSERT)
	{
		Relation	rel = table_open(rte->relid, NoLock);
		int			col = -1;

		while ((col = bms_next_member(rte->insertedCols, col)) >= 0)
		{
			AttrNumber	attnum = col + FirstLowInvalidHeapAttributeNumber;

			if (attnum > 0)
				columns = lappend(columns, makeString(pstrdup(NameStr(TupleDescAttr(RelationGetDescr(rel), attnum - 1)->attname))));
		}
		table_close(rel, NoLock);
	}
	server_args(table->serverid, userid, &server);
	if (!goModifyPlan(&server, plugin_table(table), (char *) op, column_names(columns),
					  list_length(columns), &failure))
		raise_go_failure(&failure);
	return list_make2(makeString(pstrdup(op)), columns);
}

static void
end_modify(VercelModify *m)
{
	if (!m->started)
		return;
	m->started = false;
	goModifyEnd(m->handle);
}

/* EndForeignModify is not called when the statement fails. */
static void
end_modify_on_reset(void *arg)
{
	end_modify((VercelModify *) arg);
}

void
vercelBeginForeignModify(ModifyTableState *mtstate, ResultRelInfo *rinfo, List *fdw_private,
						 int subplan_index, int eflags)
{
	Relation	rel = rinfo->ri_RelationDesc;
	TupleDesc	desc = RelationGetDescr(rel);
	EState	   *estate = mtstate->ps.state;
	RangeTblEntry *rte = exec_rt_fetch(rinfo->ri_RangeTableIndex, estate);
	List	   *columns = lsecond(fdw_private);
	VercelModify *m;
	char	  **attnames;
	GoServer	server;
	GoFailure	failure = {0};
	ListCell   *cell;
	int			i = 0;

	if (eflags & EXEC_FLAG_EXPLAIN_ONLY)
		return;
	m = palloc0(sizeof(VercelModify));
	m->op = strVal(linitial(fdw_private));
	m->natts = desc->natts;
	attnames = palloc0(sizeof(char *) * (desc->natts + 1));
	m->input = palloc0(sizeof(FmgrInfo) * (desc->natts + 1));
	m->ioparams = palloc0(sizeof(Oid) * (desc->natts + 1));
	m->typmods = palloc0(sizeof(int32) * (desc->natts + 1));
	m->values = palloc0(sizeof(char *) * (desc->natts + 1));
	m->fetched = palloc0(sizeof(AttrNumber) * (desc->natts + 1));
	for (int a = 0; a < desc->natts; a++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, a);
		Oid			infunc;

		attnames[a] = "";
		if (att->attisdropped)
			continue;
		attnames[a] = pstrdup(NameStr(att->attname));
		getTypeInputInfo(att->atttypid, &infunc, &m->ioparams[a]);
		fmgr_info(infunc, &m->input[a]);
		m->typmods[a] = att->atttypmod;
	}

	m->ncolumns = list_length(columns);
	m->columns = palloc0(sizeof(AttrNumber) * (m->ncolumns + 1));
	m->types = palloc0(sizeof(Oid) * (m->ncolumns + 1));
	m->output = palloc0(sizeof(FmgrInfo) * (m->ncolumns + 1));
	foreach(cell, columns)
	{
		Oid			outfunc;
		bool		varlena;

		m->columns[i] = get_attnum(RelationGetRelid(rel), strVal(lfirst(cell)));
		m->types[i] = TupleDescAttr(desc, m->columns[i] - 1)->atttypid;
		getTypeOutputInfo(m->types[i], &outfunc, &varlena);
		fmgr_info(outfunc, &m->output[i]);
		i++;
	}

	if (strcmp(m->op, "DELETE") == 0)
	{
		List	   *tlist = outerPlanState(mtstate)->plan->targetlist;

		for (int a = 0; a < desc->natts; a++)
			if (attnames[a][0] != '\0')
				m->fetched[a] = ExecFindJunkAttributeInTlist(tlist, psprintf(IDENTITY_PREFIX "%s", attnames[a]));
		m->id = ExecFindJunkAttributeInTlist(tlist, IDENTITY_PREFIX "token_id");
		m->name = ExecFindJunkAttributeInTlist(tlist, IDENTITY_PREFIX "name");
		m->is_current = ExecFindJunkAttributeInTlist(tlist, IDENTITY_PREFIX "is_current");
		if (!AttributeNumberIsValid(m->id) || !AttributeNumberIsValid(m->is_current))
			ereport(ERROR,
					(errcode(ERRCODE_FDW_ERROR),
					 errmsg("the scan of \"%s\" gives no token_id or is_current to delete by",
							RelationGetRelationName(rel))));
	}

	server_args(GetForeignTable(RelationGetRelid(rel))->serverid,
				OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId(), &server);
	m->fd = -1;
	m->handle = goModifyBegin(&server, get_namespace_name(RelationGetNamespace(rel)), m->op,
							  column_names(columns), m->ncolumns, attnames, desc->natts,
							  &m->fd, &failure);
	if (m->handle == 0)
		raise_go_failure(&failure);
	m->started = true;
	m->on_reset.func = end_modify_on_reset;
	m->on_reset.arg = m;
	MemoryContextRegisterResetCallback(estate->es_query_cxt, &m->on_reset);
	rinfo->ri_FdwState = m;
}

/* A value as the Go half reads it: timestamps in RFC 3339, whatever DateStyle. */
static char *
value_text(VercelModify *m, int i, Datum value)
{
	if (m->types[i] == TIMESTAMPTZOID || m->types[i] == TIMESTAMPOID)
		return JsonEncodeDateTime(NULL, value, m->types[i], NULL);
	return OutputFunctionCall(&m->output[i], value);
}

/* Stores the row Go returned into the slot, freeing the Go strings first. */
static void
store_go_row(VercelModify *m, TupleTableSlot *slot)
{
	char	  **text = palloc0(sizeof(char *) * (m->natts + 1));

	for (int i = 0; i < m->natts; i++)
	{
		text[i] = take_go_string(m->values[i]);
		m->values[i] = NULL;
	}
	ExecClearTuple(slot);
	for (int i = 0; i < m->natts; i++)
	{
		slot->tts_isnull[i] = text[i] == NULL;
		slot->tts_values[i] = text[i] == NULL ? (Datum) 0 :
			InputFunctionCall(&m->input[i], text[i], m->ioparams[i], m->typmods[i]);
	}
	ExecStoreVirtualTuple(slot);
}

static void
wait_for_create(VercelModify *m)
{
	char		buf[16];
	int			events;

	events = WaitLatchOrSocket(MyLatch, WL_LATCH_SET | WL_SOCKET_READABLE | WL_EXIT_ON_PM_DEATH,
							   m->fd, -1L, PG_WAIT_EXTENSION);
	if (events & WL_LATCH_SET)
		ResetLatch(MyLatch);
	CHECK_FOR_INTERRUPTS();
	while (read(m->fd, buf, sizeof(buf)) > 0)
		;
}

TupleTableSlot *
vercelExecForeignInsert(EState *estate, ResultRelInfo *rinfo, TupleTableSlot *slot,
						TupleTableSlot *planSlot)
{
	VercelModify *m = (VercelModify *) rinfo->ri_FdwState;
	char	  **values = palloc0(sizeof(char *) * (m->ncolumns + 1));
	GoFailure	failure = {0};

	slot_getallattrs(slot);
	for (int i = 0; i < m->ncolumns; i++)
	{
		AttrNumber	a = m->columns[i] - 1;

		if (!slot->tts_isnull[a])
			values[i] = value_text(m, i, slot->tts_values[a]);
	}
	if (!goModifyInsert(m->handle, values, &failure))
		raise_go_failure(&failure);
	for (;;)
	{
		switch (goModifyInserted(m->handle, m->values, &failure))
		{
			case GO_SCAN_ROW:
				store_go_row(m, slot);
				return slot;
			case GO_SCAN_ERROR:
				raise_go_failure(&failure);
			default:
				wait_for_create(m);
		}
	}
}

static char *
junk_text(TupleTableSlot *planSlot, AttrNumber attno)
{
	bool		isnull;
	Datum		value;

	if (!AttributeNumberIsValid(attno))
		return NULL;
	value = ExecGetJunkAttribute(planSlot, attno, &isnull);
	return isnull ? NULL : TextDatumGetCString(value);
}

TupleTableSlot *
vercelExecForeignDelete(EState *estate, ResultRelInfo *rinfo, TupleTableSlot *slot,
						TupleTableSlot *planSlot)
{
	VercelModify *m = (VercelModify *) rinfo->ri_FdwState;
	char	   *id = junk_text(planSlot, m->id);
	bool		isnull;
	Datum		current = ExecGetJunkAttribute(planSlot, m->is_current, &isnull);
	GoFailure	failure = {0};
	int			counted = 0;

	if (id == NULL)
		ereport(ERROR, (errcode(ERRCODE_FDW_ERROR), errmsg("a row to delete has no token_id")));
	if (!goModifyDelete(m->handle, id, junk_text(planSlot, m->name),
						!isnull && DatumGetBool(current), &counted, &failure))
		raise_go_failure(&failure);
	/* A token a join gave before is deleted, counted and returned once. */
	if (!counted)
		return NULL;
	/* The returned row is the scan's (RETURNING fetched every column). */
	ExecClearTuple(slot);
	for (int i = 0; i < m->natts; i++)
	{
		slot->tts_isnull[i] = true;
		slot->tts_values[i] = (Datum) 0;
		if (AttributeNumberIsValid(m->fetched[i]))
			slot->tts_values[i] = ExecGetJunkAttribute(planSlot, m->fetched[i], &slot->tts_isnull[i]);
	}
	ExecStoreVirtualTuple(slot);
	return slot;
}

void
vercelEndForeignModify(EState *estate, ResultRelInfo *rinfo)
{
	VercelModify *m = (VercelModify *) rinfo->ri_FdwState;

	if (m)
		end_modify(m);
}

/*
 * COPY FROM, and an INSERT routed to the table as a partition, begin here
 * instead of in BeginForeignModify. Go refuses them; without this callback
 * PostgreSQL would call ExecForeignInsert with no state.
 */
void
vercelBeginForeignInsert(ModifyTableState *mtstate, ResultRelInfo *rinfo)
{
	ForeignTable *table = GetForeignTable(RelationGetRelid(rinfo->ri_RelationDesc));
	GoServer	server;
	GoFailure	failure = {0};

	server_args(table->serverid, GetUserId(), &server);
	if (!goModifyPlan(&server, plugin_table(table), (char *) "COPY", NULL, 0, &failure))
		raise_go_failure(&failure);
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("COPY into \"%s\" is not possible", RelationGetRelationName(rinfo->ri_RelationDesc))));
}

/* Whether a table takes a change is decided while planning, by the Go half. */
int
vercelIsForeignRelUpdatable(Relation rel)
{
	return (1 << CMD_INSERT) | (1 << CMD_UPDATE) | (1 << CMD_DELETE);
}

void
vercelExplainForeignModify(ModifyTableState *mtstate, ResultRelInfo *rinfo, List *fdw_private,
						   int subplan_index, struct ExplainState *es)
{
	char	   *text = take_go_string(goModifyExplain(strVal(linitial(fdw_private))));

	ExplainPropertyText("Vercel API", text ? text : "", es);
}
