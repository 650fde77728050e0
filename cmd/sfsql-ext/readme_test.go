package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADME_ExtensionCommandsRunAsWritten runs the README's extension
// block in the checkout: make sfsql.so, then sqlite3 loading it.
func TestREADME_ExtensionCommandsRunAsWritten(t *testing.T) {
	root, _ := filepath.Abs("../..")
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	i := strings.Index(text, "## The extension: sfsql.so")
	start := i + strings.Index(text[i:], "```sh\n") + len("```sh\n")
	block := text[start : start+strings.Index(text[start:], "```")]
	for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
		if j := strings.Index(line, "  #"); j > 0 {
			line = strings.TrimSpace(line[:j])
		}
		cmd := exec.Command("sh", "-c", line)
		cmd.Dir = root
		cmd.Env = env()
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
		if strings.Contains(line, "sqlite3") && strings.Count(string(out), "@acme.example.com") != 5 {
			t.Fatalf("%s printed:\n%s", line, out)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "sfsql.so")); err != nil {
		t.Fatal("make sfsql.so made no sfsql.so")
	}
}
