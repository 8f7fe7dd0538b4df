package generator

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/generator/internal/projfs"
	"github.com/renewals/renewals/generator/site"
	"github.com/renewals/renewals/themes"
)

// Build renders the site of a loaded project whose inputs have no errors
// and swaps it into dir. With an archive folder configured, it also keeps
// this quarter's report in archive/<YYYY>-Q<N>/ of the project and
// publishes every archived quarter under archive/ of the site, with an
// index, so that links shared in earlier quarters keep working. Files are
// written as they are rendered; nothing replaces dir until all succeeded.
func (p *Project) Build(dir string, progress io.Writer) (site.Result, error) {
	var res site.Result
	if p.Report == nil {
		return res, fmt.Errorf("the inputs have errors; nothing was written")
	}
	if a := p.Config.Archive; a != "" && within(a, dir) {
		return res, fmt.Errorf("the archive %s lies inside the output %s, which every build replaces; keep it beside the output", a, dir)
	}
	start := time.Now()
	p.dropHistory()
	d, err := site.NewDir(dir)
	if err != nil {
		return res, err
	}
	keep, err := p.renderTo(d, RenderOptions{KeepArchive: true}, d)
	if err != nil {
		d.Abort()
		return res, err
	}
	// Everything that can fail has run: the quarter's archived copy and
	// the site go in together, or neither does.
	if keep != nil {
		if err := keep.Swap(); err != nil {
			keep.Abort()
			d.Abort()
			return res, fmt.Errorf("keeping %s in the archive: %w", QuarterOf(p.Report.AsOf), err)
		}
	}
	if err := d.Swap(); err != nil {
		if keep != nil {
			if uerr := keep.Undo(); uerr != nil {
				err = fmt.Errorf("%w; and putting back the archived %s failed: %v", err, QuarterOf(p.Report.AsOf), uerr)
			}
		}
		d.Abort()
		return res, err
	}
	// What the swaps replaced goes; a folder left behind is cleared by
	// the next build.
	if keep != nil {
		keep.Finish()
	}
	d.Finish()
	res = d.Result()
	p.stage(progress)(start, "wrote %s of %s (%s, %s) to %s", count(res.Pages, "page"), QuarterOf(p.Report.AsOf), count(res.Files, "file"), size(res.Bytes), dir)
	return res, nil
}

// dropHistory lets go of the lines of every snapshot but the current
// one, once. The analysis has drawn the trend from them; the site reads
// only the report, whose devices point into the current snapshot. On a
// large estate this keeps about two thirds of the imported lines out of
// the build's peak memory.
func (p *Project) dropHistory() {
	if p.Report == nil || p.Estate == nil || p.historyDropped {
		return
	}
	for i := 1; i < len(p.Estate.Snapshots); i++ {
		p.Estate.Snapshots[i].Lines, p.Estate.Snapshots[i].Past = nil, nil
	}
	p.historyDropped = true
}

// RenderOptions say what Render may do besides rendering.
type RenderOptions struct {
	// KeepArchive stores this quarter's report in the project's archive
	// folder; serve leaves the archive alone.
	KeepArchive bool
}

// Render returns every file of the site by slash path.
func (p *Project) Render(opt RenderOptions) (map[string][]byte, error) {
	if p.Report == nil {
		return nil, fmt.Errorf("the inputs have errors; nothing was written")
	}
	f := site.NewFiles()
	if _, err := p.renderTo(f, opt, nil); err != nil {
		return nil, err
	}
	return f.Map(), nil
}

// renderTo renders the site into sink. When the sink is the output folder
// (root), the archived copy links the files it shares with the site rather
// than writing them again.
//
// With opt.KeepArchive it also writes the archived copy of this quarter
// and returns it, complete but not yet swapped in: the caller does that
// together with the site.
func (p *Project) renderTo(sink site.Sink, opt RenderOptions, root *site.Dir) (keep *site.Dir, err error) {
	figures, err := p.Report.MarshalFigures()
	if err != nil {
		return nil, err
	}
	th := p.theme()
	quarter := QuarterOf(p.Report.AsOf)
	quarters, err := archivedQuarters(p.Config.Archive)
	if err != nil {
		return nil, err
	}
	var prev *site.Previous
	for _, q := range quarters {
		if q < quarter {
			prev = &site.Previous{Quarter: q}
		}
	}
	if prev != nil {
		if prev.Pages, err = pagesOf(filepath.Join(p.Config.Archive, prev.Quarter)); err != nil {
			return nil, err
		}
	}
	in := &site.Input{Config: p.Config, Estate: p.Estate, Report: p.Report, Docs: p.Docs, Figures: figures, ECharts: p.chartCode(),
		Theme: th, Quarter: quarter, HasArchive: p.Config.Archive != "" && (opt.KeepArchive || len(quarters) > 0)}
	if prev != nil {
		pp := *prev
		pp.Base = "archive/" + prev.Quarter + "/"
		in.Prev = &pp
	}
	if p.Config.Archive != "" && opt.KeepArchive {
		// The archived copy of this quarter: the same pages, rendered in
		// the same pass with the archive's banner and links.
		if keep, err = site.NewDir(filepath.Join(p.Config.Archive, quarter)); err != nil {
			return nil, err
		}
		in.Copy = &site.Copy{Sink: keep}
		if prev != nil {
			pp := *prev
			pp.Base = "../" + prev.Quarter + "/"
			in.Copy.Prev = &pp
		}
	}
	abort := func(err error) (*site.Dir, error) {
		if keep != nil {
			keep.Abort()
		}
		return nil, err
	}
	if err := site.RenderTo(in, sink); err != nil {
		return abort(err)
	}
	if p.Config.Archive == "" {
		return nil, nil
	}
	if keep != nil {
		if err := p.keepQuarter(keep, sink, root); err != nil {
			return abort(fmt.Errorf("keeping %s in the archive: %w", quarter, err))
		}
	}
	if err := p.publishArchive(sink, quarter, th, keep); err != nil {
		return abort(err)
	}
	return keep, nil
}

// keepQuarter completes the archived copy of this quarter, whose pages are
// already rendered: it adds the site's other files, linked from the output
// where they were just written.
func (p *Project) keepQuarter(ad *site.Dir, built site.Sink, root *site.Dir) error {
	files, _ := built.(*site.Files)
	var err error
	for _, name := range built.Names() {
		if strings.HasSuffix(name, ".html") {
			continue
		}
		switch {
		case root != nil:
			err = ad.Link(name, root.Path(name))
		case files != nil:
			err = ad.Add(name, files.Map()[name])
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// BuildSingle writes the report as one self-contained HTML file, for
// email, and returns its size.
func (p *Project) BuildSingle(path string, progress io.Writer) (int, error) {
	if p.Report == nil {
		return 0, fmt.Errorf("the inputs have errors; nothing was written")
	}
	start := time.Now()
	data, err := p.singleFile(nil)
	if err != nil {
		return 0, err
	}
	if err := writeFile(path, data); err != nil {
		return 0, err
	}
	p.stage(progress)(start, "wrote %s, %s", path, size(int64(len(data))))
	return len(data), nil
}

// singleFile renders the single-file report of the pages named (their
// keys; nil for all).
func (p *Project) singleFile(pages []string) ([]byte, error) {
	figures, err := p.Report.MarshalFigures()
	if err != nil {
		return nil, err
	}
	return site.Single(&site.Input{Config: p.Config, Estate: p.Estate, Report: p.Report, Docs: p.Docs, Figures: figures,
		ECharts: p.chartCode(), Theme: p.theme(), Quarter: QuarterOf(p.Report.AsOf), Pages: pages})
}

// writeFile writes data through a temporary file and a rename, so that a
// reader never sees half a file and a failure leaves the old one.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// QuarterOf names the calendar quarter of d: 2026-11-23 is 2026-Q4.
func QuarterOf(d contract.Date) string {
	y, m, _ := d.Civil()
	return fmt.Sprintf("%d-Q%d", y, (int(m)-1)/3+1)
}

var quarterName = regexp.MustCompile(`^\d{4}-Q[1-4]$`)

// archivedQuarters lists the quarters kept in the archive folder, oldest
// first.
func archivedQuarters(dir string) ([]string, error) {
	if dir == "" {
		return nil, nil
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && quarterName.MatchString(e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// pagesOf lists the HTML pages of an archived report.
func pagesOf(dir string) (map[string]bool, error) {
	pages := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			rel, _ := filepath.Rel(dir, path)
			pages[filepath.ToSlash(rel)] = true
		}
		return err
	})
	return pages, err
}

// publishArchive adds every archived quarter and the archive index to the
// site, linking the archived files rather than reading them; this
// quarter's from keep, the copy this build is writing, when there is one.
func (p *Project) publishArchive(sink site.Sink, current string, th fs.FS, keep *site.Dir) error {
	quarters, err := archivedQuarters(p.Config.Archive)
	if err != nil {
		return err
	}
	if keep != nil && !slices.Contains(quarters, current) {
		quarters = append(quarters, current)
		slices.Sort(quarters)
	}
	var list []site.Quarter
	for _, q := range quarters {
		root := filepath.Join(p.Config.Archive, q)
		if keep != nil && q == current {
			root = keep.Root() // this build's copy, not yet swapped in
		}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			return sink.Link("archive/"+q+"/"+filepath.ToSlash(rel), path)
		})
		if err != nil {
			return err
		}
		figures, err := os.ReadFile(filepath.Join(root, "data", "figures.json"))
		if err != nil {
			return err
		}
		list = append(list, site.Quarter{Label: q, Current: q == current, Figures: figures})
	}
	if len(list) == 0 {
		return nil
	}
	info := &site.Info{Title: p.Config.Title, Organization: p.Config.Organization, AsOf: p.Report.AsOf.String(), Currency: p.Report.Currency,
		Quarter: current, Files: len(p.Estate.Files()), Nav: site.Nav()}
	index, err := site.ArchiveIndex(th, info, list)
	if err != nil {
		return err
	}
	return sink.Add("archive/index.html", index)
}

// within reports whether path lies inside dir.
func within(path, dir string) bool {
	a, err1 := filepath.Abs(path)
	b, err2 := filepath.Abs(dir)
	return err1 == nil && err2 == nil && projfs.Within(a, b)
}

func embeddedTheme() fs.FS {
	t, err := fs.Sub(themes.FS, "default")
	if err != nil {
		panic(err) // the theme is embedded at build time
	}
	return t
}

// ThemeDir is the folder of a project's own theme, themes/default beside
// its config, or "" when there is none. Build and serve both use it, and
// serve watches it, so that what serve shows is what build writes.
func ThemeDir(configDir string) string {
	dir := filepath.Join(configDir, "themes", "default")
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		return dir
	}
	return ""
}

// Diagnose places an error of Build or Render: an error in a theme's
// template at its file and line, in the project's theme folder when the
// file is there, else in the built-in theme; anything else at the config.
func (p *Project) Diagnose(err error) diag.Diagnostic {
	if te, ok := errors.AsType[*site.TemplateError](err); ok {
		file := "built-in theme: " + te.File
		if dir := ThemeDir(p.Config.Dir); dir != "" {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(te.File))); err == nil {
				file = filepath.Join(dir, filepath.FromSlash(te.File))
			}
		}
		return diag.Diagnostic{Pos: diag.Pos{File: file, Line: te.Line, Col: te.Col}, Severity: diag.Error, Msg: te.Msg}
	}
	return diag.Diagnostic{Pos: diag.Pos{File: p.Config.File}, Severity: diag.Error, Msg: err.Error()}
}

// theme returns the project's theme: each file from its own theme folder
// when that has it, else the embedded theme's. A project copies and
// changes only the files it wants to.
func (p *Project) theme() fs.FS {
	if dir := ThemeDir(p.Config.Dir); dir != "" {
		return overlay{top: projfs.FS{Root: p.Config.Dir, Dir: dir, MaxFile: maxThemeFile}, base: embeddedTheme()}
	}
	return embeddedTheme()
}

// maxThemeFile is the largest file of a project's theme that is read.
const maxThemeFile = 64 << 20

// overlay reads a name from top when top has it, else from base; a folder
// lists what either holds. A file that top has but refuses (a link out of
// the project, a FIFO) is an error, not a fall back to base.
type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil || !projfs.IsNotExist(err) {
		return f, err
	}
	return o.base.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	top, errTop := fs.ReadDir(o.top, name)
	if errTop != nil && !projfs.IsNotExist(errTop) {
		return nil, errTop
	}
	base, errBase := fs.ReadDir(o.base, name)
	if errTop != nil && errBase != nil {
		return nil, errBase
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, e := range append(top, base...) {
		if !seen[e.Name()] {
			seen[e.Name()] = true
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// chartCode is the ECharts build the site carries, or nil.
func (p *Project) chartCode() []byte {
	if p.Charts == nil {
		return nil
	}
	return p.Charts.Code
}

// Size formats a byte count for people: 1.4 MB.
func Size(n int64) string { return size(n) }

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// WriteHeadlines prints the headline figures and the top recommendations
// as plain text, for the terminal.
func WriteHeadlines(w io.Writer, r *analyze.Report, title, organization string, top int) error {
	var b strings.Builder
	cur := r.Currency
	m := r.Amount
	head := title
	if organization != "" {
		head = organization + " — " + title
	}
	fmt.Fprintf(&b, "%s, as of %s\n\n", head, r.AsOf)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Annual spend (run rate)\t%s\n", m(r.Spend.Annual))
	if r.Spend.TermValue != r.Spend.Annual {
		fmt.Fprintf(tw, "Term value of active lines\t%s\n", m(r.Spend.TermValue))
	}
	s := r.Status
	fmt.Fprintf(tw, "Devices\t%s: %s covered, %s uncovered (%s never covered, %s lapsed)\n",
		thousands(s.Total), thousands(s.Covered), thousands(s.Uncovered), thousands(s.NeverCovered), thousands(s.Lapsed))
	perYear := func(v analyze.Money) string {
		if !r.Priced {
			return "" // the money is not in the exports: the devices say it
		}
		return ", " + m(v) + " a year"
	}
	fmt.Fprintf(tw, "Expiring within %d days\t%s%s\n", r.Expiring.HorizonDays, count(r.Expiring.Devices, "device"), perYear(r.Expiring.AnnualValue))
	if lc := r.Lifecycle; lc.HasInput {
		fmt.Fprintf(tw, "Past LDoS, still paid\t%s%s\n", count(lc.PastLDoSPaid.Devices, "device"), perYear(lc.PastLDoSPaid.AnnualCost))
		fmt.Fprintf(tw, "LDoS within 12 months\t%s\n", count(lc.Within12Months.Devices, "device"))
	}
	if d := r.Duplicate; len(d.Serials) > 0 {
		fmt.Fprintf(tw, "Duplicate coverage\t%s%s\n", count(len(d.Serials), "device"), perYear(d.AnnualSaving))
	}
	if t := r.Trend; t != nil && len(t.Changes) > 0 && r.Priced {
		c := t.Changes[len(t.Changes)-1]
		sign := "+"
		if c.Change < 0 {
			sign = ""
		}
		fmt.Fprintf(tw, "Change since %s\t%s%s (%s%.2f %%)\n", c.From, sign, m(c.Change), sign, c.ChangePct)
	}
	if q := r.Quotes; q != nil && q.CheapestVendor != "" {
		est := ""
		if q.TPM.Estimate {
			est = " (estimate)"
		}
		fmt.Fprintf(tw, "Quotes\tcheapest vendor partner %s; TPM saves %.2f %%%s; hybrid saves %.2f %%\n", q.CheapestVendor, q.TPM.Pct, est, q.Hybrid.Pct)
	}
	tw.Flush()
	if len(r.Advice) > 0 {
		b.WriteString("\nTop recommendations\n")
		for i, a := range r.Advice {
			if i == top {
				break
			}
			per := "a year"
			if a.OneOff {
				per = "once"
			}
			fmt.Fprintf(&b, "%2d. %s\n    ", i+1, a.Action)
			sep := ""
			if !a.NoMoney {
				fmt.Fprintf(&b, "%s %s %s", a.MoneyKind, a.Money.Format(cur), per)
				sep = "; "
			}
			switch {
			case a.DecideBy.IsZero():
			case a.DecideBy.Before(r.AsOf):
				fmt.Fprintf(&b, "%sdecide now (the decide-by date %s has passed)", sep, a.DecideBy)
			default:
				fmt.Fprintf(&b, "%sdecide by %s", sep, a.DecideBy)
			}
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
