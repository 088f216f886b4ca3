package main

/*
#include "shim.h"
*/
import "C"

import (
	"fmt"
	"runtime/cgo"
	"unsafe"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/plan"
)

// The sqlite3_module callbacks of shim.c land here. C keeps Go objects only
// as cgo.Handle values (in shim_vtab.table and shim_cursor.cursor), never as
// Go pointers.

func handleValue[T any](h C.uintptr_t) T {
	return cgo.Handle(h).Value().(T)
}

//export goConnect
func goConnect(db *C.sqlite3, tableName *C.char, out *C.uintptr_t, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	t, err := loadedTable(C.GoString(tableName))
	if err != nil {
		return setError(pzErr, err)
	}
	rc = withCString(t.createStatement(), func(sql *C.char) C.int { return C.shim_declare_vtab(db, sql) })
	if rc != C.SQLITE_OK {
		setError(pzErr, fmt.Errorf("declare the schema of %s: SQLite error %d", t.name, rc))
		return rc
	}
	*out = C.uintptr_t(cgo.NewHandle(t))
	return C.SQLITE_OK
}

//export goDisconnect
func goDisconnect(tableHandle C.uintptr_t) {
	cgo.Handle(tableHandle).Delete()
}

//export goOpen
func goOpen(tableHandle C.uintptr_t, out *C.uintptr_t, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	engine, err := currentEngine()
	if err != nil {
		return setError(pzErr, err)
	}
	c := &cursor{table: handleValue[*table](tableHandle), engine: engine}
	*out = C.uintptr_t(cgo.NewHandle(c))
	return C.SQLITE_OK
}

//export goClose
func goClose(cursorHandle C.uintptr_t) {
	h := cgo.Handle(cursorHandle)
	h.Value().(*cursor).close()
	h.Delete()
}

// goFilter and goNext, like goAwait, return SHIM_PENDING when the row they
// move to has not come within one wait: the shim then checks for an
// interrupt and calls goAwait.
//
//export goFilter
func goFilter(cursorHandle C.uintptr_t, idxStr *C.char, argc C.int, argv **C.sqlite3_value, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	p, err := plan.Decode(C.GoString(idxStr))
	if err != nil {
		return setError(pzErr, err)
	}
	return moved(handleValue[*cursor](cursorHandle).filter(p, filterArgs(unsafe.Slice(argv, argc))))(pzErr)
}

//export goNext
func goNext(cursorHandle C.uintptr_t, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	return moved(handleValue[*cursor](cursorHandle).next())(pzErr)
}

//export goAwait
func goAwait(cursorHandle C.uintptr_t, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	return moved(handleValue[*cursor](cursorHandle).await())(pzErr)
}

// goStop ends the cursor's query: the statement was interrupted.
//
//export goStop
func goStop(cursorHandle C.uintptr_t) {
	handleValue[*cursor](cursorHandle).close()
}

// moved turns the outcome of a cursor move into the callback's result code.
func moved(pending bool, err error) func(pzErr **C.char) C.int {
	return func(pzErr **C.char) C.int {
		switch {
		case err != nil:
			return setError(pzErr, err)
		case pending:
			return C.SHIM_PENDING
		}
		return C.SQLITE_OK
	}
}

//export goEof
func goEof(cursorHandle C.uintptr_t) C.int {
	if handleValue[*cursor](cursorHandle).eof() {
		return 1
	}
	return 0
}

//export goColumn
func goColumn(cursorHandle C.uintptr_t, ctx *C.sqlite3_context, column C.int) C.int {
	resultValue(ctx, handleValue[*cursor](cursorHandle).value(int(column)))
	return C.SQLITE_OK
}

//export goRowid
func goRowid(cursorHandle C.uintptr_t) C.sqlite3_int64 {
	return C.sqlite3_int64(handleValue[*cursor](cursorHandle).rowid)
}
