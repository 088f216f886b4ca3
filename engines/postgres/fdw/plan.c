/*
 * Planning: the C half reads what the query uses (columns, simple quals on
 * text columns, a LIMIT that may stop the scan early) and the Go half
 * chooses the plan, which travels to the executor as JSON in fdw_private.
 * Every qual is still checked locally.
 */
#include "fdw.h"

#include "access/sysattr.h"
#include "access/table.h"
#include "catalog/pg_operator_d.h"
#include "catalog/pg_type_d.h"
#include "commands/defrem.h"
#include "commands/explain.h"
#include "foreign/foreign.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "optimizer/pathnode.h"
#include "optimizer/planmain.h"
#include "optimizer/restrictinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

/* What planning hands from GetForeignRelSize to the later callbacks. */
typedef struct VercelPlan
{
	char	   *json;
	Cost		cost;
} VercelPlan;

/* Quals flattened for goPlan. */
typedef struct Quals
{
	List	   *columns;		/* char *, one per qual */
	List	   *counts;			/* int, values per qual */
	List	   *values;			/* char *, every qual's values in turn */
	int			others;			/* quals that are none of these */
} Quals;

static char **
string_array(List *strings)
{
	char	  **array = palloc0(sizeof(char *) * (list_length(strings) + 1));
	ListCell   *cell;
	int			i = 0;

	foreach(cell, strings)
		array[i++] = (char *) lfirst(cell);
	return array;
}

/* The plugin table a foreign table reads: its table option, or its name. */
char *
plugin_table(ForeignTable *table)
{
	ListCell   *cell;

	foreach(cell, table->options)
	{
		DefElem    *def = (DefElem *) lfirst(cell);

		if (strcmp(def->defname, "table") == 0)
			return defGetString(def);
	}
	return get_rel_name(table->relid);
}

/* The columns a scan must return: those in the target list or a qual. */
static List *
used_columns(RelOptInfo *baserel, Relation rel)
{
	Bitmapset  *attrs = NULL;
	TupleDesc	desc = RelationGetDescr(rel);
	ListCell   *cell;
	List	   *names = NIL;
	bool		whole_row;

	pull_varattnos((Node *) baserel->reltarget->exprs, baserel->relid, &attrs);
	foreach(cell, baserel->baserestrictinfo)
		pull_varattnos((Node *) ((RestrictInfo *) lfirst(cell))->clause, baserel->relid, &attrs);
	whole_row = bms_is_member(0 - FirstLowInvalidHeapAttributeNumber, attrs);
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped &&
			(whole_row || bms_is_member(att->attnum - FirstLowInvalidHeapAttributeNumber, attrs)))
			names = lappend(names, pstrdup(NameStr(att->attname)));
	}
	return names;
}

/* The column name of a Var of this relation, or NULL. */
static char *
rel_column(Node *node, Index relid, Relation rel)
{
	Var		   *var;

	if (node && IsA(node, RelabelType))
		node = (Node *) ((RelabelType *) node)->arg;
	if (node == NULL || !IsA(node, Var))
		return NULL;
	var = (Var *) node;
	if (var->varno != relid || var->varlevelsup != 0 || var->varattno <= 0)
		return NULL;
	return pstrdup(NameStr(TupleDescAttr(RelationGetDescr(rel), var->varattno - 1)->attname));
}

static Const *
non_null_const(Node *node)
{
	if (node && IsA(node, RelabelType))
		node = (Node *) ((RelabelType *) node)->arg;
	if (node == NULL || !IsA(node, Const) || ((Const *) node)->constisnull)
		return NULL;
	return (Const *) node;
}

/*
 * Adds clause to quals when it is text_column = 'value' or text_column =
 * any('{…}') (which is also how "in (…)" arrives); counts it as another
 * qual otherwise.
 */
static void
read_qual(Expr *clause, Index relid, Relation rel, Quals *quals)
{
	char	   *column = NULL;
	Const	   *value = NULL;

	if (IsA(clause, OpExpr) && ((OpExpr *) clause)->opno == TextEqualOperator &&
		list_length(((OpExpr *) clause)->args) == 2)
	{
		List	   *args = ((OpExpr *) clause)->args;

		column = rel_column(linitial(args), relid, rel);
		value = non_null_const(lsecond(args));
		if (column == NULL || value == NULL)
		{
			column = rel_column(lsecond(args), relid, rel);
			value = non_null_const(linitial(args));
		}
		if (column && value && value->consttype == TEXTOID)
		{
			quals->columns = lappend(quals->columns, column);
			quals->counts = lappend_int(quals->counts, 1);
			quals->values = lappend(quals->values, TextDatumGetCString(value->constvalue));
			return;
		}
	}
	else if (IsA(clause, ScalarArrayOpExpr) && ((ScalarArrayOpExpr *) clause)->useOr &&
			 ((ScalarArrayOpExpr *) clause)->opno == TextEqualOperator)
	{
		List	   *args = ((ScalarArrayOpExpr *) clause)->args;

		column = rel_column(linitial(args), relid, rel);
		value = non_null_const(lsecond(args));
		if (column && value && value->consttype == TEXTARRAYOID)
		{
			ArrayType  *array = DatumGetArrayTypeP(value->constvalue);
			Datum	   *elems;
			bool	   *nulls;
			int			n,
						count = 0;

			deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
			for (int i = 0; i < n; i++)
			{
				/* NULL never equals anything: it selects no row. */
				if (nulls[i])
					continue;
				quals->values = lappend(quals->values, TextDatumGetCString(elems[i]));
				count++;
			}
			quals->columns = lappend(quals->columns, column);
			quals->counts = lappend_int(quals->counts, count);
			return;
		}
	}
	quals->others++;
}

/*
 * The query's LIMIT (plus OFFSET) when it bounds this scan's rows: PG15
 * sets limit_tuples when there is no grouping, aggregate, window or
 * set-returning function; the scan must also be the query's only relation
 * and nothing may sort its rows first.
 */
static int64
scan_limit(PlannerInfo *root, RelOptInfo *baserel)
{
	Query	   *parse = root->parse;

	if (root->limit_tuples < 0 || baserel->reloptkind != RELOPT_BASEREL ||
		bms_membership(root->all_baserels) != BMS_SINGLETON ||
		parse->sortClause != NIL || parse->setOperations != NULL ||
		parse->distinctClause != NIL || parse->hasAggs || parse->hasWindowFuncs ||
		parse->hasTargetSRFs || parse->groupClause != NIL || parse->havingQual != NULL)
		return -1;
	return (int64) root->limit_tuples;
}

void
vercelGetForeignRelSize(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid)
{
	ForeignTable *table = GetForeignTable(foreigntableid);
	Oid			userid = OidIsValid(baserel->userid) ? baserel->userid : GetUserId();
	Relation	rel = table_open(foreigntableid, NoLock);
	Quals		quals = {NIL, NIL, NIL, 0};
	List	   *used = used_columns(baserel, rel);
	GoServer	server;
	VercelPlan *plan = palloc0(sizeof(VercelPlan));
	GoFailure	failure = {0};
	int		   *counts;
	ListCell   *cell;
	char	   *json = NULL;
	double		rows = 0,
				cost = 0;
	int			i = 0;

	foreach(cell, baserel->baserestrictinfo)
		read_qual(((RestrictInfo *) lfirst(cell))->clause, baserel->relid, rel, &quals);
	table_close(rel, NoLock);
	counts = palloc0(sizeof(int) * (list_length(quals.counts) + 1));
	foreach(cell, quals.counts)
		counts[i++] = lfirst_int(cell);

	server_args(table->serverid, userid, &server);
	if (!goPlan(&server, plugin_table(table),
				string_array(used), list_length(used),
				string_array(quals.columns), counts, string_array(quals.values),
				list_length(quals.columns), quals.others, scan_limit(root, baserel),
				&json, &rows, &cost, &failure))
		raise_go_failure(&failure);
	plan->json = take_go_string(json);
	plan->cost = cost;
	baserel->rows = rows;
	baserel->fdw_private = plan;
}

void
vercelGetForeignPaths(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid)
{
	VercelPlan *plan = (VercelPlan *) baserel->fdw_private;

	add_path(baserel, (Path *) create_foreignscan_path(root, baserel, NULL, baserel->rows,
													   10, plan->cost, NIL, baserel->lateral_relids,
													   NULL, NIL));
}

ForeignScan *
vercelGetForeignPlan(PlannerInfo *root, RelOptInfo *baserel, Oid foreigntableid,
					 ForeignPath *best_path, List *tlist, List *scan_clauses, Plan *outer_plan)
{
	VercelPlan *plan = (VercelPlan *) baserel->fdw_private;

	/* Every qual is rechecked here: the plan only narrows what is fetched. */
	scan_clauses = extract_actual_clauses(scan_clauses, false);
	return make_foreignscan(tlist, scan_clauses, baserel->relid, NIL,
							list_make1(makeString(plan->json)), NIL, NIL, outer_plan);
}

void
vercelExplainForeignScan(ForeignScanState *node, ExplainState *es)
{
	ForeignScan *scan = (ForeignScan *) node->ss.ps.plan;
	char	   *text = take_go_string(goExplain(strVal(linitial(scan->fdw_private))));

	ExplainPropertyText("Vercel API", text ? text : "", es);
}
