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
	cli.TuneRuntime()
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	tty := func(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
	size := func(height bool) func() int {
		return func() int {
			w, h, err := term.GetSize(int(os.Stdout.Fd()))
			switch {
			case err != nil:
				return 0
			case height:
				return h
			}
			return w
		}
	}
	os.Exit(cli.Main(context.Background(), os.Args[1:], cli.IO{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		StdinIsTTY: tty(os.Stdin), StdoutIsTTY: tty(os.Stdout), StderrIsTTY: tty(os.Stderr),
		Width: size(false), Height: size(true), Interrupts: interrupts, NewLineReader: cli.Readline(os.Getenv), OpenBrowser: cli.OpenBrowser,
	}))
}
