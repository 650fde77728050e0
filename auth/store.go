package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"syscall"
)

// Methods of authentication a connection can use.
const (
	MethodWeb               = "web"                // browser login, authorization code + PKCE, refresh token
	MethodJWT               = "jwt"                // JWT bearer with a private key
	MethodClientCredentials = "client-credentials" // consumer key and secret, run-as user
	MethodSFCLI             = "sf-cli"             // an existing Salesforce CLI login
)

// Connection is a saved way to reach an org; secrets live apart, in a
// 0600 file of their own.
type Connection struct {
	Name        string `json:"name"`
	Method      string `json:"method"`
	LoginURL    string `json:"login_url,omitempty"`
	InstanceURL string `json:"instance_url,omitempty"`
	ClientID    string `json:"client_id,omitempty"`
	Username    string `json:"username,omitempty"`
	UserID      string `json:"user_id,omitempty"`
	OrgID       string `json:"org_id,omitempty"`
	KeyFile     string `json:"key_file,omitempty"` // JWT private key path
	// Audience is the JWT's aud when it is not LoginURL, where the
	// assertion is posted (a My Domain URL posts with aud=login or test).
	Audience string `json:"audience,omitempty"`
	SFOrg    string `json:"sf_org,omitempty"` // Salesforce CLI alias
	Disabled bool   `json:"disabled,omitempty"`
}

// Secrets are a connection's credentials: never printed, never logged.
type Secrets struct {
	RefreshToken string `json:"refresh_token,omitempty"`
	ClientSecret string `json:"client_secret,omitempty"`
	AccessToken  string `json:"access_token,omitempty"` // last one issued, shared by processes
	InstanceURL  string `json:"instance_url,omitempty"`
}

// Store is the connection config: connections.json and secrets/NAME.json
// under a directory, changed under a file lock and written through a
// temporary file and a rename.
type Store struct{ Dir string }

type storeFile struct {
	Default     string        `json:"default,omitempty"`
	Connections []*Connection `json:"connections"`
}

// ConfigDir is $SFSQL_CONFIG_DIR, else $XDG_CONFIG_HOME/sfsql, else
// ~/.config/sfsql.
func ConfigDir(getenv func(string) string) (string, error) {
	if d := getenv("SFSQL_CONFIG_DIR"); d != "" {
		return d, nil
	}
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "sfsql"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no config directory: set SFSQL_CONFIG_DIR (%w)", err)
	}
	return filepath.Join(home, ".config", "sfsql"), nil
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// ValidName checks a connection name (it becomes a file name).
func ValidName(name string) error {
	if !nameRE.MatchString(name) {
		return fmt.Errorf("connection name %q: use letters, digits, '.', '_' or '-'", name)
	}
	return nil
}

// ErrNoConnection means the named connection does not exist.
var ErrNoConnection = errors.New("no such connection")

// locked runs f holding the store's exclusive lock (across processes). A
// directory it cannot write to is locked through a read-only handle, or
// not at all when it has no lock file yet: nobody can change it then, and
// reads must still work.
func (s *Store) locked(f func() error) error {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("config directory: %w", err)
	}
	lock, err := openLock(filepath.Join(s.Dir, ".lock"))
	if err != nil {
		return fmt.Errorf("lock config: %w", err)
	}
	if lock == nil {
		return f()
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("lock config: %w", err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	return f()
}

// openLock opens the lock file; nil, nil means it cannot exist here.
func openLock(path string) (*os.File, error) {
	lock, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err == nil || !errors.Is(err, os.ErrPermission) && !errors.Is(err, syscall.EROFS) {
		return lock, err
	}
	if lock, err = os.Open(path); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return lock, err
}

func (s *Store) read() (*storeFile, error) {
	var sf storeFile
	data, err := os.ReadFile(filepath.Join(s.Dir, "connections.json"))
	if errors.Is(err, os.ErrNotExist) {
		return &sf, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &sf); err != nil {
		return nil, fmt.Errorf("%s is damaged: %w", filepath.Join(s.Dir, "connections.json"), err)
	}
	return &sf, nil
}

func (s *Store) write(sf *storeFile) error {
	sort.Slice(sf.Connections, func(i, j int) bool { return sf.Connections[i].Name < sf.Connections[j].Name })
	data, _ := json.MarshalIndent(sf, "", "  ")
	return writeFile(filepath.Join(s.Dir, "connections.json"), append(data, '\n'))
}

// writeFile writes mode 0600 through a temporary file and a rename, so a
// reader never sees half a file.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// List returns the connections and the default's name.
func (s *Store) List() ([]*Connection, string, error) {
	var sf *storeFile
	err := s.locked(func() (err error) { sf, err = s.read(); return })
	if err != nil {
		return nil, "", err
	}
	return sf.Connections, sf.Default, nil
}

// Get returns one connection.
func (s *Store) Get(name string) (*Connection, error) {
	conns, _, err := s.List()
	if err != nil {
		return nil, err
	}
	for _, c := range conns {
		if c.Name == name {
			return c, nil
		}
	}
	return nil, fmt.Errorf("%w %q: sfsql connections lists them", ErrNoConnection, name)
}

// Default returns the default connection, if one is set.
func (s *Store) Default() (*Connection, error) {
	_, def, err := s.List()
	if err != nil || def == "" {
		return nil, err
	}
	return s.Get(def)
}

// Save adds or replaces a connection with its secrets; the first one saved
// becomes the default.
func (s *Store) Save(c *Connection, sec *Secrets) error {
	if err := ValidName(c.Name); err != nil {
		return err
	}
	return s.locked(func() error {
		sf, err := s.read()
		if err != nil {
			return err
		}
		kept := sf.Connections[:0]
		for _, old := range sf.Connections {
			if old.Name != c.Name {
				kept = append(kept, old)
			}
		}
		sf.Connections = append(kept, c)
		if sf.Default == "" {
			sf.Default = c.Name
		}
		if err := s.writeSecrets(c.Name, sec); err != nil {
			return err
		}
		return s.write(sf)
	})
}

// update changes a saved connection with f.
func (s *Store) update(name string, f func(sf *storeFile, c *Connection) error) error {
	return s.locked(func() error {
		sf, err := s.read()
		if err != nil {
			return err
		}
		for _, c := range sf.Connections {
			if c.Name == name {
				if err := f(sf, c); err != nil {
					return err
				}
				return s.write(sf)
			}
		}
		return fmt.Errorf("%w %q: sfsql connections lists them", ErrNoConnection, name)
	})
}

// SetDefault makes a connection the default.
func (s *Store) SetDefault(name string) error {
	return s.update(name, func(sf *storeFile, _ *Connection) error { sf.Default = name; return nil })
}

// SetEnabled enables or disables a connection.
func (s *Store) SetEnabled(name string, enabled bool) error {
	return s.update(name, func(_ *storeFile, c *Connection) error { c.Disabled = !enabled; return nil })
}

// Remove deletes a connection and its secrets.
func (s *Store) Remove(name string) error {
	return s.update(name, func(sf *storeFile, _ *Connection) error {
		kept := sf.Connections[:0]
		for _, c := range sf.Connections {
			if c.Name != name {
				kept = append(kept, c)
			}
		}
		sf.Connections = kept
		if sf.Default == name {
			sf.Default = ""
		}
		file, err := s.secretsFile(name)
		if err != nil {
			return err
		}
		if err := os.Remove(file); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove secrets of %s: %w", name, err)
		}
		return nil
	})
}

// secretsFile is where a connection's secrets live; a name that could
// leave the secrets directory (a crafted connections.json) is refused.
func (s *Store) secretsFile(name string) (string, error) {
	if err := ValidName(name); err != nil {
		return "", err
	}
	return filepath.Join(s.Dir, "secrets", name+".json"), nil
}

// Secrets reads a connection's secrets.
func (s *Store) Secrets(name string) (*Secrets, error) {
	var sec *Secrets
	err := s.locked(func() (err error) { sec, err = s.readSecrets(name); return })
	return sec, err
}

func (s *Store) readSecrets(name string) (*Secrets, error) {
	var sec Secrets
	file, err := s.secretsFile(name)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return &sec, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &sec); err != nil {
		return nil, fmt.Errorf("secrets of %s are damaged: log in again (sfsql login --name %s)", name, name)
	}
	return &sec, nil
}

func (s *Store) writeSecrets(name string, sec *Secrets) error {
	if sec == nil {
		sec = &Secrets{}
	}
	data, _ := json.Marshal(sec)
	file, err := s.secretsFile(name)
	if err != nil {
		return err
	}
	return writeFile(file, data)
}

// UpdateSecrets changes a connection's secrets under the lock; f sees the
// current ones (another process may have refreshed them).
func (s *Store) UpdateSecrets(name string, f func(sec *Secrets) error) error {
	return s.locked(func() error {
		sec, err := s.readSecrets(name)
		if err != nil {
			return err
		}
		if err := f(sec); err != nil {
			return err
		}
		return s.writeSecrets(name, sec)
	})
}
