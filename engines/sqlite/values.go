package main

/*
#include "shim.h"
*/
import "C"

import (
	"unsafe"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/render"
)

// resultValue hands a column value from sdkquery.ColumnValue to SQLite as
// render.SQL has it. Timestamps are text that SQLite's date functions read
// and that, having a fixed width, sorts in time order.
func resultValue(ctx *C.sqlite3_context, value any) {
	switch v := render.SQL(value).(type) {
	case nil:
		C.shim_result_null(ctx)
	case string:
		resultText(ctx, v)
	case int64:
		C.shim_result_int64(ctx, C.sqlite3_int64(v))
	case float64:
		C.shim_result_double(ctx, C.double(v))
	}
}

func resultText(ctx *C.sqlite3_context, s string) {
	C.shim_result_text(ctx, stringData(s), C.int(len(s)))
}

// filterArgs reads xFilter's argv: the plan's parameters.
func filterArgs(argv []*C.sqlite3_value) []plan.Param {
	params := make([]plan.Param, len(argv))
	for i, v := range argv {
		if C.shim_value_type(v) == C.SQLITE_NULL {
			params[i].Null = true
			continue
		}
		params[i].Text = valueText(v)
		params[i].Integer = int64(C.shim_value_int64(v))
	}
	return params
}

// valueText is a value as text, as SQLite compares it with a TEXT column.
func valueText(v *C.sqlite3_value) string {
	text := C.shim_value_text(v) // before shim_value_bytes, which then counts the text
	return C.GoStringN((*C.char)(unsafe.Pointer(text)), C.shim_value_bytes(v))
}
