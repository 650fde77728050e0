// Package auto registers the sfsql bridge with the SQLite that
// mattn/go-sqlite3 bundles, so every connection it opens has the tables.
package auto

/*
#include <sqlite3.h>
extern int sqlite3_sfsql_init(sqlite3 *, char **, const void *);
static int sfsql_register_auto(void) {
  return sqlite3_auto_extension((void (*)(void))sqlite3_sfsql_init);
}
*/
import "C"

import (
	"fmt"
	"sync"

	_ "github.com/mattn/go-sqlite3" // the SQLite the extension registers with

	"github.com/sfsql/sfsql/vtab/bridge"
)

var once sync.Once

// Register installs the bridge for all later connections, with f making
// each connection's engine. Call it before the first sql.Open.
func Register(f bridge.Factory) error {
	bridge.SetFactory(f)
	var rc C.int
	once.Do(func() { rc = C.sfsql_register_auto() })
	if rc != 0 {
		return fmt.Errorf("sqlite3_auto_extension: code %d", rc)
	}
	return nil
}
