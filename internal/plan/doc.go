// Package plan is the one planner every engine asks how to scan a plugin
// table: get or list, with which key columns and values, which columns to
// fetch and how many rows the scan may stop after. SQLite and PostgreSQL only
// translate their host's question into a Request and the answer's Cost into
// their host's numbers; the Plan itself crosses C as its JSON encoding.
//
// Modifications are checked here too (modify.go): which tables take INSERT
// and DELETE, which columns an INSERT may set, what a DELETE's scan must
// fetch (RowIdentity) and what EXPLAIN says they ask of the API.
package plan
