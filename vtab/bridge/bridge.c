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
  return goRowid(((sfsql_cursor *)pCur)->h, pRowid);
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

static void fn_call(sqlite3_context *ctx, int which, int argc, sqlite3_value **argv) {
  sfsql_conn *conn = (sfsql_conn *)sqlite3_user_data(ctx);
  goFunction(sqlite3_context_db_handle(ctx), conn, ctx, which, argc, argv);
}
static void fn_version(sqlite3_context *ctx, int argc, sqlite3_value **argv) { fn_call(ctx, 0, argc, argv); }
static void fn_stats(sqlite3_context *ctx, int argc, sqlite3_value **argv) { fn_call(ctx, 1, argc, argv); }
static void fn_cache_clear(sqlite3_context *ctx, int argc, sqlite3_value **argv) { fn_call(ctx, 2, argc, argv); }
static void fn_connect(sqlite3_context *ctx, int argc, sqlite3_value **argv) { fn_call(ctx, 3, argc, argv); }
static void fn_demo(sqlite3_context *ctx, int argc, sqlite3_value **argv) { fn_call(ctx, 4, argc, argv); }
static void fn_debug_panic(sqlite3_context *ctx, int argc, sqlite3_value **argv) { fn_call(ctx, 5, argc, argv); }

static void fn_destroy(void *p) { conn_unref((sfsql_conn *)p); }

int sfsql_register_functions(sqlite3 *db, sfsql_conn *conn) {
  static const struct {
    const char *name;
    int nargs;
    void (*fn)(sqlite3_context *, int, sqlite3_value **);
  } fns[] = {{"sfsql_version", 0, fn_version}, {"sfsql_stats", 0, fn_stats}, {"sfsql_cache_clear", 0, fn_cache_clear},
             {"sfsql_connect", 1, fn_connect}, {"sfsql_demo", 0, fn_demo}, {"sfsql_debug_panic", 0, fn_debug_panic}};
  for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
    conn->refs++;
    int rc = sqlite3_create_function_v2(db, fns[i].name, fns[i].nargs, SQLITE_UTF8, conn, fns[i].fn, 0, 0, fn_destroy);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
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

void sfsql_result_null(sqlite3_context *ctx) { sqlite3_result_null(ctx); }
void sfsql_result_int64(sqlite3_context *ctx, sqlite3_int64 v) { sqlite3_result_int64(ctx, v); }
void sfsql_result_double(sqlite3_context *ctx, double v) { sqlite3_result_double(ctx, v); }
void sfsql_result_text(sqlite3_context *ctx, const char *s, int n) {
  sqlite3_result_text(ctx, n == 0 ? "" : s, n, SQLITE_TRANSIENT);
}
void sfsql_result_error(sqlite3_context *ctx, const char *s, int n) { sqlite3_result_error(ctx, s, n); }
char *sfsql_mprintf(const char *s) { return sqlite3_mprintf("%s", s); }
int sfsql_declare_vtab(sqlite3 *db, const char *schema) { return sqlite3_declare_vtab(db, schema); }

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_sfsql_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  sfsql_conn *conn = malloc(sizeof(sfsql_conn));
  if (!conn) return SQLITE_NOMEM;
  conn->engine = 0;
  conn->refs = 1; // held until registration is done
  char *err = 0;
  int rc = goInit(db, conn, &err);
  if (rc != SQLITE_OK && pzErrMsg) {
    *pzErrMsg = sqlite3_mprintf("%s", err ? err : "sfsql init failed");
  }
  free(err);
  conn_unref(conn);
  return rc;
}
