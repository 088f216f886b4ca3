/* IMPORT FOREIGN SCHEMA: the table definitions come from the Go half. */
#include "fdw.h"

#include "miscadmin.h"

List *
vercelImportForeignSchema(ImportForeignSchemaStmt *stmt, Oid serverOid)
{
	GoServer	server;
	GoFailure	failure = {0};
	List	   *statements = NIL;
	char	  **array;
	int			count = 0;

	server_args(serverOid, GetUserId(), &server);
	array = goImport(&server, stmt->remote_schema, &count, &failure);
	if (array == NULL)
		raise_go_failure(&failure);
	for (int i = 0; i < count; i++)
		statements = lappend(statements, take_go_string(array[i]));
	free(array);
	return statements;
}
