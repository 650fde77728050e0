package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/sfsql/sfsql/access"
	hist "github.com/sfsql/sfsql/history"
)

// runExplainAccess is sfsql explain-access USER OBJECT[.FIELD]|PERMISSION:
// what the user can do and every grant behind it, and what does not count
// (a group's muting, an expired assignment, a session-based set).
func (w *workspace) runExplainAccess(ctx context.Context) error {
	user, target := w.f.verbArgs[0], w.f.verbArgs[1]
	org, err := w.accessOrg(ctx, user, strings.Contains(target, "."))
	if err != nil {
		return err
	}
	u, ok := findUser(org, user)
	if !ok {
		return fmt.Errorf("explain-access: no user %s (give a username or an Id)", user)
	}
	out := w.io.Stdout
	fmt.Fprintf(out, "%s (%s)\n", u.Username, userState(u))
	object, _, isField := strings.Cut(target, ".")
	if isField {
		return explainField(out, org, u, object, target)
	}
	if name, ok := findObject(org, object); ok {
		explainObject(out, org, u, name)
		return nil
	}
	return w.explainPermission(ctx, out, u, target)
}

// accessOrg is what the answer is resolved from: the org, narrowed to the
// user (a few requests), or offline the served snapshot.
func (w *workspace) accessOrg(ctx context.Context, user string, fields bool) (*access.Org, error) {
	if w.viewer != nil && w.viewer.Served != 0 {
		return hist.ServedAccess(ctx, w.sess.Conn, w.viewer.Served)
	}
	return w.sess.Engine.AccessOrg(ctx, user, fields)
}

func findUser(org *access.Org, user string) (access.User, bool) {
	for _, u := range org.Users {
		if u.ID == user || strings.EqualFold(u.Username, user) {
			return u, true
		}
	}
	return access.User{}, false
}

func userState(u access.User) string {
	state := "active"
	if !u.Active {
		state = "inactive: its grants stay, but it cannot log in"
	}
	if u.Frozen {
		state += ", frozen"
	}
	return state
}

// findObject is the object as the grants spell it, when some grant of the
// org names it.
func findObject(org *access.Org, object string) (string, bool) {
	for _, g := range org.Objects {
		if strings.EqualFold(g.Object, object) {
			return g.Object, true
		}
	}
	for _, name := range org.Universe {
		if strings.EqualFold(name, object) {
			return name, true
		}
	}
	return object, false
}

func explainObject(out io.Writer, org *access.Org, u access.User, object string) {
	ex, _ := org.Explain(u.ID, object)
	fmt.Fprintf(out, "on %s:\n", ex.Object)
	all := access.Read | access.Create | access.Edit | access.Delete | access.ViewAll | access.ModifyAll
	fmt.Fprintf(out, "  can: %s\n", orNone(words(ex.Rights)))
	fmt.Fprintf(out, "  cannot: %s\n", orNone(words(all&^ex.Rights)))
	printSources(out, ex.Sources)
	for _, m := range ex.Muted {
		fmt.Fprintf(out, "  muted: %s in group %s takes %s from permission set %s\n", m.Muting, m.Group, strings.Join(words(m.Rights), ", "), m.Set)
	}
	printExpired(out, ex.Expired)
}

func explainField(out io.Writer, org *access.Org, u access.User, object, field string) error {
	rows := org.FieldAccess(func(user, _, f string) bool { return user == u.ID && strings.EqualFold(f, field) })
	fmt.Fprintf(out, "on field %s:\n", field)
	if len(rows) == 0 {
		fmt.Fprintln(out, "  can: nothing (no field permission of the user's sets names it, and no View All Fields on "+object+")")
		printExpired(out, expiredOf(org, u))
		return nil
	}
	a := rows[0]
	var can []string
	if a.Read {
		can = append(can, "read")
	}
	if a.Edit {
		can = append(can, "edit")
	}
	fmt.Fprintf(out, "  can: %s (a field reads only where %s reads, and edits only where it edits)\n", orNone(can), object)
	printSources(out, a.Sources)
	printExpired(out, expiredOf(org, u))
	return nil
}

func expiredOf(org *access.Org, u access.User) []access.Expired {
	ex, _ := org.Explain(u.ID, "")
	return ex.Expired
}

// explainPermission lists the grants of a system permission, from
// salesforce_user_permission.
func (w *workspace) explainPermission(ctx context.Context, out io.Writer, u access.User, name string) error {
	perm := strings.TrimPrefix(strings.ReplaceAll(name, " ", ""), "Permissions")
	_, rows, err := w.sess.Query(ctx, "SELECT source_type, source_name FROM salesforce_user_permission WHERE user_id = ? AND lower(permission) = lower(?) ORDER BY 1, 2", u.ID, perm)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "system permission %s:\n", perm)
	if len(rows) == 0 {
		fmt.Fprintf(out, "  not held (no profile, permission set or group of the user grants %s; an object's name would be asked as OBJECT, a field as OBJECT.FIELD)\n", perm)
		return nil
	}
	for _, r := range rows {
		fmt.Fprintf(out, "  granted by %s %q\n", kindWords(fmt.Sprint(r[0])), fmt.Sprint(r[1]))
	}
	switch strings.ToLower(perm) {
	case "modifyalldata":
		fmt.Fprintln(out, "  implies: read, create, edit, delete, view all and modify all on every object (salesforce_user_object_access lists them)")
	case "viewalldata":
		fmt.Fprintln(out, "  implies: read and view all on every object")
	}
	return nil
}

func printSources(out io.Writer, sources []access.Source) {
	if len(sources) == 0 {
		fmt.Fprintln(out, "  granted by: nothing")
		return
	}
	fmt.Fprintln(out, "  granted by:")
	for _, s := range sources {
		note := ""
		if s.Session {
			note = " — not counted: on only while a session activates it"
		}
		fmt.Fprintf(out, "    %s %q (%s): %s%s\n", kindWords(s.Type), s.Name, s.Via, strings.Join(rightWords(s.Rights), ", "), note)
	}
}

func printExpired(out io.Writer, expired []access.Expired) {
	for _, e := range expired {
		fmt.Fprintf(out, "  expired: %s on %s — no longer counts\n", e.Name, e.At.UTC().Format("2006-01-02"))
	}
}

func kindWords(t string) string {
	switch t {
	case "PermissionSet":
		return "permission set"
	case "PermissionSetGroup":
		return "permission set group"
	}
	return strings.ToLower(t)
}

func words(r access.Rights) []string { return rightWords(r.Names()) }

func rightWords(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ReplaceAll(n, "_", " ")
	}
	return out
}

func orNone(ws []string) string {
	if len(ws) == 0 {
		return "nothing"
	}
	return strings.Join(ws, ", ")
}
