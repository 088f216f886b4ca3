/*
 * The C half of steampipe_postgres_vercel. It only marshals between
 * PostgreSQL's FDW API and the Go half's //export functions, whose
 * prototypes come from the c-archive's generated header.
 */
#ifndef STEAMPIPE_POSTGRES_VERCEL_FDW_H
#define STEAMPIPE_POSTGRES_VERCEL_FDW_H

#include "postgres.h"

#include "foreign/fdwapi.h"
#include "foreign/foreign.h"
#include "libsteampipe_vercel.h"

extern void server_args(Oid serverid, Oid userid, GoServer *out);
extern char *take_go_string(char *s);
extern void raise_go_failure(GoFailure *f) pg_attribute_noreturn();

/* plan.c */
extern char *plugin_table(ForeignTable *table);
extern void vercelGetForeignRelSize(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid);
extern void vercelGetForeignPaths(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid);
extern ForeignScan *vercelGetForeignPlan(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid,
										 ForeignPath *best_path, List *tlist, List *scan_clauses,
										 Plan *outer_plan);
extern void vercelExplainForeignScan(ForeignScanState *node, struct ExplainState *es);

/* scan.c */
extern void vercelBeginForeignScan(ForeignScanState *node, int eflags);
extern TupleTableSlot *vercelIterateForeignScan(ForeignScanState *node);
extern void vercelReScanForeignScan(ForeignScanState *node);
extern void vercelEndForeignScan(ForeignScanState *node);

/* modify.c */
extern void vercelAddForeignUpdateTargets(PlannerInfo *root, Index rtindex, RangeTblEntry *target_rte,
										  Relation target_relation);
extern List *vercelPlanForeignModify(PlannerInfo *root, ModifyTable *plan, Index resultRelation,
									 int subplan_index);
extern void vercelBeginForeignModify(ModifyTableState *mtstate, ResultRelInfo *rinfo, List *fdw_private,
									 int subplan_index, int eflags);
extern TupleTableSlot *vercelExecForeignInsert(EState *estate, ResultRelInfo *rinfo, TupleTableSlot *slot,
											   TupleTableSlot *planSlot);
extern TupleTableSlot *vercelExecForeignDelete(EState *estate, ResultRelInfo *rinfo, TupleTableSlot *slot,
											   TupleTableSlot *planSlot);
extern void vercelEndForeignModify(EState *estate, ResultRelInfo *rinfo);
extern void vercelBeginForeignInsert(ModifyTableState *mtstate, ResultRelInfo *rinfo);
extern int	vercelIsForeignRelUpdatable(Relation rel);
extern void vercelExplainForeignModify(ModifyTableState *mtstate, ResultRelInfo *rinfo, List *fdw_private,
									   int subplan_index, struct ExplainState *es);

/* xact.c */
extern void register_transaction_callbacks(void);

/* import.c */
extern List *vercelImportForeignSchema(ImportForeignSchemaStmt *stmt, Oid serverOid);

#endif
