package generator

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
)

// gcPauses holds the collector's settings while pauses are on.
var gcPauses pauses

type pauses struct {
	sync.Mutex
	percent int      // the GC percent before the first pause
	limit   int64    // the memory limit before the first pause (GOMEMLIMIT)
	on      []uint64 // the pauses on, by the memory each allows; 0: any
}

// pauseGC stops garbage collection until the returned function is called
// or, with a limit, until the process holds limit bytes. Overlapping
// pauses (serve may load while it renders) share the collector: it stays
// off until the last one ends, bounded by the largest limit, and never
// beyond a memory limit the user set (GOMEMLIMIT).
//
// A load pauses without a limit. An import keeps nearly everything it
// allocates (the lines and the exports' bytes), so collecting while it
// runs marks the same growing heap again and again for little: on a
// 100,000-device estate, eight collections and the write barriers they
// switch on cost about a third of the import. The analysis too keeps most
// of what it makes, and a collection then would mark every snapshot's
// lines, which a build lets go of right after (at a million devices, a
// few seconds). What a load leaves as garbage is bounded by the size of
// its files.
//
// A render pauses up to the memory its load held at its height (see
// renderLimit).
func pauseGC(limit uint64) (resume func()) {
	p := &gcPauses
	p.Lock()
	if len(p.on) == 0 {
		p.percent = debug.SetGCPercent(-1)
		p.limit = debug.SetMemoryLimit(-1)
	}
	p.on = append(p.on, limit)
	p.apply()
	p.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			p.Lock()
			defer p.Unlock()
			i := slices.Index(p.on, limit)
			p.on = slices.Delete(p.on, i, i+1)
			if len(p.on) == 0 {
				debug.SetMemoryLimit(p.limit)
				debug.SetGCPercent(p.percent)
				return
			}
			p.apply()
		})
	}
}

// apply sets the memory limit of the pauses on: the largest they allow,
// within the user's.
func (p *pauses) apply() {
	var limit uint64
	for _, l := range p.on {
		if l == 0 {
			limit = math.MaxInt64
			break
		}
		limit = max(limit, l)
	}
	debug.SetMemoryLimit(min(p.limit, int64(min(limit, math.MaxInt64))))
}

// heldMemory returns the memory the process has from the system and has
// not given back, what its resident size can be at most, and the heap
// the last collection found live.
func heldMemory() (held, live uint64) {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/gc/heap/live:bytes"},
	}
	metrics.Read(s)
	return s[0].Value.Uint64() - s[1].Value.Uint64(), s[2].Value.Uint64()
}

// collectAfterLoad collects what a load leaves behind and returns the
// memory the process held before, at the load's height.
func collectAfterLoad() (peak uint64) {
	peak, _ = heldMemory()
	runtime.GC()
	return peak
}

// renderLimit is the memory a render may hold before the collector runs:
// what its load held at its height (peak), so that the render adds
// nothing to the build's peak, and never less than the collector's own
// pace, twice the live heap. The render keeps little for long (a page
// being written, the device rows), so collecting while it runs marks the
// report, most of the heap, again and again: at a million devices each
// collection marks nearly 3 GB, a second of both cores.
//
// A small load leaves little that the render can reuse: the sample's held
// a few megabytes, and a render held to that collected some ninety times,
// a fifth of its time. The render may always add renderRoom to what the
// process holds.
func renderLimit(peak uint64) uint64 {
	held, live := heldMemory()
	return max(peak, 2*live, held+renderRoom)
}

// renderRoom is what a render may add to what the process holds before
// the collector runs, whatever the load held.
const renderRoom = 64 << 20
