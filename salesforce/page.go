package salesforce

import (
	"encoding/json"

	"github.com/sfsql/sfsql/jsonscan"
)

// decodeBody reads a response into out: a query page by parsePage, the
// rest with encoding/json.
func decodeBody(data []byte, out any) error {
	if p, ok := out.(*Page); ok {
		return p.parse(data)
	}
	return json.Unmarshal(data, out)
}

// parse reads a page. Its records are slices of the response body, not
// copies, so a wide page is held once; the body must not be reused.
func (p *Page) parse(data []byte) error {
	s := &jsonscan.Scanner{Data: data}
	return s.Object(func(key []byte) error {
		switch string(key) {
		case "totalSize":
			return p.field(s, &p.TotalSize)
		case "done":
			return p.field(s, &p.Done)
		case "nextRecordsUrl":
			return p.field(s, &p.NextRecordsURL)
		case "records":
			if s.Peek() != '[' {
				return s.Skip() // null
			}
			return s.Array(func(raw []byte) error {
				p.Records = append(p.Records, json.RawMessage(raw))
				return nil
			})
		}
		return s.Skip()
	})
}

func (p *Page) field(s *jsonscan.Scanner, v any) error {
	raw, err := s.Value()
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}
