// Package attach gives chosen connections of mattn/go-sqlite3 the sfsql
// tables: a session opens its connection through Connector, and no other
// connection of the process — a store file, a test's reference copy — ever
// sees them. Nothing is registered process-wide.
package attach

/*
#define SQLITE_CORE 1
#include <sqlite3.h>
#include <sqlite3ext.h>

// api is the routine table the bridge calls through, filled with the
// SQLite that mattn/go-sqlite3 links into this binary. Only the routines
// bridge.c uses are set.
static sqlite3_api_routines api;
static const sqlite3_api_routines *sfsql_api(void) { // called once, under apiOnce
  api.context_db_handle = sqlite3_context_db_handle;
  api.create_function_v2 = sqlite3_create_function_v2;
  api.create_module_v2 = sqlite3_create_module_v2;
  api.declare_vtab = sqlite3_declare_vtab;
  api.free = sqlite3_free;
  api.libversion_number = sqlite3_libversion_number;
  api.malloc = sqlite3_malloc;
  api.mprintf = sqlite3_mprintf;
  api.result_double = sqlite3_result_double;
  api.result_error = sqlite3_result_error;
  api.result_int64 = sqlite3_result_int64;
  api.result_null = sqlite3_result_null;
  api.result_text = sqlite3_result_text;
  api.user_data = sqlite3_user_data;
  api.value_bytes = sqlite3_value_bytes;
  api.value_double = sqlite3_value_double;
  api.value_int64 = sqlite3_value_int64;
  api.value_text = sqlite3_value_text;
  api.value_type = sqlite3_value_type;
  api.vtab_collation = sqlite3_vtab_collation;
  api.vtab_in = sqlite3_vtab_in;
  api.vtab_in_first = sqlite3_vtab_in_first;
  api.vtab_in_next = sqlite3_vtab_in_next;
  api.vtab_rhs_value = sqlite3_vtab_rhs_value;
  return &api;
}
*/
import "C"

import (
	"context"
	"database/sql/driver"
	"fmt"
	"reflect"
	"sync"
	"unsafe"

	"github.com/mattn/go-sqlite3"

	"github.com/sfsql/sfsql/vtab"
	"github.com/sfsql/sfsql/vtab/bridge"
)

var (
	apiOnce sync.Once
	api     unsafe.Pointer
)

// Connector opens connections to dsn that each get the tables of the
// engine newEngine makes for them (sql.OpenDB(Connector(...))).
func Connector(dsn string, newEngine func() (*vtab.Engine, error)) driver.Connector {
	d := &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		e, err := newEngine()
		if err != nil {
			return err
		}
		return Conn(c, e)
	}}
	return connector{dsn: dsn, driver: d}
}

// Conn attaches an engine's tables to one open connection.
func Conn(c *sqlite3.SQLiteConn, e *vtab.Engine) error {
	db := rawHandle(c)
	if db == nil {
		return fmt.Errorf("sfsql: no SQLite handle on the connection")
	}
	apiOnce.Do(func() { api = unsafe.Pointer(C.sfsql_api()) })
	return bridge.Attach(db, api, e)
}

// rawHandle is the connection's sqlite3*: mattn/go-sqlite3 keeps it in an
// unexported field and offers no accessor.
func rawHandle(c *sqlite3.SQLiteConn) unsafe.Pointer {
	f := reflect.ValueOf(c).Elem().FieldByName("db")
	if !f.IsValid() || f.Kind() != reflect.Pointer {
		return nil
	}
	return f.UnsafePointer()
}

type connector struct {
	dsn    string
	driver *sqlite3.SQLiteDriver
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.driver.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.driver }
