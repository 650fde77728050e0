#include <stdlib.h>
#include <string.h>
#include "bridge.h"
static const sqlite3_api_routines *sqlite3_api = 0; /* SQLITE_EXTENSION_INIT1, kept file-local */
#include "_cgo_export.h"

typedef struct sfsql_vtab {
  sqlite3_vtab base;
  uintptr_t h;
} sfsql_vtab;

typedef struct sfsql_cursor {
  sqlite3_vtab_cursor base;
  uintptr_t h;
} sfsql_cursor;

static int has_vtab_in(void) { return sqlite3_libversion_number() >= 3038000; }

void sfsql_set_vtab_error(sqlite3_vtab *tab, const char *msg) {
  sqlite3_free(tab->zErrMsg);
  tab->zErrMsg = sqlite3_mprintf("%s", msg);
}

static int xConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                    sqlite3_vtab **ppVtab, char **pzErr) {
  sfsql_aux *aux = (sfsql_aux *)pAux;
  char *err = 0;
  uintptr_t h = 0;
  int rc = goConnect(db, aux->conn->engine, aux->name, &h, &err);
  if (rc != SQLITE_OK) {
    *pzErr = sqlite3_mprintf("%s", err ? err : "connect failed");
    free(err);
    return rc;
  }
  sfsql_vtab *tab = sqlite3_malloc(sizeof(sfsql_vtab));
  if (!tab) return SQLITE_NOMEM;
  memset(tab, 0, sizeof(*tab));
  tab->h = h;
  *ppVtab = &tab->base;
  return SQLITE_OK;
}

static int xDisconnect(sqlite3_vtab *pVtab) {
  sfsql_vtab *tab = (sfsql_vtab *)pVtab;
  goRelease(tab->h);
  sqlite3_free(tab);
  return SQLITE_OK;
}

static int xBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *info) {
  sfsql_vtab *tab = (sfsql_vtab *)pVtab;
  return goBestIndex(pVtab, tab->h, info, has_vtab_in());
}

static int xOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  sfsql_vtab *tab = (sfsql_vtab *)pVtab;
  uintptr_t h = 0;
  int rc = goOpen(pVtab, tab->h, &h);
  if (rc != SQLITE_OK) return rc;
  sfsql_cursor *cur = sqlite3_malloc(sizeof(sfsql_cursor));
  if (!cur) return SQLITE_NOMEM;
  memset(cur, 0, sizeof(*cur));
  cur->h = h;
  *ppCursor = &cur->base;
  return SQLITE_OK;
}

static int xClose(sqlite3_vtab_cursor *pCur) {
  sfsql_cursor *cur = (sfsql_cursor *)pCur;
  goClose(cur->h);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int xFilter(sqlite3_vtab_cursor *pCur, int idxNum, const char *idxStr,
                   int argc, sqlite3_value **argv) {
  sfsql_cursor *cur = (sfsql_cursor *)pCur;
  return goFilter(pCur->pVtab, cur->h, idxNum, (char *)idxStr, argc, argv);
}

static int xNext(sqlite3_vtab_cursor *pCur) {
  return goNext(pCur->pVtab, ((sfsql_cursor *)pCur)->h);
}

static int xEof(sqlite3_vtab_cursor *pCur) {
  return goEof(((sfsql_cursor *)pCur)->h);
}

static int xColumn(sqlite3_vtab_cursor *pCur, sqlite3_context *ctx, int i) {
  return goColumn(((sfsql_cursor *)pCur)->h, ctx, i);
}

static int xRowid(sqlite3_vtab_cursor *pCur, sqlite3_int64 *pRowid) {
  return goRowid(pCur->pVtab, ((sfsql_cursor *)pCur)->h, pRowid);
}

static sqlite3_module sfsql_module = {
    0,           /* iVersion */
    0,           /* xCreate: eponymous-only tables */
    xConnect,    xBestIndex, xDisconnect, 0 /* xDestroy */,
    xOpen,       xClose,     xFilter,     xNext,
    xEof,        xColumn,    xRowid,
};

static void conn_unref(sfsql_conn *conn) {
  if (--conn->refs == 0) {
    goReleaseEngine(conn);
    free(conn);
  }
}

static void aux_free(void *p) {
  sfsql_aux *aux = (sfsql_aux *)p;
  sfsql_conn *conn = aux->conn;
  free(aux->name);
  free(aux);
  conn_unref(conn);
}

int sfsql_register_module(sqlite3 *db, sfsql_conn *conn, const char *name) {
  sfsql_aux *aux = malloc(sizeof(sfsql_aux));
  if (!aux) return SQLITE_NOMEM;
  aux->conn = conn;
  aux->name = strdup(name);
  conn->refs++;
  return sqlite3_create_module_v2(db, name, &sfsql_module, aux, aux_free);
}

typedef struct sfsql_fn {
  sfsql_conn *conn;
  int which; /* index into vtab.Functions */
} sfsql_fn;

static void fn_call(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sfsql_fn *fn = (sfsql_fn *)sqlite3_user_data(ctx);
  goFunction(sqlite3_context_db_handle(ctx), fn->conn, ctx, fn->which, argc, argv);
}

static void fn_destroy(void *p) {
  sfsql_fn *fn = (sfsql_fn *)p;
  conn_unref(fn->conn);
  free(fn);
}

/* sfsql_register_function registers vtab.Functions[which]; the list lives
   in Go only. */
int sfsql_register_function(sqlite3 *db, sfsql_conn *conn, const char *name, int nargs, int which) {
  sfsql_fn *fn = malloc(sizeof(sfsql_fn));
  if (!fn) return SQLITE_NOMEM;
  fn->conn = conn;
  fn->which = which;
  conn->refs++;
  return sqlite3_create_function_v2(db, name, nargs, SQLITE_UTF8, fn, fn_call, 0, 0, fn_destroy);
}

int sfsql_value_type(sqlite3_value *v) { return sqlite3_value_type(v); }
sqlite3_int64 sfsql_value_int64(sqlite3_value *v) { return sqlite3_value_int64(v); }
double sfsql_value_double(sqlite3_value *v) { return sqlite3_value_double(v); }
const unsigned char *sfsql_value_text(sqlite3_value *v) { return sqlite3_value_text(v); }
int sfsql_value_bytes(sqlite3_value *v) { return sqlite3_value_bytes(v); }

int sfsql_in_first(sqlite3_value *v, sqlite3_value **out) {
  return has_vtab_in() ? sqlite3_vtab_in_first(v, out) : SQLITE_MISUSE;
}
int sfsql_in_next(sqlite3_value *v, sqlite3_value **out) {
  return has_vtab_in() ? sqlite3_vtab_in_next(v, out) : SQLITE_MISUSE;
}
int sfsql_rhs_value(sqlite3_index_info *info, int i, sqlite3_value **out) {
  return has_vtab_in() ? sqlite3_vtab_rhs_value(info, i, out) : SQLITE_NOTFOUND;
}
int sfsql_vtab_in(sqlite3_index_info *info, int i, int handle) {
  return has_vtab_in() ? sqlite3_vtab_in(info, i, handle) : 0;
}
const char *sfsql_vtab_collation(sqlite3_index_info *info, int i) {
  return sqlite3_libversion_number() >= 3022000 ? sqlite3_vtab_collation(info, i) : "BINARY";
}

void sfsql_result_null(sqlite3_context *ctx) { sqlite3_result_null(ctx); }
void sfsql_result_int64(sqlite3_context *ctx, sqlite3_int64 v) { sqlite3_result_int64(ctx, v); }
void sfsql_result_double(sqlite3_context *ctx, double v) { sqlite3_result_double(ctx, v); }
void sfsql_result_text(sqlite3_context *ctx, const char *s, int n) {
  sqlite3_result_text(ctx, n == 0 ? "" : s, n, SQLITE_TRANSIENT);
}
void sfsql_result_error(sqlite3_context *ctx, const char *s, int n) { sqlite3_result_error(ctx, s, n); }
char *sfsql_mprintf(const char *s) { return sqlite3_mprintf("%s", s); }
int sfsql_declare_vtab(sqlite3 *db, const char *schema) { return sqlite3_declare_vtab(db, schema); }

static int setup(sqlite3 *db, char **pzErrMsg, uintptr_t engine) {
  sfsql_conn *conn = malloc(sizeof(sfsql_conn));
  if (!conn) return SQLITE_NOMEM;
  conn->engine = 0;
  conn->refs = 1; // held until registration is done
  char *err = 0;
  int rc = goInit(db, conn, engine, &err);
  if (rc != SQLITE_OK && pzErrMsg) {
    *pzErrMsg = sqlite3_mprintf("%s", err ? err : "sfsql init failed");
  }
  free(err);
  conn_unref(conn);
  return rc;
}

/* sfsql_attach gives one connection the tables of an engine the caller
   made (the CLI, tests, the store's sessions): api is the table of the
   SQLite the caller links. Nothing process-wide is registered. */
int sfsql_attach(sqlite3 *db, const sqlite3_api_routines *api, uintptr_t engine, char **pzErrMsg) {
  SQLITE_EXTENSION_INIT2(api);
  return setup(db, pzErrMsg, engine);
}

/* The entry point of sfsql.so, run by each connection that loads it. */
#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_sfsql_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  return setup(db, pzErrMsg, 0);
}
