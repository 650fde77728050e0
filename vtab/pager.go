package vtab

import (
	"context"

	"github.com/sfsql/sfsql/salesforce"
)

// pager walks a query's pages, fetching the next page in the background
// while the current one is consumed.
type pager struct {
	client  *salesforce.Client
	ctx     context.Context
	cancel  context.CancelFunc
	first   *salesforce.Page
	pending chan pageResult
}

type pageResult struct {
	page *salesforce.Page
	err  error
}

func startPager(ctx context.Context, c *salesforce.Client, soql string, opt salesforce.QueryOptions) (*pager, error) {
	ctx, cancel := context.WithCancel(ctx)
	page, err := c.Query(ctx, soql, opt)
	if err != nil {
		cancel()
		return nil, err
	}
	p := &pager{client: c, ctx: ctx, cancel: cancel, first: page}
	p.prefetch(page)
	return p, nil
}

func (p *pager) prefetch(page *salesforce.Page) {
	if page.Done || page.NextRecordsURL == "" {
		p.pending = nil
		return
	}
	ch := make(chan pageResult, 1)
	p.pending = ch
	go func(url string) {
		next, err := p.client.NextPage(p.ctx, url)
		ch <- pageResult{next, err}
	}(page.NextRecordsURL)
}

// next returns the next page, or nil when there are no more.
func (p *pager) next() (*salesforce.Page, error) {
	if p.first != nil {
		page := p.first
		p.first = nil
		return page, nil
	}
	if p.pending == nil {
		return nil, nil
	}
	r := <-p.pending
	if r.err != nil {
		p.pending = nil
		return nil, r.err
	}
	p.prefetch(r.page)
	return r.page, nil
}

// close abandons the scan, cancelling any fetch in flight.
func (p *pager) close() {
	p.cancel()
}
