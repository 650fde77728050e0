package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/sfsql/sfsql/auth"
	"github.com/sfsql/sfsql/output"
	"github.com/sfsql/sfsql/salesforce"
	"github.com/sfsql/sfsql/soql"
)

const connectionsUsage = "usage: sfsql connections [list] | test NAME | default NAME | disable NAME | enable NAME | delete NAME"

// connections manages saved connections.
func connections(ctx context.Context, args []string, io IO) error {
	store, err := openStore(io.Getenv)
	if err != nil {
		return err
	}
	if len(args) == 0 || args[0] == "list" {
		return listConnections(store, io)
	}
	if len(args) != 2 {
		return errors.New(connectionsUsage)
	}
	name := args[1]
	switch args[0] {
	case "test":
		return testConnection(ctx, store, name, io)
	case "default":
		return report(io, store.SetDefault(name), "%s is the default connection", name)
	case "disable":
		return report(io, store.SetEnabled(name, false), "%s is disabled", name)
	case "enable":
		return report(io, store.SetEnabled(name, true), "%s is enabled", name)
	case "delete":
		return deleteConnection(ctx, store, name, io)
	}
	return errors.New(connectionsUsage)
}

func report(io IO, err error, format string, args ...any) error {
	if err == nil {
		fmt.Fprintf(io.Stdout, format+"\n", args...)
	}
	return err
}

func listConnections(store *auth.Store, io IO) error {
	conns, def, err := store.List()
	if err != nil {
		return err
	}
	if len(conns) == 0 {
		fmt.Fprintln(io.Stdout, "No connections yet: sfsql login --name NAME --instance-url URL --client-id KEY")
		return nil
	}
	enc, _ := output.New("table", io.Stdout, output.Options{Headers: true})
	enc.Begin([]string{"name", "instance", "user", "org id", "method", "enabled", "default"})
	for _, c := range conns {
		enc.Row([]any{c.Name, c.InstanceURL, c.Username, c.OrgID, c.Method, yesNo(!c.Disabled), yesNo(c.Name == def)})
	}
	return enc.End()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// testConnection makes one cheap call as the connection's user and prints
// who and where it is, with the org's API usage.
func testConnection(ctx context.Context, store *auth.Store, name string, io IO) error {
	c, err := store.Get(name)
	if err != nil {
		return err
	}
	tokens, err := auth.Open(store, c)
	if err != nil {
		return err
	}
	client := salesforce.New(salesforce.Config{Tokens: tokens})
	q := "SELECT Id FROM Organization"
	if c.UserID != "" {
		q = "SELECT Id, Username FROM User WHERE Id = " + soql.String(c.UserID)
	}
	page, err := client.Query(ctx, q, salesforce.QueryOptions{})
	if err != nil {
		return fmt.Errorf("connection %s: %w", name, err)
	}
	if len(page.Records) == 0 {
		return fmt.Errorf("connection %s: its user %s is not visible", name, c.UserID)
	}
	fmt.Fprintf(io.Stdout, "%s works: user %s, org %s, %s; API usage %d of %d\n", name, cmp.Or(c.Username, "?"),
		cmp.Or(c.OrgID, "?"), c.InstanceURL, client.Stats.APIUsed.Load(), client.Stats.APIMax.Load())
	return nil
}

// deleteConnection revokes the refresh token (or the access token) and
// removes the connection and its secrets — those even when revocation
// fails, which it then says.
func deleteConnection(ctx context.Context, store *auth.Store, name string, io IO) error {
	c, err := store.Get(name)
	if err != nil {
		return err
	}
	sec, err := store.Secrets(name)
	if err != nil {
		return err
	}
	token := cmp.Or(sec.RefreshToken, sec.AccessToken)
	var revokeErr error
	revoked := "no token to revoke"
	switch {
	case c.Method == auth.MethodSFCLI:
		revoked = "token left to the sf CLI, which owns it" // an sf CLI login belongs to the sf CLI
	case token != "":
		revokeErr = auth.Revoke(ctx, cmp.Or(sec.InstanceURL, c.InstanceURL, c.LoginURL), token)
		revoked = "token revoked"
	}
	if err := store.Remove(name); err != nil {
		return err
	}
	if revokeErr != nil {
		return fmt.Errorf("removed %s and its local secrets, but could not revoke its token: %s", name, strings.TrimPrefix(revokeErr.Error(), "revoke: "))
	}
	fmt.Fprintf(io.Stdout, "Deleted %s: %s, local secrets removed.\n", name, revoked)
	return nil
}
