// Package plan is the one planner every engine asks how to scan a plugin
// table: get or list, with which key columns and values, which columns to
// fetch and how many rows the scan may stop after. SQLite and PostgreSQL only
// translate their host's question into a Request and the answer's Cost into
// their host's numbers; the Plan itself crosses C as its JSON encoding.
//
// A modification (INSERT, DELETE) is planned here too, next to the scan it
// starts from; this package holds only scans so far.
package plan
