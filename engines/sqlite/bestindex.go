package main

/*
#include "shim.h"
*/
import "C"

import "unsafe"

// goBestIndex reads sqlite3_index_info into an indexRequest, lets the table
// plan and writes the answer back. The plan travels to xFilter as idxStr,
// allocated with sqlite3_malloc and freed by SQLite (needToFreeIdxStr).
//
//export goBestIndex
func goBestIndex(tableHandle C.uintptr_t, info *C.sqlite3_index_info, pzErr **C.char) (rc C.int) {
	defer recoverError(&rc, pzErr)
	n := int(info.nConstraint)
	req := indexRequest{
		constraints: make([]constraint, n),
		columnsUsed: uint64(info.colUsed),
		ordered:     info.nOrderBy > 0,
	}
	for i, c := range unsafe.Slice(info.aConstraint, n) {
		req.constraints[i] = constraint{
			column:    int(c.iColumn),
			op:        constraintOpOf(c.op),
			usable:    c.usable != 0,
			collation: C.GoString(C.shim_vtab_collation(info, C.int(i))),
		}
	}
	answer := handleValue[*table](tableHandle).bestIndex(req)
	idxStr, err := answer.plan.Encode()
	if err != nil {
		return setError(pzErr, err)
	}
	usage := unsafe.Slice(info.aConstraintUsage, n)
	for i, argvIndex := range answer.argvIndex {
		usage[i].argvIndex = C.int(argvIndex)
	}
	info.idxStr = C.shim_sqlite_string(stringData(idxStr), C.int(len(idxStr)))
	if info.idxStr == nil {
		return C.SQLITE_NOMEM
	}
	info.needToFreeIdxStr = 1
	info.estimatedCost = C.double(answer.estimatedCost)
	info.estimatedRows = C.sqlite3_int64(answer.estimatedRows)
	if answer.unique {
		info.idxFlags |= C.SQLITE_INDEX_SCAN_UNIQUE
	}
	return C.SQLITE_OK
}

func constraintOpOf(op C.uchar) constraintOp {
	switch op {
	case C.SQLITE_INDEX_CONSTRAINT_EQ:
		return opEquals
	case C.SQLITE_INDEX_CONSTRAINT_LIMIT:
		return opLimit
	case C.SQLITE_INDEX_CONSTRAINT_OFFSET:
		return opOffset
	default:
		return opOther
	}
}
