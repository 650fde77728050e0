package vtab

import (
	"encoding/json"
	"fmt"
)

// scanner walks the bytes of one JSON record. It trusts the structure
// only as far as it needs: a value it does not convert is skipped by its
// brackets and quotes; a value it converts is parsed strictly.
type scanner struct {
	data []byte
	i    int
}

func (s *scanner) fail(what string) error {
	return fmt.Errorf("decode record: %s at byte %d", what, s.i)
}

func (s *scanner) skipSpace() int {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return s.i
		}
	}
	return s.i
}

func (s *scanner) peek() byte {
	if s.skipSpace() >= len(s.data) {
		return 0
	}
	return s.data[s.i]
}

func (s *scanner) next() byte {
	c := s.peek()
	if c != 0 {
		s.i++
	}
	return c
}

func (s *scanner) expect(c byte) error {
	if s.next() != c {
		return s.fail(fmt.Sprintf("expected %q", c))
	}
	return nil
}

// key reads an object key and its colon; the bytes are the record's own
// unless the key has escapes.
func (s *scanner) key() ([]byte, error) {
	start := s.skipSpace()
	if err := s.skipString(); err != nil {
		return nil, err
	}
	raw := s.data[start:s.i]
	key := raw[1 : len(raw)-1]
	if _, plain := plainString(raw); !plain {
		var unescaped string
		if err := json.Unmarshal(raw, &unescaped); err != nil {
			return nil, err
		}
		key = []byte(unescaped)
	}
	return key, s.expect(':')
}

// skip passes over one value.
func (s *scanner) skip() error {
	switch s.peek() {
	case '"':
		return s.skipString()
	case '{', '[':
		return s.skipNested()
	case 0:
		return s.fail("unexpected end")
	}
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return nil
		}
		s.i++
	}
	return nil
}

func (s *scanner) skipString() error {
	if s.i >= len(s.data) || s.data[s.i] != '"' {
		return s.fail("expected a string")
	}
	for s.i++; s.i < len(s.data); s.i++ {
		switch s.data[s.i] {
		case '\\':
			s.i++
		case '"':
			s.i++
			return nil
		}
	}
	return s.fail("unterminated string")
}

// skipNested passes over an object or array, minding strings.
func (s *scanner) skipNested() error {
	depth := 0
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case '"':
			if err := s.skipString(); err != nil {
				return err
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.i++
				return nil
			}
		}
		s.i++
	}
	return s.fail("unterminated object")
}
