package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/sfsql/sfsql/fakeorg"
)

// TestAuth_ReadOnlyConfigDirKeepsTheNewToken: a renewal that cannot be
// saved (the config directory is read-only) warns once and the statement
// still runs, with the token from memory; the saved files are untouched.
func TestAuth_ReadOnlyConfigDirKeepsTheNewToken(t *testing.T) {
	e := newAuthEnv(t)
	e.org.AddConnectedApp(fakeorg.ConnectedApp{ClientID: "cc-key", ClientSecret: "cc-secret-456", RunAs: "ada.admin0@acme.example.com"})
	e.mustRun("login", "--name", "svc", "--client-credentials", "--instance-url", e.org.URL, "--client-id", "cc-key", "--client-secret", "cc-secret-456")
	e.org.RevokeAll() // the next statement needs a new token
	config := filepath.Join(e.dir, "config")
	before := snapshotDir(t, config)
	code, out, errOut := runReadOnly(t, e, config,
		"-C", "svc", "--format", "csv", "--headers=false", "-c", "select count(*) from salesforce_profile; select count(*) from salesforce_user")
	if code != 0 || out != "11\n120\n" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	if strings.Count(errOut, "warning: connection svc: the new access token could not be saved") != 1 || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("want one warning line, got %q", errOut)
	}
	if strings.Contains(errOut, "cc-secret-456") {
		t.Fatal("the warning shows the secret")
	}
	if after := snapshotDir(t, config); after != before {
		t.Fatalf("the read-only config changed:\n%s\n%s", before, after)
	}
}

// runReadOnly runs sfsql with the config directory read-only. Root ignores
// modes, so as root it runs a copy of this test binary as nobody.
func runReadOnly(t *testing.T, e *authEnv, config string, args ...string) (int, string, string) {
	if os.Geteuid() != 0 {
		setModes(t, config, 0o500, 0o400)
		defer setModes(t, config, 0o700, 0o600)
		return e.run(args...)
	}
	for dir := config; dir != "/"; dir = filepath.Dir(dir) {
		if strings.HasPrefix(dir, os.TempDir()+"/") {
			os.Chmod(dir, 0o711) // nobody passes through the test's directories
		}
	}
	chownAll(t, config, 65534, 65534)
	setModes(t, config, 0o500, 0o400)
	defer chownAll(t, config, 0, 0)
	cache := t.TempDir()
	chownAll(t, cache, 65534, 65534)
	cmd := exec.Command(copyOfTestBinary(t), append([]string{"-test.run=^TestHelper_ReadOnlyMain$", "--"}, args...)...)
	cmd.Env = []string{"SFSQL_READONLY_HELPER=1", "SFSQL_CONFIG_DIR=" + config, "SFSQL_CACHE_DIR=" + cache, "HOME=" + cache}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stdout.String(), stderr.String()
}

// TestHelper_ReadOnlyMain is sfsql itself when runReadOnly starts this
// binary as another user; otherwise it does nothing.
func TestHelper_ReadOnlyMain(t *testing.T) {
	if os.Getenv("SFSQL_READONLY_HELPER") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(Main(context.Background(), args, IO{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}))
}

func copyOfTestBinary(t *testing.T) string {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	dst := filepath.Join(dir, "sfsql.test")
	src, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, src); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

func setModes(t *testing.T, root string, dirMode, fileMode os.FileMode) {
	walk(t, root, func(path string, dir bool) error {
		if dir {
			return os.Chmod(path, dirMode)
		}
		return os.Chmod(path, fileMode)
	})
}

func chownAll(t *testing.T, root string, uid, gid int) {
	walk(t, root, func(path string, _ bool) error { return os.Lchown(path, uid, gid) })
}

func walk(t *testing.T, root string, f func(path string, dir bool) error) {
	t.Helper()
	err := filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return f(path, info.IsDir())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// snapshotDir is every file's name and content under root.
func snapshotDir(t *testing.T, root string) string {
	var b strings.Builder
	walk(t, root, func(path string, dir bool) error {
		if !dir {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			b.WriteString(path + "=" + string(data) + "\n")
		}
		return nil
	})
	return b.String()
}
