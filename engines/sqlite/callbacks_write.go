package main

/*
#include "shim.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// The write callbacks of shim_write.c land here.

// errInsertUseFunction points an INSERT to the function that does it:
// SQLite has no RETURNING for virtual tables, so an INSERT could never show
// the new token's secret.
var errInsertUseFunction = errors.New("vercel_user_token: INSERT cannot show the new token's secret (SQLite has no RETURNING for virtual tables), so it is refused and nothing was created. Create the token with the table-valued function instead: select token_id, bearer_token from vercel_create_user_token('name', '2027-03-01T00:00:00Z', 'team_…' or NULL, 'prj_…' or NULL)")

//export goUpdate
func goUpdate(tableHandle C.uintptr_t, db *C.sqlite3, argc C.int, argv **C.sqlite3_value, stmt C.uintptr_t, run C.int, sql *C.char, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	t := handleValue[*table](tableHandle)
	args := unsafe.Slice(argv, argc)
	op := "UPDATE"
	switch {
	case argc == 1:
		op = "DELETE"
	case C.shim_value_type(args[0]) == C.SQLITE_NULL:
		op = "INSERT"
	}
	if err := t.planner.CheckModify(op); err != nil {
		return setError(pzErr, err)
	}
	if op == "INSERT" {
		return setError(pzErr, errInsertUseFunction)
	}
	seen, ok := t.identities.token(int64(C.shim_value_int64(args[0])))
	if !ok {
		return setError(pzErr, fmt.Errorf("%s: DELETE of a row the scan did not give (internal error): nothing was revoked", t.name))
	}
	w := writesOf(uintptr(unsafe.Pointer(db)))
	st, err := w.statement(statementKey{stmt: uintptr(stmt), run: int(run), sql: optionalString(sql)})
	if err != nil {
		return setError(pzErr, err)
	}
	token := seen.token
	if !seen.currentKnown {
		if token.IsCurrent, err = w.isCurrent(token.ID); err != nil {
			st.Fail()
			return setError(pzErr, err)
		}
	}
	if err := st.Revoke(token); err != nil {
		return setError(pzErr, err)
	}
	return C.SQLITE_OK
}

//export goBegin
func goBegin(tableHandle C.uintptr_t, db *C.sqlite3, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	if !handleValue[*table](tableHandle).planner.Writable() {
		return C.SQLITE_OK // its xUpdate refuses every change
	}
	if err := writesOf(uintptr(unsafe.Pointer(db))).begin(); err != nil {
		return setError(pzErr, err)
	}
	return C.SQLITE_OK
}

//export goSync
func goSync(db *C.sqlite3, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	if err := writesOf(uintptr(unsafe.Pointer(db))).sync(); err != nil {
		return setError(pzErr, err)
	}
	return C.SQLITE_OK
}

//export goEndTransaction
func goEndTransaction(db *C.sqlite3, rollback C.int) {
	defer func() { _ = recover() }()
	writesOf(uintptr(unsafe.Pointer(db))).end(rollback != 0)
}

//export goSavepoint
func goSavepoint(db *C.sqlite3, level C.int, release C.int) {
	defer func() { _ = recover() }()
	writesOf(uintptr(unsafe.Pointer(db))).savepoint(int(level), release != 0)
}

//export goRollbackTo
func goRollbackTo(db *C.sqlite3, level C.int, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	if err := writesOf(uintptr(unsafe.Pointer(db))).rollbackTo(int(level)); err != nil {
		return setError(pzErr, err)
	}
	return C.SQLITE_OK
}

//export goForgetConnection
func goForgetConnection(db *C.sqlite3) {
	forgetWrites(uintptr(unsafe.Pointer(db)))
}

func optionalString(s *C.char) string {
	if s == nil {
		return ""
	}
	return C.GoString(s)
}
