// Package jsonscan walks JSON bytes without decoding what it passes over:
// sfsql reads query pages and records with it, converting only the values
// a query asked for and slicing records out of a page without copies.
package jsonscan

import (
	"encoding/json"
	"fmt"
)

// Scanner walks one JSON document. It trusts the structure only as far as
// it needs: a value it skips is passed by its brackets and quotes; a value
// a caller converts is parsed strictly there.
type Scanner struct {
	Data []byte
	I    int
}

// Fail is an error at the scanner's position.
func (s *Scanner) Fail(what string) error {
	return fmt.Errorf("decode JSON: %s at byte %d", what, s.I)
}

// SkipSpace passes whitespace and returns the position after it.
func (s *Scanner) SkipSpace() int {
	for s.I < len(s.Data) {
		switch s.Data[s.I] {
		case ' ', '\t', '\n', '\r':
			s.I++
		default:
			return s.I
		}
	}
	return s.I
}

// Peek is the next byte after whitespace, 0 at the end.
func (s *Scanner) Peek() byte {
	if s.SkipSpace() >= len(s.Data) {
		return 0
	}
	return s.Data[s.I]
}

// Next consumes and returns the next byte after whitespace.
func (s *Scanner) Next() byte {
	c := s.Peek()
	if c != 0 {
		s.I++
	}
	return c
}

// Expect consumes c, or fails.
func (s *Scanner) Expect(c byte) error {
	if s.Next() != c {
		return s.Fail(fmt.Sprintf("expected %q", c))
	}
	return nil
}

// Key reads an object key and its colon; the bytes are the document's own
// unless the key has escapes.
func (s *Scanner) Key() ([]byte, error) {
	start := s.SkipSpace()
	if err := s.skipString(); err != nil {
		return nil, err
	}
	raw := s.Data[start:s.I]
	key := raw[1 : len(raw)-1]
	if _, plain := PlainString(raw); !plain {
		var unescaped string
		if err := json.Unmarshal(raw, &unescaped); err != nil {
			return nil, err
		}
		key = []byte(unescaped)
	}
	return key, s.Expect(':')
}

// Value passes over one value and returns its bytes.
func (s *Scanner) Value() ([]byte, error) {
	start := s.SkipSpace()
	if err := s.Skip(); err != nil {
		return nil, err
	}
	return s.Data[start:s.I], nil
}

// Skip passes over one value.
func (s *Scanner) Skip() error {
	switch s.Peek() {
	case '"':
		return s.skipString()
	case '{', '[':
		return s.skipNested()
	case 0:
		return s.Fail("unexpected end")
	}
	for s.I < len(s.Data) {
		switch s.Data[s.I] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return nil
		}
		s.I++
	}
	return nil
}

func (s *Scanner) skipString() error {
	if s.I >= len(s.Data) || s.Data[s.I] != '"' {
		return s.Fail("expected a string")
	}
	for s.I++; s.I < len(s.Data); s.I++ {
		switch s.Data[s.I] {
		case '\\':
			s.I++
		case '"':
			s.I++
			return nil
		}
	}
	return s.Fail("unterminated string")
}

// skipNested passes over an object or array, minding strings.
func (s *Scanner) skipNested() error {
	depth := 0
	for s.I < len(s.Data) {
		switch s.Data[s.I] {
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
				s.I++
				return nil
			}
		}
		s.I++
	}
	return s.Fail("unterminated object")
}

// PlainString is a JSON string's text when it has no escapes.
func PlainString(raw []byte) (string, bool) {
	body := raw[1 : len(raw)-1]
	for _, c := range body {
		if c == '\\' || c < 0x20 {
			return "", false
		}
	}
	return string(body), true
}

// Object calls member for each key of an object, with the scanner on the
// key's value; member must consume the value.
func (s *Scanner) Object(member func(key []byte) error) error {
	if err := s.Expect('{'); err != nil {
		return err
	}
	if s.Peek() == '}' {
		s.I++
		return nil
	}
	for {
		key, err := s.Key()
		if err != nil {
			return err
		}
		if err := member(key); err != nil {
			return err
		}
		switch s.Next() {
		case ',':
		case '}':
			return nil
		default:
			return s.Fail("expected , or }")
		}
	}
}

// Array calls element for each value of an array, with its bytes.
func (s *Scanner) Array(element func(raw []byte) error) error {
	if err := s.Expect('['); err != nil {
		return err
	}
	if s.Peek() == ']' {
		s.I++
		return nil
	}
	for {
		raw, err := s.Value()
		if err != nil {
			return err
		}
		if err := element(raw); err != nil {
			return err
		}
		switch s.Next() {
		case ',':
		case ']':
			return nil
		default:
			return s.Fail("expected , or ]")
		}
	}
}
