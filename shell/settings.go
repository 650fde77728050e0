package shell

import (
	"context"
	"fmt"
	"strings"
)

func (s *Shell) cmdPrint(_ context.Context, _ []string, rest string) error {
	fmt.Fprintln(s.out, strings.TrimSpace(rest))
	return nil
}

// cmdShow lists the settings, as sqlite3's .show does.
func (s *Shell) cmdShow(context.Context, []string, string) error {
	onOff := map[bool]string{true: "on", false: "off"}
	for _, kv := range [][2]string{
		{"mode", s.mode}, {"headers", onOff[s.headers]}, {"nullvalue", fmt.Sprintf("%q", s.nullValue)},
		{"timer", onOff[s.timer]}, {"pager", onOff[s.paging]}, {"footer", onOff[s.footer]}, {"expanded", s.expanded},
		{"width", fmt.Sprint(s.widths)}, {"parameters", fmt.Sprint(len(s.cfg.Params))}, {"soql", onOff[s.soql]}, {"bail", onOff[!s.cfg.ContinueOnError]},
		{"output", map[bool]string{true: "stdout", false: "a file"}[s.out == s.cfg.Stdout]},
		{"connection", s.cfg.Connection.Name},
	} {
		fmt.Fprintf(s.out, "%12s: %s\n", kv[0], kv[1])
	}
	return nil
}

func (s *Shell) cmdBail(_ context.Context, args []string, _ string) error {
	bail := !s.cfg.ContinueOnError
	if err := onOff(".bail", args, &bail); err != nil {
		return err
	}
	s.cfg.ContinueOnError = !bail
	return nil
}

func (s *Shell) cmdPager(_ context.Context, args []string, _ string) error {
	return onOff(".pager", args, &s.paging)
}

func (s *Shell) cmdFooter(_ context.Context, args []string, _ string) error {
	return onOff(".footer", args, &s.footer)
}

func (s *Shell) cmdExpanded(_ context.Context, args []string, _ string) error {
	if len(args) != 1 || args[0] != "on" && args[0] != "off" && args[0] != "auto" {
		return fmt.Errorf("usage: .expanded on|off|auto")
	}
	s.expanded = args[0]
	return nil
}
