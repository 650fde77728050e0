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

func cursorOf(h C.uintptr_t) vtab.Cursor { return cgo.Handle(h).Value().(vtab.Cursor) }

//export goOpen
func goOpen(tab *C.sqlite3_vtab, h C.uintptr_t, out *C.uintptr_t) (rc C.int) {
	defer recovered(&rc, func(err error) { setVtabError(tab, err) })
	c, err := cgo.Handle(h).Value().(vtab.VTable).Open()
	if err != nil {
		setVtabError(tab, err)
		return sqliteError
	}
	*out = C.uintptr_t(cgo.NewHandle(c))
	return sqliteOK
}

//export goClose
func goClose(h C.uintptr_t) {
	defer func() { recover() }()
	cursorOf(h).Close()
	cgo.Handle(h).Delete()
}

//export goFilter
func goFilter(tab *C.sqlite3_vtab, h C.uintptr_t, idxNum C.int, idxStr *C.char, argc C.int, argv **C.sqlite3_value) (rc C.int) {
	defer recovered(&rc, func(err error) { setVtabError(tab, err) })
	vals := unsafe.Slice(argv, int(argc))
	args := make([]vtab.Value, len(vals))
	for i, v := range vals {
		if i < 31 && int(idxNum)&(1<<i) != 0 {
			args[i] = readList(v)
		} else {
			args[i] = readValue(v)
		}
	}
	str := ""
	if idxStr != nil {
		str = C.GoString(idxStr)
	}
	if err := cursorOf(h).Filter(str, args); err != nil {
		setVtabError(tab, err)
		return sqliteError
	}
	return sqliteOK
}

//export goNext
func goNext(tab *C.sqlite3_vtab, h C.uintptr_t) (rc C.int) {
	defer recovered(&rc, func(err error) { setVtabError(tab, err) })
	if err := cursorOf(h).Next(); err != nil {
		setVtabError(tab, err)
		return sqliteError
	}
	return sqliteOK
}

//export goEof
func goEof(h C.uintptr_t) (eof C.int) {
	defer func() {
		if recover() != nil {
			eof = 1
		}
	}()
	if cursorOf(h).EOF() {
		return 1
	}
	return 0
}

//export goColumn
func goColumn(h C.uintptr_t, ctx *C.sqlite3_context, i C.int) (rc C.int) {
	defer recovered(&rc, func(err error) { resultError(ctx, err) })
	v, err := cursorOf(h).Column(int(i))
	if err != nil {
		resultError(ctx, err)
		return sqliteError
	}
	resultValue(ctx, v)
	return sqliteOK
}

//export goRowid
func goRowid(tab *C.sqlite3_vtab, h C.uintptr_t, out *C.sqlite3_int64) (rc C.int) {
	defer recovered(&rc, func(err error) { setVtabError(tab, err) })
	id, err := cursorOf(h).RowID()
	if err != nil {
		setVtabError(tab, err)
		return sqliteError
	}
	*out = C.sqlite3_int64(id)
	return sqliteOK
}

func resultValue(ctx *C.sqlite3_context, v vtab.Value) {
	switch v.Kind {
	case vtab.Int:
		C.sfsql_result_int64(ctx, C.sqlite3_int64(v.I))
	case vtab.Float:
		C.sfsql_result_double(ctx, C.double(v.F))
	case vtab.Text, vtab.Blob:
		C.sfsql_result_text(ctx, (*C.char)(unsafe.Pointer(unsafe.StringData(v.S))), C.int(len(v.S)))
	default:
		C.sfsql_result_null(ctx)
	}
}

func resultError(ctx *C.sqlite3_context, err error) {
	msg := err.Error()
	cmsg := C.CString(msg)
	defer C.free(unsafe.Pointer(cmsg))
	C.sfsql_result_error(ctx, cmsg, C.int(len(msg)))
}

//export goFunction
func goFunction(db *C.sqlite3, conn *C.sfsql_conn, ctx *C.sqlite3_context, which, argc C.int, argv **C.sqlite3_value) {
	var rc C.int
	defer recovered(&rc, func(err error) { resultError(ctx, err) })
	e := engineOf(conn.engine)
	var args []vtab.Value
	for _, v := range unsafe.Slice(argv, int(argc)) {
		args = append(args, readValue(v))
	}
	f := vtab.Functions[which]
	v, err := f.Call(e, args)
	if err == nil && f.SwitchesOrg {
		err = registerTables(db, conn, e)
	}
	if err != nil {
		resultError(ctx, err)
		return
	}
	resultValue(ctx, v)
}
