// Package bridge adapts the vtab engine to SQLite through one C file: the
// CLI registers it with sqlite3_auto_extension, sfsql.so exports its entry
// point sqlite3_sfsql_init.
package bridge

/*
#cgo CFLAGS: -O2
#cgo linux LDFLAGS: -lm
#include <stdlib.h>
#include "bridge.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime/cgo"
	"sync"
	"unsafe"

	"github.com/sfsql/sfsql/vtab"
)

// Factory makes the engine for a new SQLite connection.
type Factory func() (*vtab.Engine, error)

var (
	factoryMu sync.Mutex
	factory   Factory
)

// SetFactory sets how connections get their engine.
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
func goInit(db *C.sqlite3, conn *C.sfsql_conn, errOut **C.char) (rc C.int) {
	defer recovered(&rc, func(err error) { *errOut = cError(err) })
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
	conn.engine = C.uintptr_t(cgo.NewHandle(e))
	if err := register(db, conn, e.CatalogueNames()); err != nil {
		*errOut = cError(err)
		return sqliteError
	}
	if more, err := e.DiscoverNames(); err == nil {
		if err := register(db, conn, more); err != nil {
			*errOut = cError(err)
			return sqliteError
		}
	}
	return C.sfsql_register_functions(db, conn)
}

// registered remembers, per connection, the table names already modules.
var registered sync.Map // *C.sfsql_conn → map[string]bool

func register(db *C.sqlite3, conn *C.sfsql_conn, names []string) error {
	v, _ := registered.LoadOrStore(conn, &sync.Map{})
	done := v.(*sync.Map)
	for _, name := range names {
		if _, ok := done.Load(name); ok {
			continue
		}
		cname := C.CString(name)
		rc := C.sfsql_register_module(db, conn, cname)
		C.free(unsafe.Pointer(cname))
		if rc != sqliteOK {
			return fmt.Errorf("register table %s: code %d", name, rc)
		}
		done.Store(name, true)
	}
	return nil
}

// registerDiscovered adds tables for the objects of the org the engine now
// points at (after sfsql_connect or sfsql_demo).
func registerDiscovered(db *C.sqlite3, conn *C.sfsql_conn, e *vtab.Engine) error {
	names, err := e.DiscoverNames()
	if err != nil {
		return err
	}
	return register(db, conn, names)
}

//export goReleaseEngine
func goReleaseEngine(conn *C.sfsql_conn) {
	defer func() { recover() }()
	registered.Delete(conn)
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
