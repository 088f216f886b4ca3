/*
 * Scans: rows come from a Go goroutine. The backend takes them without
 * blocking inside Go and, while there is none, waits on the scan's pipe
 * with WaitLatchOrSocket, so cancels and timeouts act at once.
 */
#include "fdw.h"

#include <unistd.h>

#include "executor/executor.h"
#include "foreign/foreign.h"
#include "miscadmin.h"
#include "parser/parsetree.h"
#include "storage/latch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/wait_event.h"

typedef struct VercelScan
{
	char	   *plan;
	GoServer	server;
	char	   *connection;		/* the foreign table's schema */
	int			natts;
	char	  **attnames;		/* "" for a dropped column */
	FmgrInfo   *input;
	Oid		   *ioparams;
	int32	   *typmods;
	char	  **values;			/* goScanNext's malloc'd strings */
	bool		started;
	uintptr_t	handle;
	int			fd;
	MemoryContextCallback on_reset;
} VercelScan;

static void
end_scan(VercelScan *scan)
{
	if (!scan->started)
		return;
	scan->started = false;
	goScanEnd(scan->handle);
}

/*
 * EndForeignScan is not called when the query fails: the scan ends when the
 * query's memory goes away.
 */
static void
end_scan_on_reset(void *arg)
{
	end_scan((VercelScan *) arg);
}

void
vercelBeginForeignScan(ForeignScanState *node, int eflags)
{
	ForeignScan *plan = (ForeignScan *) node->ss.ps.plan;
	EState	   *estate = node->ss.ps.state;
	RangeTblEntry *rte = exec_rt_fetch(plan->scan.scanrelid, estate);
	Relation	rel = node->ss.ss_currentRelation;
	TupleDesc	desc = RelationGetDescr(rel);
	VercelScan *scan;

	if (eflags & EXEC_FLAG_EXPLAIN_ONLY)
		return;
	scan = palloc0(sizeof(VercelScan));
	scan->plan = strVal(linitial(plan->fdw_private));
	server_args(GetForeignTable(RelationGetRelid(rel))->serverid,
				OidIsValid(rte->checkAsUser) ? rte->checkAsUser : GetUserId(), &scan->server);
	scan->connection = get_namespace_name(RelationGetNamespace(rel));
	scan->natts = desc->natts;
	scan->attnames = palloc0(sizeof(char *) * (desc->natts + 1));
	scan->input = palloc0(sizeof(FmgrInfo) * (desc->natts + 1));
	scan->ioparams = palloc0(sizeof(Oid) * (desc->natts + 1));
	scan->typmods = palloc0(sizeof(int32) * (desc->natts + 1));
	scan->values = palloc0(sizeof(char *) * (desc->natts + 1));
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		Oid			infunc;

		if (att->attisdropped)
		{
			scan->attnames[i] = "";
			continue;
		}
		scan->attnames[i] = pstrdup(NameStr(att->attname));
		getTypeInputInfo(att->atttypid, &infunc, &scan->ioparams[i]);
		fmgr_info(infunc, &scan->input[i]);
		scan->typmods[i] = att->atttypmod;
	}
	scan->on_reset.func = end_scan_on_reset;
	scan->on_reset.arg = scan;
	MemoryContextRegisterResetCallback(estate->es_query_cxt, &scan->on_reset);
	node->fdw_state = scan;
}

static void
start_scan(VercelScan *scan)
{
	GoFailure	failure = {0};
	int			fd = -1;
	uintptr_t	handle;

	handle = goScanStart(&scan->server, scan->connection, scan->plan, scan->attnames, scan->natts,
						 &fd, &failure);
	if (handle == 0)
		raise_go_failure(&failure);
	scan->handle = handle;
	scan->fd = fd;
	scan->started = true;
}

/* Waits until the scan has something, or an interrupt cancels the query. */
static void
wait_for_rows(VercelScan *scan)
{
	char		buf[256];
	int			events;

	events = WaitLatchOrSocket(MyLatch, WL_LATCH_SET | WL_SOCKET_READABLE | WL_EXIT_ON_PM_DEATH,
							   scan->fd, -1L, PG_WAIT_EXTENSION);
	if (events & WL_LATCH_SET)
		ResetLatch(MyLatch);
	CHECK_FOR_INTERRUPTS();
	while (read(scan->fd, buf, sizeof(buf)) > 0)
		;
}

/* Stores the row in values into the slot, freeing the Go strings first. */
static void
store_row(VercelScan *scan, TupleTableSlot *slot)
{
	char	  **text = palloc0(sizeof(char *) * (scan->natts + 1));

	for (int i = 0; i < scan->natts; i++)
	{
		text[i] = take_go_string(scan->values[i]);
		scan->values[i] = NULL;
	}
	for (int i = 0; i < scan->natts; i++)
	{
		slot->tts_isnull[i] = text[i] == NULL;
		slot->tts_values[i] = text[i] == NULL ? (Datum) 0 :
			InputFunctionCall(&scan->input[i], text[i], scan->ioparams[i], scan->typmods[i]);
	}
	ExecStoreVirtualTuple(slot);
}

TupleTableSlot *
vercelIterateForeignScan(ForeignScanState *node)
{
	VercelScan *scan = (VercelScan *) node->fdw_state;
	TupleTableSlot *slot = node->ss.ss_ScanTupleSlot;

	ExecClearTuple(slot);
	if (!scan->started)
		start_scan(scan);
	for (;;)
	{
		GoFailure	failure = {0};

		switch (goScanNext(scan->handle, scan->values, &failure))
		{
			case GO_SCAN_ROW:
				store_row(scan, slot);
				return slot;
			case GO_SCAN_END:
				return slot;
			case GO_SCAN_ERROR:
				end_scan(scan);
				raise_go_failure(&failure);
			default:
				wait_for_rows(scan);
		}
	}
}

void
vercelReScanForeignScan(ForeignScanState *node)
{
	VercelScan *scan = (VercelScan *) node->fdw_state;

	end_scan(scan);
}

void
vercelEndForeignScan(ForeignScanState *node)
{
	VercelScan *scan = (VercelScan *) node->fdw_state;

	if (scan)
		end_scan(scan);
}
