package main

/*
#include "shim.h"
*/
import "C"

import (
	"context"
	"fmt"
	"runtime/cgo"
	"strings"
	"time"
	"unsafe"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/sqlscan"
	"github.com/tokenaudit/steampipe-plugin-vercel/internal/tokenwrite"
	"github.com/tokenaudit/steampipe-plugin-vercel/vercel"
)

// createFunction is the table-valued function that creates a token and
// returns its row of vercel_user_token, bearer_token included: SQLite has
// no RETURNING for virtual tables, so an INSERT could not show the secret.
const createFunction = "vercel_create_user_token"

// createTable is the table whose row the function returns.
const createTable = "vercel_user_token"

// createArguments are the function's arguments, hidden columns after the
// table's own, in tokenwrite's order.
var createArguments = []string{"new_name", "new_expires_at", "new_team_id", "new_project_id"}

//export goCreateDeclare
func goCreateDeclare(db *C.sqlite3, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	t, err := loadedTable(createTable)
	if err != nil {
		return setError(pzErr, err)
	}
	defs := make([]string, 0, len(t.columns)+len(createArguments))
	for _, c := range t.columns {
		defs = append(defs, sqlscan.QuoteIdentifier(c.GetName())+" "+sqliteType(c.GetType()))
	}
	for _, a := range createArguments {
		defs = append(defs, a+" HIDDEN")
	}
	sql := fmt.Sprintf("CREATE TABLE x(%s)", strings.Join(defs, ", "))
	rc = withCString(sql, func(s *C.char) C.int { return C.shim_declare_vtab(db, s) })
	if rc != C.SQLITE_OK {
		return setError(pzErr, fmt.Errorf("declare the schema of %s: SQLite error %d", createFunction, rc))
	}
	return C.SQLITE_OK
}

// goCreateBestIndex takes each argument given (an = constraint on its
// hidden column) into xFilter's argv, in argument order; idxNum has bit i
// set for argument i.
//
//export goCreateBestIndex
func goCreateBestIndex(info *C.sqlite3_index_info, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	t, err := loadedTable(createTable)
	if err != nil {
		return setError(pzErr, err)
	}
	n := int(info.nConstraint)
	constraints := unsafe.Slice(info.aConstraint, n)
	usage := unsafe.Slice(info.aConstraintUsage, n)
	given := make([]int, len(createArguments)) // constraint index + 1
	for i, c := range constraints {
		arg := int(c.iColumn) - len(t.columns)
		if arg < 0 || arg >= len(createArguments) || c.op != C.SQLITE_INDEX_CONSTRAINT_EQ {
			continue
		}
		if c.usable == 0 {
			// Another plan will give this argument.
			info.estimatedCost = 1e12
			return C.SQLITE_OK
		}
		given[arg] = i + 1
	}
	argc, idxNum := 0, 0
	for arg, c := range given {
		if c == 0 {
			continue
		}
		argc++
		usage[c-1].argvIndex = C.int(argc)
		usage[c-1].omit = 1
		idxNum |= 1 << arg
	}
	info.idxNum = C.int(idxNum)
	info.estimatedCost = 1
	info.estimatedRows = 1
	return C.SQLITE_OK
}

// createCall is one cursor of the function: the token it created.
type createCall struct {
	db      uintptr
	args    []*string
	created *vercel.CreatedToken
	eof     bool
}

//export goCreateOpen
func goCreateOpen(db *C.sqlite3) C.uintptr_t {
	return C.uintptr_t(cgo.NewHandle(&createCall{db: uintptr(unsafe.Pointer(db)), eof: true}))
}

//export goCreateClose
func goCreateClose(call C.uintptr_t) {
	cgo.Handle(call).Delete()
}

//export goCreateFilter
func goCreateFilter(callHandle C.uintptr_t, idxNum C.int, argc C.int, argv **C.sqlite3_value, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	call := handleValue[*createCall](callHandle)
	call.created, call.eof = nil, true
	values := unsafe.Slice(argv, argc)
	call.args = make([]*string, len(createArguments))
	next := 0
	for arg := range createArguments {
		if idxNum&(1<<arg) == 0 || next >= len(values) {
			continue
		}
		if C.shim_value_type(values[next]) != C.SQLITE_NULL {
			text := valueText(values[next])
			call.args[arg] = &text
		}
		next++
	}
	created, err := call.create()
	if err != nil {
		return setError(pzErr, fmt.Errorf("%s: %w", createFunction, err))
	}
	call.created, call.eof = created, false
	return C.SQLITE_OK
}

// create makes the token: inside a transaction of vercel_user_token (one
// that a DELETE opened) its rollback revokes it; elsewhere it stands once
// the statement runs, SQLite telling a virtual table about a transaction
// only when the table is written.
func (call *createCall) create() (*vercel.CreatedToken, error) {
	in := tokenwrite.Input{Name: call.args[0], ExpiresAt: call.args[1], Team: call.args[2], ProjectID: call.args[3]}
	nt, err := in.NewToken(time.Now())
	if err != nil {
		return nil, err
	}
	engine, err := currentEngine()
	if err != nil {
		return nil, err
	}
	defer engine.ForgetCachedRows()
	ctx := context.Background()
	if w := writesOf(call.db); w.tx != nil {
		if err := w.sameConfig(); err != nil {
			return nil, err
		}
		return w.tx.Create(ctx, nt)
	}
	writer, err := engine.TokenWriter()
	if err != nil {
		return nil, err
	}
	created, err := writer.Create(ctx, nt)
	if err != nil {
		return nil, fmt.Errorf("creating token %q: %w", nt.Name, err)
	}
	return created, nil
}

//export goCreateNext
func goCreateNext(call C.uintptr_t) {
	handleValue[*createCall](call).eof = true
}

//export goCreateEof
func goCreateEof(call C.uintptr_t) C.int {
	if handleValue[*createCall](call).eof {
		return 1
	}
	return 0
}

//export goCreateColumn
func goCreateColumn(callHandle C.uintptr_t, ctx *C.sqlite3_context, column C.int) {
	call := handleValue[*createCall](callHandle)
	t, err := loadedTable(createTable)
	if err != nil || call.created == nil {
		C.shim_result_null(ctx)
		return
	}
	i := int(column)
	if i >= len(t.columns) {
		if arg := i - len(t.columns); arg < len(call.args) && call.args[arg] != nil {
			resultText(ctx, *call.args[arg])
			return
		}
		C.shim_result_null(ctx)
		return
	}
	value, _ := call.created.Value(t.columns[i].GetName())
	resultValue(ctx, value)
}
