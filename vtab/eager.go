package vtab

import "github.com/sfsql/sfsql/salesforce"

// Eager paging: when a statement reads several orgs, each org's scan keeps
// fetching its pages while SQLite reads another org's rows, so one org's
// pages do not wait for the others' to be read. A goroutine walks the
// pager and queues its pages, as many as fit in inFlightBytes (at least
// two); the cursor takes them in order.

type eagerPages struct {
	ch   chan pageResult
	stop chan struct{}
}

// runAhead makes the pager fetch its pages on its own from now on; next
// takes them from the queue.
func (p *pager) runAhead() {
	depth := 16
	if p.first != nil {
		if b := recordBytes(p.first); b > 0 {
			depth = min(depth, max(2, inFlightBytes/b))
		}
	}
	e := &eagerPages{ch: make(chan pageResult, depth), stop: make(chan struct{})}
	p.eager = e
	go func() {
		defer close(e.ch)
		for {
			page, err := p.nextPage()
			select {
			case e.ch <- pageResult{page, err}:
			case <-e.stop:
				return
			case <-p.ctx.Done():
				return
			}
			if page == nil || err != nil {
				return
			}
		}
	}()
}

// takeAhead is the next queued page.
func (p *pager) takeAhead() (*salesforce.Page, error) {
	r, ok := <-p.eager.ch
	if !ok {
		return nil, p.ctx.Err()
	}
	return r.page, r.err
}
