package shell

import (
	"fmt"
	"sync"
	"time"

	"github.com/sfsql/sfsql/vtab"
)

// progress draws rows fetched, requests and rate on stderr for statements
// that take more than a second, on a terminal only.
type progress struct {
	s         *Shell
	start     time.Time
	mu        sync.Mutex
	last      vtab.Progress
	drawn     bool
	done      chan struct{}
	stopped   sync.Once
	unobserve func()
	wg        sync.WaitGroup
}

const progressDelay = time.Second

func (s *Shell) startProgress() *progress {
	p := &progress{s: s, start: time.Now(), done: make(chan struct{})}
	if !s.cfg.StderrIsTTY || !s.interactive || s.depth > 0 {
		return p
	}
	startRows := s.engine().RowsFetched()
	startReq := s.engine().Stats().Requests
	p.unobserve = s.engine().Observe(vtab.Observer{Progress: func(pr vtab.Progress) {
		p.mu.Lock()
		p.last = pr
		p.mu.Unlock()
	}})
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-tick.C:
				if time.Since(p.start) >= progressDelay {
					p.draw(s.engine().RowsFetched()-startRows, s.engine().Stats().Requests-startReq)
				}
			}
		}
	}()
	return p
}

func (p *progress) draw(rows, requests int64) {
	p.mu.Lock()
	last := p.last
	p.mu.Unlock()
	rate := float64(rows) / time.Since(p.start).Seconds()
	total := ""
	if last.Total > 0 {
		total = fmt.Sprintf(" / %d", last.Total)
	}
	fmt.Fprintf(p.s.cfg.Stderr, "\r\033[K%d%s rows fetched, %d requests, %.0f rows/s", last.Rows, total, requests, rate)
	p.drawn = true
}

// stop ends the display and clears its line.
func (p *progress) stop() {
	p.stopped.Do(func() {
		close(p.done)
		p.wg.Wait()
		if p.unobserve != nil {
			p.unobserve()
		}
		if p.drawn {
			fmt.Fprint(p.s.cfg.Stderr, "\r\033[K")
		}
	})
}
