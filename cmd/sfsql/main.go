// Command sfsql queries a Salesforce org in SQL.
package main

import (
	"context"
	"os"
	"os/signal"

	"golang.org/x/term"

	"github.com/sfsql/sfsql/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(cli.Main(ctx, os.Args[1:], cli.IO{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		StdinIsTTY: term.IsTerminal(int(os.Stdin.Fd())),
	}))
}
