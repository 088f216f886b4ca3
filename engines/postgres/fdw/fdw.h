/*
 * The C half of steampipe_postgres_vercel. It only marshals between
 * PostgreSQL's FDW API and the Go half's //export functions, whose
 * prototypes come from the c-archive's generated header.
 */
#ifndef STEAMPIPE_POSTGRES_VERCEL_FDW_H
#define STEAMPIPE_POSTGRES_VERCEL_FDW_H

#include "postgres.h"

#include "foreign/fdwapi.h"
#include "libsteampipe_vercel.h"

extern void server_args(Oid serverid, Oid userid, GoServer *out);
extern char *take_go_string(char *s);
extern void raise_go_failure(GoFailure *f) pg_attribute_noreturn();

/* plan.c */
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

/* import.c */
extern List *vercelImportForeignSchema(ImportForeignSchemaStmt *stmt, Oid serverOid);

#endif
