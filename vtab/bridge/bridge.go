// Package bridge adapts the vtab engine to SQLite through one C file:
// sessions attach it to the connections they choose (Attach), and sfsql.so
// exports its entry point sqlite3_sfsql_init for the hosts that load it.
package bridge

/*
#cgo CFLAGS: -O2
#cgo linux LDFLAGS: -lm
#include <stdlib.h>
#include "bridge.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"runtime/cgo"
	"sync"
	"unsafe"

	"github.com/sfsql/sfsql/vtab"
)

// Factory makes the engine of a connection that loads sfsql.so.
type Factory func() (*vtab.Engine, error)

var (
	factoryMu sync.Mutex
	factory   Factory
)

// SetFactory sets how connections that load sfsql.so get their engine;
// only the extension's package main calls it.
func SetFactory(f Factory) {
	factoryMu.Lock()
	defer factoryMu.Unlock()
	factory = f
}

func currentFactory() Factory {
	factoryMu.Lock()
	defer factoryMu.Unlock()
	return factory
}

// Attach gives the SQLite connection db (a sqlite3*) the tables and
// functions of e. api is the sqlite3_api_routines table of the SQLite that
// db belongs to.
func Attach(db, api unsafe.Pointer, e *vtab.Engine) error {
	h := cgo.NewHandle(e)
	var errOut *C.char
	rc := C.sfsql_attach((*C.sqlite3)(db), (*C.sqlite3_api_routines)(api), C.uintptr_t(h), &errOut)
	if rc != sqliteOK {
		msg := "sfsql attach failed"
		if errOut != nil {
			msg = C.GoString(errOut)
			C.free(unsafe.Pointer(errOut))
		}
		return errors.New(msg)
	}
	return nil
}

const (
	sqliteOK    = C.SQLITE_OK
	sqliteError = C.SQLITE_ERROR
)

// cError returns a malloc'd copy of an error message for C to free.
func cError(err error) *C.char { return C.CString(err.Error()) }

// recovered turns a panic into an error: a Go panic must never take the
// host process down.
func recovered(rc *C.int, report func(error)) {
	if r := recover(); r != nil {
		*rc = sqliteError
		report(fmt.Errorf("sfsql internal error: %v", r))
	}
}

func setVtabError(tab *C.sqlite3_vtab, err error) {
	msg := C.CString(err.Error())
	defer C.free(unsafe.Pointer(msg))
	C.sfsql_set_vtab_error(tab, msg)
}

//export goInit
func goInit(db *C.sqlite3, conn *C.sfsql_conn, engine C.uintptr_t, errOut **C.char) (rc C.int) {
	defer recovered(&rc, func(err error) { *errOut = cError(err) })
	if engine == 0 {
		f := currentFactory()
		if f == nil {
			*errOut = cError(errors.New("sfsql: no connection configured"))
			return sqliteError
		}
		e, err := f()
		if err != nil {
			*errOut = cError(err)
			return sqliteError
		}
		engine = C.uintptr_t(cgo.NewHandle(e))
	}
	conn.engine = engine
	e := engineOf(engine)
	if err := registerTables(db, conn, e); err != nil {
		*errOut = cError(err)
		return sqliteError
	}
	for i, f := range vtab.Functions {
		name := C.CString(f.Name)
		rc := C.sfsql_register_function(db, conn, name, C.int(f.Args), C.int(i))
		C.free(unsafe.Pointer(name))
		if rc != sqliteOK {
			*errOut = cError(fmt.Errorf("register function %s: code %d", f.Name, rc))
			return rc
		}
	}
	return sqliteOK
}

// registerTables makes every table of the engine's current org a module
// of the connection: the catalogue, and the org's other objects when it
// can list them. Registering a name again replaces its module, so SQLite
// connects the table afresh — with the current org's columns.
func registerTables(db *C.sqlite3, conn *C.sfsql_conn, e *vtab.Engine) error {
	names := e.CatalogueNames()
	if more, err := e.DiscoverNames(context.Background()); err == nil {
		names = append(names, more...)
	}
	for _, name := range names {
		cname := C.CString(name)
		rc := C.sfsql_register_module(db, conn, cname)
		C.free(unsafe.Pointer(cname))
		if rc != sqliteOK {
			return fmt.Errorf("register table %s: code %d", name, rc)
		}
	}
	return nil
}

//export goReleaseEngine
func goReleaseEngine(conn *C.sfsql_conn) {
	defer func() { recover() }()
	if conn.engine != 0 {
		cgo.Handle(conn.engine).Delete()
	}
}

func engineOf(h C.uintptr_t) *vtab.Engine { return cgo.Handle(h).Value().(*vtab.Engine) }

//export goConnect
func goConnect(db *C.sqlite3, engine C.uintptr_t, name *C.char, out *C.uintptr_t, errOut **C.char) (rc C.int) {
	defer recovered(&rc, func(err error) { *errOut = cError(err) })
	t, err := engineOf(engine).Connect(C.GoString(name))
	if err != nil {
		*errOut = cError(err)
		return sqliteError
	}
	schema := C.CString(t.Schema())
	defer C.free(unsafe.Pointer(schema))
	if rc := C.sfsql_declare_vtab(db, schema); rc != sqliteOK {
		*errOut = cError(fmt.Errorf("declare %s: code %d", C.GoString(name), rc))
		return rc
	}
	*out = C.uintptr_t(cgo.NewHandle(t))
	return sqliteOK
}

//export goRelease
func goRelease(h C.uintptr_t) {
	defer func() { recover() }()
	cgo.Handle(h).Delete()
}
