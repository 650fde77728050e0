package history

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseDuration reads 30s, 5m, 24h, 7d, 2w, 180d (and Go forms such as
// 1h30m); it must be positive.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("bad duration %q: want a number and a unit, e.g. 30s, 5m, 24h, 7d, 2w", s)
	if s == "" {
		return 0, bad
	}
	unit := map[byte]time.Duration{'d': 24 * time.Hour, 'w': 7 * 24 * time.Hour}[s[len(s)-1]]
	if unit != 0 {
		n, err := strconv.ParseFloat(s[:len(s)-1], 64)
		if err != nil || n <= 0 {
			return 0, bad
		}
		return time.Duration(n * float64(unit)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, bad
	}
	return d, nil
}

// ParseWhen reads a moment: RFC 3339 (2026-11-01T00:00:00Z), a date
// (2026-11-01, midnight UTC), or a duration ago (24h, 7d).
func ParseWhen(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if d, err := ParseDuration(s); err == nil {
		return now.Add(-d).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("bad time %q: want 2026-11-01T00:00:00Z, 2026-11-01, or a duration ago such as 24h or 7d", s)
}
