package vtab

import (
	"context"
	"encoding/json"
)

// rowsCursor walks the rows a derived table computes in one go.
type rowsCursor struct {
	engine *Engine
	ctx    context.Context
	fill   func(ctx context.Context, idxStr string, args []Value) ([][]Value, error)
	rows   [][]Value
	i      int
}

func newRowsCursor(e *Engine, fill func(context.Context, string, []Value) ([][]Value, error)) *rowsCursor {
	return &rowsCursor{engine: e, ctx: e.cursorOpened(), fill: fill}
}

func (c *rowsCursor) Filter(idxStr string, args []Value) error {
	var p derivedPlan
	if err := json.Unmarshal([]byte(idxStr), &p); err != nil {
		return err
	}
	rows, err := c.fill(c.ctx, p.Mode, args)
	c.rows, c.i = rows, 0
	return err
}
func (c *rowsCursor) Next() error { c.i++; return nil }
func (c *rowsCursor) EOF() bool   { return c.i >= len(c.rows) }
func (c *rowsCursor) Column(i int) (Value, error) {
	if i < len(c.rows[c.i]) {
		return c.rows[c.i][i], nil
	}
	return Value{}, nil
}
func (c *rowsCursor) RowID() (int64, error) { return rowHash(c.rows[c.i]), nil }
func (c *rowsCursor) Close()                { c.engine.cursorClosed() }

// derivedIdx is a derived table's idxStr: its name and the mode of its plan.
func derivedIdx(table, mode string) string {
	data, _ := json.Marshal(derivedPlan{Table: table, Mode: mode})
	return string(data)
}
