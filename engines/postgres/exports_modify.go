package main

/*
#include "bridge.h"
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"

	"github.com/tokenaudit/steampipe-plugin-vercel/internal/tokenwrite"
)

// The callbacks of modify.c and xact.c land here; like exports.go, every
// function recovers (before it looks up a handle: a panic's failure needs
// no server name, its hint says it is a bug), and none waits on the API
// except the transaction's end (see goXactPreCommit).

// goModifyPlan refuses, while planning, a modification the table does not
// take; op is INSERT, UPDATE or DELETE, columns an INSERT's.
//
//export goModifyPlan
func goModifyPlan(server *C.GoServer, table, op *C.char, columns **C.char, ncolumns C.int, f *C.GoFailure) (ok C.int) {
	s := settings(server)
	defer recoverInto(&ok, f, s.name)
	if err := checkModify(s, C.GoString(table), C.GoString(op), goStrings(columns, int(ncolumns))); err != nil {
		return fail(f, err, s.name)
	}
	return 1
}

// goModifyExplain says what a modification asks of the API; malloc'd.
//
//export goModifyExplain
func goModifyExplain(op *C.char) *C.char {
	defer func() { _ = recover() }()
	return C.CString(explainModify(C.GoString(op)))
}

// goModifyBegin starts an INSERT or DELETE statement in the server's
// transaction and returns its handle, with for an INSERT the read end of
// its pipe in fd; 0 with f filled when it cannot start.
//
//export goModifyBegin
func goModifyBegin(server *C.GoServer, connection, op *C.char, columns **C.char, ncolumns C.int,
	attributes **C.char, nattributes C.int, fd *C.int, f *C.GoFailure) (handle C.uintptr_t) {
	s := settings(server)
	var ok C.int = 1
	defer func() {
		recoverInto(&ok, f, s.name)
		if ok == 0 {
			handle = 0
		}
	}()
	target := scanTarget{connection: C.GoString(connection), attributes: goStrings(attributes, int(nattributes))}
	m, err := beginModify(s, C.GoString(op), goStrings(columns, int(ncolumns)), target)
	if err != nil {
		ok = fail(f, err, s.name)
		return 0
	}
	if m.open {
		*fd = C.int(m.readFD) // a DELETE has no pipe: fd stays -1
	}
	return C.uintptr_t(cgo.NewHandle(m))
}

// goModifyInsert starts creating the token of one INSERT row: values holds
// one string or NULL per column of the INSERT.
//
//export goModifyInsert
func goModifyInsert(handle C.uintptr_t, values **C.char, f *C.GoFailure) (ok C.int) {
	defer recoverInto(&ok, f, "")
	m := cgo.Handle(handle).Value().(*modify)
	row := make([]*string, len(m.columns))
	slots := unsafe.Slice(values, len(m.columns))
	for i, v := range slots {
		if v != nil {
			text := C.GoString(v)
			row[i] = &text
		}
	}
	if err := m.startCreate(row); err != nil {
		return fail(f, err, m.stx.name)
	}
	return 1
}

// goModifyInserted takes the created token's row without waiting: GO_SCAN_ROW
// with values filled (one malloc'd string or NULL per attribute),
// GO_SCAN_WAIT, or GO_SCAN_ERROR with f filled.
//
//export goModifyInserted
func goModifyInserted(handle C.uintptr_t, values **C.char, f *C.GoFailure) (status C.int) {
	defer recoverStatus(&status, f)
	m := cgo.Handle(handle).Value().(*modify)
	row, done, err := m.createdRow()
	switch {
	case !done:
		return C.GO_SCAN_WAIT
	case err != nil:
		fail(f, err, m.stx.name)
		return C.GO_SCAN_ERROR
	}
	putRow(values, row)
	return C.GO_SCAN_ROW
}

// goModifyDelete queues the revocation of one DELETE row's token; counted
// is set to 0 for a token the statement queued before.
//
//export goModifyDelete
func goModifyDelete(handle C.uintptr_t, id, name *C.char, isCurrent C.int, counted *C.int, f *C.GoFailure) (ok C.int) {
	defer recoverInto(&ok, f, "")
	m := cgo.Handle(handle).Value().(*modify)
	first, err := m.revoke(tokenwrite.Token{ID: C.GoString(id), Name: optionalString(name), IsCurrent: isCurrent != 0})
	if err != nil {
		return fail(f, err, m.stx.name)
	}
	*counted = 0
	if first {
		*counted = 1
	}
	return 1
}

// goModifyEnd ends a statement and forgets its handle: from
// EndForeignModify, or when the query's memory goes after an error.
//
//export goModifyEnd
func goModifyEnd(handle C.uintptr_t) {
	defer func() { _ = recover() }()
	h := cgo.Handle(handle)
	h.Value().(*modify).end()
	h.Delete()
}

// goXactPreCommit makes the transaction's revocations. It waits on the API
// inside Go, deliberately: a COMMIT runs to its end or to the first failure,
// so that its account is exact; a cancel cannot stop it halfway.
//
//export goXactPreCommit
func goXactPreCommit(f *C.GoFailure) (ok C.int) {
	defer recoverInto(&ok, f, "")
	if err := commitTransaction(); err != nil {
		return fail(f, err, "")
	}
	return 1
}

// goXactPrePrepare refuses PREPARE TRANSACTION of a transaction with writes.
//
//export goXactPrePrepare
func goXactPrePrepare(f *C.GoFailure) (ok C.int) {
	defer recoverInto(&ok, f, "")
	if err := preparable(); err != nil {
		return fail(f, err, "")
	}
	return 1
}

// goXactAbort rolls the transaction back; it returns a malloc'd warning
// naming the created tokens it could not revoke, or NULL.
//
//export goXactAbort
func goXactAbort() (warning *C.char) {
	defer func() {
		if r := recover(); r != nil {
			warning = C.CString("steampipe_postgres_vercel: internal error while rolling back token writes")
		}
	}()
	if err := abortTransaction(); err != nil {
		return C.CString(err.Error())
	}
	return nil
}

// goSubXact follows a savepoint at nest level: event 0 started, 1 released,
// 2 rolled back; it returns a malloc'd warning, or NULL.
//
//export goSubXact
func goSubXact(level C.int, event C.int) (warning *C.char) {
	defer func() {
		if r := recover(); r != nil {
			warning = C.CString("steampipe_postgres_vercel: internal error at a savepoint")
		}
	}()
	if err := subtransaction(int(level), subEvent(event)); err != nil {
		return C.CString(err.Error())
	}
	return nil
}

// putRow fills values with a row's attributes for the C half: a malloc'd
// string, or NULL, each.
func putRow(values **C.char, row []*string) {
	out := unsafe.Slice(values, len(row))
	for i, v := range row {
		out[i] = nil
		if v != nil {
			out[i] = C.CString(*v)
		}
	}
}
