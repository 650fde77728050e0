// The one C bridge between SQLite's virtual-table interface and the Go
// engine; attached to chosen connections by sessions (sfsql_attach) and
// loaded by hosts as sfsql.so (sqlite3_sfsql_init).
#ifndef SFSQL_BRIDGE_H
#define SFSQL_BRIDGE_H
#include <stdint.h>
#include <sqlite3ext.h>

typedef struct sfsql_conn {
  uintptr_t engine; // cgo.Handle of the connection's Go engine
  int refs;         // modules still registered
} sfsql_conn;

typedef struct sfsql_aux {
  sfsql_conn *conn;
  char *name;
} sfsql_aux;

int sfsql_register_module(sqlite3 *db, sfsql_conn *conn, const char *name);
int sfsql_register_function(sqlite3 *db, sfsql_conn *conn, const char *name, int nargs, int which);
int sfsql_attach(sqlite3 *db, const sqlite3_api_routines *api, uintptr_t engine, char **pzErrMsg);
void sfsql_set_vtab_error(sqlite3_vtab *tab, const char *msg);

int sfsql_value_type(sqlite3_value *v);
sqlite3_int64 sfsql_value_int64(sqlite3_value *v);
double sfsql_value_double(sqlite3_value *v);
const unsigned char *sfsql_value_text(sqlite3_value *v);
int sfsql_value_bytes(sqlite3_value *v);
int sfsql_in_first(sqlite3_value *v, sqlite3_value **out);
int sfsql_in_next(sqlite3_value *v, sqlite3_value **out);
int sfsql_rhs_value(sqlite3_index_info *info, int i, sqlite3_value **out);
int sfsql_vtab_in(sqlite3_index_info *info, int i, int handle);
const char *sfsql_vtab_collation(sqlite3_index_info *info, int i);
void sfsql_result_null(sqlite3_context *ctx);
void sfsql_result_int64(sqlite3_context *ctx, sqlite3_int64 v);
void sfsql_result_double(sqlite3_context *ctx, double v);
void sfsql_result_text(sqlite3_context *ctx, const char *s, int n);
void sfsql_result_error(sqlite3_context *ctx, const char *s, int n);
char *sfsql_mprintf(const char *s);
int sfsql_declare_vtab(sqlite3 *db, const char *schema);
#endif
