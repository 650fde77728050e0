package vtab

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/sfsql/sfsql/salesforce"
)

// pager walks a query's pages in order. Sequentially it fetches one page
// ahead. When the first page shows a scan of several more pages, it fetches
// up to width pages at once at the locator offsets the first page's
// nextRecordsUrl implies (…/query/LOCATOR-2000, -4000, …): that form is
// not a documented contract, so a page is handed on only once the page
// before it named its URL as next; anything else — a refused offset, a
// batch of another size — drops what is in flight and pages on
// sequentially from the last good page. Rows come out in order, each once.
type pager struct {
	client  *salesforce.Client
	ctx     context.Context
	cancel  context.CancelFunc
	first   *salesforce.Page
	pending chan pageResult // sequential: the next page, in flight
	later   string          // sequential: the next page of a wide one, not fetched yet

	plan    *offsetPlan // parallel, while it holds
	ahead   []fetch     // parallel: pages in flight, in page order
	prev    *salesforce.Page
	refused *atomic.Bool // the org refused a locator offset: page sequentially
	// total and batch are the first page's: what the scan needs in all.
	total, batch int
	eager        *eagerPages // set: a goroutine walks the pages (eager.go)
}

type pageResult struct {
	page *salesforce.Page
	err  error
}

type fetch struct {
	url    string
	ch     chan pageResult
	cancel context.CancelFunc
}

// offsetPlan is where the pages after the first are.
type offsetPlan struct {
	prefix       string // ".../query/LOCATOR-"
	batch, total int
	next         int // offset of the next page to queue
	width        int
}

func startPager(ctx context.Context, c *salesforce.Client, soql string, opt salesforce.QueryOptions, width int, refused *atomic.Bool) (*pager, error) {
	ctx, cancel := context.WithCancel(ctx)
	page, err := c.Query(ctx, soql, opt)
	if err != nil {
		cancel()
		return nil, err
	}
	p := &pager{client: c, ctx: ctx, cancel: cancel, first: page, prev: page, refused: refused,
		total: page.TotalSize, batch: len(page.Records)}
	if width > 1 && (refused == nil || !refused.Load()) {
		p.plan = planOffsets(page, width)
	}
	return p, nil
}

// begin fetches ahead once the first page is taken: a scan that goes to
// Bulk instead, or stops at its first page, sends nothing more.
func (p *pager) begin() {
	if p.plan != nil {
		p.fill()
		return
	}
	p.prev = nil // only the parallel walk checks a page against the one before
	p.prefetch(p.first)
}

// planOffsets reads the locator and batch from the first page; nil when
// the scan has at most one more page or the URL is not LOCATOR-OFFSET.
func planOffsets(first *salesforce.Page, width int) *offsetPlan {
	url := first.NextRecordsURL
	dash := strings.LastIndexByte(url, '-')
	if first.Done || dash < 0 || !strings.Contains(url, "/query/") {
		return nil
	}
	batch, err := strconv.Atoi(url[dash+1:])
	if err != nil || batch != len(first.Records) || batch <= 0 || first.TotalSize <= 2*batch {
		return nil
	}
	width = min(width, max(1, inFlightBytes/max(recordBytes(first), 1)))
	if width < 2 {
		return nil // pages this wide come one at a time
	}
	return &offsetPlan{prefix: url[:dash+1], batch: batch, total: first.TotalSize, next: batch, width: width}
}

func recordBytes(page *salesforce.Page) int {
	n := 0
	for _, r := range page.Records {
		n += len(r)
	}
	return n
}

// fetchLater fetches the page a wide page named as next, now that the
// wide one has been read: nil at the end.
func (p *pager) fetchLater() (*salesforce.Page, error) {
	url := p.later
	p.later = ""
	if url == "" {
		return nil, nil
	}
	page, err := p.client.NextPage(p.ctx, url)
	if err != nil {
		return nil, err
	}
	p.prefetch(page)
	return page, nil
}

// inFlightBytes bounds the pages fetched ahead at once: a scan of wide
// records (select * over 230 fields: megabytes a page) fetches fewer.
const inFlightBytes = 16 << 20

func (o *offsetPlan) url(offset int) string { return o.prefix + strconv.Itoa(offset) }

// fill keeps width pages in flight.
func (p *pager) fill() {
	for len(p.ahead) < p.plan.width && p.plan.next < p.plan.total {
		ctx, cancel := context.WithCancel(p.ctx)
		f := fetch{url: p.plan.url(p.plan.next), ch: make(chan pageResult, 1), cancel: cancel}
		p.plan.next += p.plan.batch
		go func() {
			page, err := p.client.NextPage(ctx, f.url)
			f.ch <- pageResult{page, err}
		}()
		p.ahead = append(p.ahead, f)
	}
}

func (p *pager) prefetch(page *salesforce.Page) {
	if page.Done || page.NextRecordsURL == "" || recordBytes(page) > inFlightBytes/4 {
		p.pending = nil // the last page, or one so wide the next waits for it
		p.later = page.NextRecordsURL
		return
	}
	ch := make(chan pageResult, 1)
	p.pending = ch
	go func(url string) {
		next, err := p.client.NextPage(p.ctx, url)
		ch <- pageResult{next, err}
	}(page.NextRecordsURL)
}

// next returns the next page, or nil when there are no more; a spent
// request budget says what the whole scan needs.
func (p *pager) next() (*salesforce.Page, error) {
	var page *salesforce.Page
	var err error
	if p.eager != nil {
		page, err = p.takeAhead()
	} else {
		page, err = p.nextPage()
	}
	if errors.Is(err, salesforce.ErrBudget) && p.batch > 0 {
		err = fmt.Errorf("%w: this scan needs %d requests in all (%d rows in pages of %d)", err, (p.total+p.batch-1)/p.batch, p.total, p.batch)
	}
	return page, err
}

func (p *pager) nextPage() (*salesforce.Page, error) {
	if p.first != nil {
		p.begin()
		page := p.first
		p.first = nil
		return page, nil
	}
	if p.plan != nil {
		return p.nextParallel()
	}
	if p.pending == nil {
		return p.fetchLater()
	}
	r := <-p.pending
	if r.err != nil {
		p.pending = nil
		return nil, r.err
	}
	p.prefetch(r.page)
	return r.page, nil
}

// nextParallel hands on the oldest page in flight when the page before it
// named it; otherwise it pages on sequentially from that page.
func (p *pager) nextParallel() (*salesforce.Page, error) {
	if p.prev.Done || p.prev.NextRecordsURL == "" {
		p.abandonAhead()
		return nil, nil
	}
	if len(p.ahead) == 0 || p.ahead[0].url != p.prev.NextRecordsURL {
		return p.sequentially()
	}
	f := p.ahead[0]
	p.ahead = p.ahead[1:]
	r := <-f.ch
	f.cancel()
	if r.err != nil {
		var api *salesforce.APIError
		if errors.As(r.err, &api) && api.Code == "INVALID_QUERY_LOCATOR" && p.refused != nil {
			p.refused.Store(true) // this org pages only sequentially
		}
		return p.sequentially()
	}
	p.fill()
	p.prev = r.page
	return r.page, nil
}

// sequentially gives up the offsets: what is in flight is dropped, and the
// page after the last good one is fetched by its own nextRecordsUrl.
func (p *pager) sequentially() (*salesforce.Page, error) {
	p.abandonAhead()
	p.plan = nil
	page, err := p.client.NextPage(p.ctx, p.prev.NextRecordsURL)
	p.prev = nil
	if err != nil {
		return nil, err
	}
	p.prefetch(page)
	return page, nil
}

// abandonAhead cancels the fetches in flight; they end into their
// buffered channels, unread.
func (p *pager) abandonAhead() {
	for _, f := range p.ahead {
		f.cancel()
	}
	p.ahead = nil
}

// close abandons the scan, cancelling any fetch in flight.
func (p *pager) close() {
	if p.eager != nil {
		close(p.eager.stop)
		p.eager = nil
	}
	p.cancel()
}
