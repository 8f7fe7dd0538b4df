// The ingest stage: every input file read on the cores there are, the
// largest first, into one estate.

package generator

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/generator/internal/config"
	"github.com/renewals/renewals/generator/internal/ingest"
	"github.com/renewals/renewals/generator/internal/projfs"
)

// job is one input file to import, or the coverage files of one snapshot,
// or every quote file; the files of a job are read into one slice of lines.
type job struct {
	kind     ingest.Kind
	paths    []string // one file, a snapshot's coverage files, or the quotes
	maxSize  int64    // the largest file read
	fileOpts map[string]config.FileOptions
	snapshot int
	opt      ingest.Options
	opts     []ingest.Options // the quotes': each file's own
	// results, one of which is set
	lines      []contract.Line       // the current snapshot's lines
	past       []contract.PastLine   // an earlier snapshot's, as the trend reads them
	coverage   []ingest.CoverageFile // its files' stats and quirks
	sites      []string              // its site spellings
	lifecycle  ingest.LifecycleFile
	quoteLines []contract.QuoteLine
	quotes     []ingest.QuoteFile // each quote file's totals, stats and quirks
	inventory  ingest.InventoryFile
	alerts     ingest.AlertFile
	// decommissioned lists the statuses an inventory file's entry counts
	// as out of service.
	decommissioned []string
}

// importAll reads every input file, using every core, and assembles the
// estate in config order so that the result does not depend on timing.
func importAll(c *config.Config, maxSize int64, diags *diag.List) *contract.Estate {
	base := ingest.Options{DateOrder: ingest.DateOrder(c.DateOrder), DecimalComma: c.DecimalComma, Currency: c.Currency}
	var jobs []*job
	for i, s := range c.Snapshots {
		jobs = append(jobs, &job{kind: ingest.KindCoverage, paths: s.Coverage, snapshot: i, opt: base, maxSize: maxSize})
	}
	for _, f := range c.Lifecycle {
		jobs = append(jobs, &job{kind: ingest.KindLifecycle, paths: []string{f}, opt: base, maxSize: maxSize})
	}
	quotes := &job{kind: ingest.KindQuotes, maxSize: maxSize}
	for _, q := range c.Quotes {
		opt := base
		opt.Partner, opt.Kind = q.Partner, q.Kind
		for _, f := range q.Files {
			quotes.paths = append(quotes.paths, f)
			quotes.opts = append(quotes.opts, opt)
		}
	}
	if len(quotes.paths) > 0 {
		jobs = append(jobs, quotes)
	}
	for _, inv := range c.Inventory {
		for _, f := range inv.Files {
			jobs = append(jobs, &job{kind: ingest.KindInventory, paths: []string{f}, opt: base, maxSize: maxSize, decommissioned: inv.Decommissioned})
		}
	}
	for _, f := range c.Alerts {
		jobs = append(jobs, &job{kind: ingest.KindAlerts, paths: []string{f}, opt: base, maxSize: maxSize})
	}

	work := make(chan *job)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(jobs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				j.run(diags)
			}
		}()
	}
	for _, j := range largestFirst(jobs) {
		j.fileOpts = c.FileOptions
		work <- j
	}
	close(work)
	wg.Wait()

	e := &contract.Estate{AsOf: c.AsOf, Currency: c.Currency}
	e.Snapshots = make([]contract.Snapshot, len(c.Snapshots))
	for i, s := range c.Snapshots {
		e.Snapshots[i].Date = s.Date
	}
	for _, j := range jobs {
		switch j.kind {
		case ingest.KindCoverage:
			s := &e.Snapshots[j.snapshot]
			s.Lines, s.Past = j.lines, j.past
			for _, f := range j.coverage {
				s.Files = append(s.Files, f.Stat)
				e.Quirks = append(e.Quirks, f.Quirks...)
			}
		case ingest.KindLifecycle:
			e.LifeFiles = append(e.LifeFiles, j.lifecycle.Stat)
			e.Lifecycle = mergeLifecycle(e.Lifecycle, j.lifecycle.Records)
			e.Quirks = append(e.Quirks, j.lifecycle.Quirks...)
		case ingest.KindQuotes:
			e.Quotes = j.quoteLines
			for _, q := range j.quotes {
				e.QuoteFiles = append(e.QuoteFiles, q.Stat)
				e.QuoteTotals = append(e.QuoteTotals, q.Totals...)
				e.Quirks = append(e.Quirks, q.Quirks...)
			}
		case ingest.KindInventory:
			e.InventoryFiles = append(e.InventoryFiles, j.inventory.Stat)
			e.Inventory = append(e.Inventory, j.inventory.Items...)
			e.Quirks = append(e.Quirks, j.inventory.Quirks...)
		case ingest.KindAlerts:
			e.AlertFiles = append(e.AlertFiles, j.alerts.Stat)
			e.Alerts = append(e.Alerts, j.alerts.Alerts...)
			e.Quirks = append(e.Quirks, j.alerts.Quirks...)
		}
	}
	var spellings [][]string
	for _, j := range jobs {
		if j.kind == ingest.KindCoverage {
			spellings = append(spellings, j.sites)
		}
	}
	mergeSiteSpellings(e, spellings)
	return e
}

// spellings lists site names as spelled, each once, in the order they
// first appear. Import jobs list their own snapshot's, on every core; a
// run of lines at one site costs one comparison each.
type spellings struct {
	list []string
	seen map[string]bool
	last string
}

// siteSpellings lists the site names of lines.
func siteSpellings(lines []contract.Line) []string {
	var s spellings
	for i := range lines {
		s.add(lines[i].Site)
	}
	return s.list
}

func (s *spellings) add(site string) {
	if site == "" || site == s.last {
		return
	}
	s.last = site
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	if !s.seen[site] {
		s.seen[site] = true
		s.list = append(s.list, site)
	}
}

// mergeSiteSpellings makes one site name of spellings that differ only in
// case or spacing, as when one export writes CENTRAL HOSPITAL and another
// Central Hospital. The first spelling that is not all capitals wins.
// spellings lists each snapshot's site names (see spellings) in
// config order.
func mergeSiteSpellings(e *contract.Estate, spellings [][]string) {
	fold := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	key := map[string]string{}
	best := map[string]string{}
	for _, sites := range spellings {
		for _, site := range sites {
			k, ok := key[site]
			if !ok {
				k = fold(site)
				key[site] = k
			}
			if cur, ok := best[k]; !ok || (cur == strings.ToUpper(cur) && site != strings.ToUpper(site)) {
				best[k] = site
			}
		}
	}
	canonical := make(map[string]string, len(key))
	same := true
	for spelling, k := range key {
		if best[k] != spelling {
			canonical[spelling] = best[k]
			same = false
		}
	}
	if same {
		return // one spelling per site: nothing to change
	}
	for i := range e.Snapshots {
		lines := e.Snapshots[i].Lines
		for j := range lines {
			if c, ok := canonical[lines[j].Site]; ok {
				lines[j].Site = c
			}
		}
	}
}

// largestFirst returns the jobs in the order to start them: the largest
// files first, so that the cores finish at about the same time. In config
// order, two large exports could end up one after the other on one core
// while the other core idles. The result still assembles in config order.
func largestFirst(jobs []*job) []*job {
	size := make(map[*job]int64, len(jobs))
	for _, j := range jobs {
		for _, p := range j.paths {
			if st, err := os.Stat(p); err == nil {
				size[j] += st.Size()
			}
		}
	}
	order := slices.Clone(jobs)
	slices.SortStableFunc(order, func(a, b *job) int { return cmp.Compare(size[b], size[a]) })
	return order
}

// run imports the job's files. A panic becomes an error on the file
// rather than a crash, so that the user still sees every other problem.
func (j *job) run(diags *diag.List) {
	defer func() {
		if r := recover(); r != nil {
			what := "this file"
			if len(j.paths) > 1 {
				what = "the files of this snapshot (" + strings.Join(j.paths, ", ") + ")"
			}
			var pos diag.Pos
			if len(j.paths) > 0 {
				pos.File = j.paths[0]
			}
			diags.Errorf(pos, "internal error while reading %s: %v (please report it with the file)", what, r)
		}
	}()
	var files []ingest.File
	var opts []ingest.Options
	for i, p := range j.paths {
		data, err := readFile(p, j.maxSize)
		if err != nil {
			diags.Errorf(diag.Pos{File: p}, "%v", err)
			continue
		}
		fo := j.fileOpts[p]
		files = append(files, ingest.File{Name: p, Data: data, DateOrder: ingest.DateOrder(fo.DateOrder), Decimal: fo.Decimal, Sheet: fo.Sheet})
		if j.opts != nil {
			opts = append(opts, j.opts[i])
		}
	}
	switch {
	case j.kind == ingest.KindCoverage && j.snapshot == 0:
		j.lines, j.coverage = ingest.Snapshot(files, j.opt, diags)
		j.sites = siteSpellings(j.lines)
	case j.kind == ingest.KindCoverage:
		// Only the trend reads an earlier snapshot: its lines are kept as
		// past lines, a third of the memory, and its site spellings as
		// they stream by.
		var sp spellings
		j.past, j.coverage = ingest.SnapshotPast(files, j.opt, diags, func(l *contract.Line) { sp.add(l.Site) })
		j.sites = sp.list
	case len(files) == 0:
	case j.kind == ingest.KindLifecycle:
		j.lifecycle = ingest.Lifecycle(files[0].Name, files[0].Data, files[0].Options(j.opt), diags)
	case j.kind == ingest.KindQuotes:
		j.quoteLines, j.quotes = ingest.QuoteFiles(files, opts, diags)
	case j.kind == ingest.KindInventory:
		j.inventory = ingest.Inventory(files[0].Name, files[0].Data, files[0].Options(j.opt), j.decommissioned, diags)
	case j.kind == ingest.KindAlerts:
		j.alerts = ingest.Alerts(files[0].Name, files[0].Data, files[0].Options(j.opt), diags)
	}
}

// readFile reads a whole input file, a regular one of at most maxSize
// bytes. The exports' bytes are kept through the analysis: their fields
// point into them.
func readFile(name string, maxSize int64) ([]byte, error) {
	data, err := projfs.ReadRegular(name, maxSize)
	if tl, ok := errors.AsType[*projfs.TooLargeError](err); ok {
		return nil, tooLarge(tl.Size, tl.Max)
	}
	if err != nil && strings.HasPrefix(err.Error(), "not a regular file") {
		err = fmt.Errorf("%w: name an export file", err)
	}
	return data, err
}

func tooLarge(size, maxSize int64) error {
	return fmt.Errorf("the file holds %s bytes; an input file may hold at most %s (%s; raise it with -max-file-size)", thousands(int(size)), thousands(int(maxSize)), Size(maxSize))
}

// mergeLifecycle adds records from a further EoX file; a product ID that
// an earlier file announced keeps that record.
func mergeLifecycle(have, add []contract.Lifecycle) []contract.Lifecycle {
	at := make(map[string]int, len(have))
	for i, r := range have {
		at[r.ProductID] = i
	}
	for _, r := range add {
		if i, ok := at[r.ProductID]; ok {
			if !have[i].Announced && r.Announced {
				have[i] = r
			}
			continue
		}
		at[r.ProductID] = len(have)
		have = append(have, r)
	}
	return have
}

// ingest imports every file the config lists into p.Estate, and checks
// what no single file can: an empty snapshot, amounts beyond any estate.
func (p *Project) ingest(maxFileSize int64) {
	p.Estate = importAll(p.Config, maxFileSize, p.Diags)
	for _, snap := range p.Estate.Snapshots {
		if snap.Len() == 0 && len(snap.Files) > 0 {
			p.Diags.Warnf(diag.Pos{File: p.Config.File}, "empty-snapshot", "the snapshot of %s has no lines: check that its coverage files are the installed-base exports", snap.Date)
		}
	}
	if ref, over := p.Estate.CheckTotals(); over {
		pos := diag.Pos{File: p.Config.File}
		if ref.File != "" {
			pos = diag.Pos{File: ref.File, Line: ref.Line}
		}
		p.Diags.Errorf(pos, "the inputs' amounts add up to more than %s (counting each line's net and its amount per year) by this line: more than any real estate; check the amounts",
			contract.Money(contract.MaxTotal).Format(p.Config.Currency))
	}
}
