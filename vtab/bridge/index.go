package bridge

/*
#include <stdlib.h>
#include "bridge.h"
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"

	"github.com/sfsql/sfsql/vtab"
)

//export goBestIndex
func goBestIndex(tab *C.sqlite3_vtab, h C.uintptr_t, info *C.sqlite3_index_info, hasIn C.int) (rc C.int) {
	defer recovered(&rc, func(err error) { setVtabError(tab, err) })
	t := cgo.Handle(h).Value().(vtab.VTable)
	in := readIndexInfo(info, hasIn != 0)
	if err := t.BestIndex(in); err != nil {
		setVtabError(tab, err)
		return sqliteError
	}
	writeIndexInfo(info, in)
	return sqliteOK
}

func readIndexInfo(info *C.sqlite3_index_info, hasIn bool) *vtab.IndexInfo {
	in := &vtab.IndexInfo{ColUsed: uint64(info.colUsed)}
	cons := unsafe.Slice(info.aConstraint, int(info.nConstraint))
	for i, c := range cons {
		ic := vtab.IndexConstraint{Column: int(c.iColumn), Op: int(c.op), Usable: c.usable != 0}
		if coll := C.sfsql_vtab_collation(info, C.int(i)); coll != nil {
			ic.Collation = C.GoString(coll)
		}
		if hasIn && ic.Usable {
			ic.IsIn = C.sfsql_vtab_in(info, C.int(i), -1) != 0
			var v *C.sqlite3_value
			if C.sfsql_rhs_value(info, C.int(i), &v) == C.SQLITE_OK && v != nil {
				val := readValue(v)
				ic.RHS = &val
			}
		}
		in.Constraints = append(in.Constraints, ic)
	}
	for _, o := range unsafe.Slice(info.aOrderBy, int(info.nOrderBy)) {
		in.OrderBy = append(in.OrderBy, vtab.IndexOrder{Column: int(o.iColumn), Desc: o.desc != 0})
	}
	return in
}

// writeIndexInfo copies the plan back; idxNum's bit i marks argv[i] as a
// whole IN list (series.c-style plan encoding, the rest is in idxStr).
func writeIndexInfo(info *C.sqlite3_index_info, in *vtab.IndexInfo) {
	usage := unsafe.Slice(info.aConstraintUsage, int(info.nConstraint))
	idxNum := 0
	for i, u := range in.Usage {
		usage[i].argvIndex = C.int(u.ArgvIndex)
		usage[i].omit = 0
		if u.Omit {
			usage[i].omit = 1
		}
		if u.InWhole && u.ArgvIndex > 0 && u.ArgvIndex <= 31 {
			C.sfsql_vtab_in(info, C.int(i), 1)
			idxNum |= 1 << (u.ArgvIndex - 1)
		}
	}
	info.idxNum = C.int(idxNum)
	idxStr := C.CString(in.IdxStr)
	info.idxStr = C.sfsql_mprintf(idxStr)
	C.free(unsafe.Pointer(idxStr))
	info.needToFreeIdxStr = 1
	if in.OrderByConsumed {
		info.orderByConsumed = 1
	}
	info.estimatedCost = C.double(in.Cost)
	info.estimatedRows = C.sqlite3_int64(in.Rows)
}

func readValue(v *C.sqlite3_value) vtab.Value {
	switch C.sfsql_value_type(v) {
	case C.SQLITE_INTEGER:
		return vtab.IntValue(int64(C.sfsql_value_int64(v)))
	case C.SQLITE_FLOAT:
		return vtab.FloatValue(float64(C.sfsql_value_double(v)))
	case C.SQLITE_TEXT:
		p := C.sfsql_value_text(v)
		n := C.sfsql_value_bytes(v)
		return vtab.TextValue(C.GoStringN((*C.char)(unsafe.Pointer(p)), n))
	case C.SQLITE_BLOB:
		p := C.sfsql_value_text(v)
		n := C.sfsql_value_bytes(v)
		return vtab.Value{Kind: vtab.Blob, S: C.GoStringN((*C.char)(unsafe.Pointer(p)), n)}
	}
	return vtab.Value{}
}

func readList(v *C.sqlite3_value) vtab.Value {
	list := vtab.Value{Kind: vtab.List}
	var item *C.sqlite3_value
	for rc := C.sfsql_in_first(v, &item); rc == C.SQLITE_OK && item != nil; rc = C.sfsql_in_next(v, &item) {
		list.L = append(list.L, readValue(item))
	}
	return list
}
