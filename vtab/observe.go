package vtab

import "sync"

// Observer hears about an engine's work: the SOQL of every scan that goes
// to the org and every page received. Either func may be nil. An engine
// has any number of observers (the shell's .soql, its progress line, a
// test's request log) and tells each of them.
type Observer struct {
	Scan     func(soql string)
	Progress func(Progress)
}

type observers struct {
	mu   sync.Mutex
	next int
	m    map[int]Observer
	// calling: observers hear one event at a time, though the scans of
	// several orgs run at once.
	calling sync.Mutex
}

// Observe adds an observer until stop is called.
func (e *Engine) Observe(o Observer) (stop func()) {
	e.obs.mu.Lock()
	defer e.obs.mu.Unlock()
	if e.obs.m == nil {
		e.obs.m = map[int]Observer{}
	}
	id := e.obs.next
	e.obs.next++
	e.obs.m[id] = o
	return func() {
		e.obs.mu.Lock()
		defer e.obs.mu.Unlock()
		delete(e.obs.m, id)
	}
}

func (e *Engine) each(f func(Observer)) {
	e.obs.mu.Lock()
	list := make([]Observer, 0, len(e.obs.m))
	for _, o := range e.obs.m {
		list = append(list, o)
	}
	e.obs.mu.Unlock()
	e.obs.calling.Lock()
	defer e.obs.calling.Unlock()
	for _, o := range list {
		f(o)
	}
}

func (e *Engine) notifyScan(soql string) {
	e.each(func(o Observer) {
		if o.Scan != nil {
			o.Scan(soql)
		}
	})
}

func (e *Engine) notifyProgress(p Progress) {
	e.each(func(o Observer) {
		if o.Progress != nil {
			o.Progress(p)
		}
	})
}
