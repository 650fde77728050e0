package shell

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// cmdParameter is sqlite3's .parameter: set, unset, list and clear the
// values :name, @name and $name take (as --param does).
func (s *Shell) cmdParameter(_ context.Context, args []string, rest string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: .parameter set NAME VALUE | unset NAME | list | clear")
	}
	switch args[0] {
	case "list":
		return s.listParameters()
	case "clear", "init":
		clear(s.cfg.Params)
		return nil
	case "unset":
		if len(args) != 2 {
			return fmt.Errorf("usage: .parameter unset NAME")
		}
		delete(s.cfg.Params, parameterName(args[1]))
		return nil
	case "set":
		return s.setParameter(args, rest)
	}
	return fmt.Errorf(".parameter %s: want set, unset, list or clear", args[0])
}

// setParameter takes the value as the rest of the line, so it may hold
// spaces: .parameter set name Read Only. Single quotes keep digits text,
// as with --param ('02134'); double quotes are only grouping.
func (s *Shell) setParameter(args []string, rest string) error {
	if len(args) < 3 {
		return fmt.Errorf("usage: .parameter set NAME VALUE")
	}
	name := parameterName(args[1])
	if !validParameterName(name) {
		return fmt.Errorf(".parameter set: %q is not a parameter name (letters, digits and _)", args[1])
	}
	value := strings.TrimSpace(strings.TrimSpace(rest)[len("set"):])
	if !strings.HasPrefix(value, args[1]) {
		return fmt.Errorf(".parameter set: write the name unquoted")
	}
	value = strings.TrimSpace(value[len(args[1]):])
	if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
		value = value[1 : len(value)-1]
	}
	if s.cfg.Params == nil {
		s.cfg.Params = map[string]string{}
	}
	s.cfg.Params[name] = value
	return nil
}

func (s *Shell) listParameters() error {
	names := make([]string, 0, len(s.cfg.Params))
	for k := range s.cfg.Params {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(s.out, ":%s = %s\n", k, sqlLiteral(paramValue(s.cfg.Params[k])))
	}
	return nil
}

// parameterName drops the sigil sqlite3's .parameter names carry.
func parameterName(s string) string { return strings.TrimLeft(s, ":@$") }

func validParameterName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i]) {
			return false
		}
	}
	return true
}
