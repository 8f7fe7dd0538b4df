// Package generator runs the stages of a report build, in order:
//
//	config → ingest → content → analyze     (Load)
//	render → write                          (Project.Build)
//
// Each stage is timed, one progress line each, and adds its problems to
// one diagnostics list, so that a build with bad inputs fails once,
// showing every problem. This file is the pipeline; the stages live in
// their packages (config, ingest, content, analyze, site) and the files
// beside it (ingest.go, render.go, archive.go, theme.go, charts.go).
package generator

import (
	"cmp"
	"fmt"
	"io"
	"time"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/generator/echarts"
	"github.com/renewals/renewals/generator/internal/chart"
	"github.com/renewals/renewals/generator/internal/config"
	"github.com/renewals/renewals/generator/internal/content"
	"github.com/renewals/renewals/generator/site"
)

// Options control a load or build.
type Options struct {
	// Config is the path of report.toml.
	Config string
	// Progress receives one line per stage with its time; nil is quiet.
	Progress io.Writer
	// MaxFileSize is the largest input file read, in bytes; 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
	// DropHistory lets go of the earlier snapshots' lines once the
	// analysis has drawn the trend from them, as a build does: the site
	// needs only the report. check keeps them to count them.
	DropHistory bool
}

// DefaultMaxFileSize is the largest input file read unless Options say
// otherwise: 2 GB, several times the exports of a million devices.
const DefaultMaxFileSize = 2 << 30

// Project is a loaded report project: its config and everything its input
// files say. Diags holds every problem found; check Diags before use.
type Project struct {
	Config *config.Config
	Estate *contract.Estate
	// Report is nil when the inputs have errors.
	Report *analyze.Report
	Docs   []*content.Doc
	Diags  *diag.List
	// Charts is the ECharts build that draws the charts; nil when there is
	// none, and each chart is shown as its data table (see ChartsMissing).
	Charts *echarts.Build

	historyDropped bool // the earlier snapshots' lines are let go
}

// Load runs the stages that read a project: config, ingest, content and
// analyze. It never returns nil; when the config cannot be read, Config
// and Estate are nil, and when the inputs have errors, Report is nil.
func Load(opts Options) *Project {
	p := &Project{Diags: &diag.List{}}
	stage := p.stage(opts.Progress)

	// config: report.toml, and where the charts come from.
	start := time.Now()
	p.Config = config.Load(opts.Config, p.Diags)
	stage(start, "read config %s", opts.Config)
	if p.Config == nil {
		return p
	}
	p.findCharts()
	p.checkWording()

	// ingest: every export the config lists, into one estate.
	start = time.Now()
	p.ingest(cmp.Or(opts.MaxFileSize, DefaultMaxFileSize))
	stage(start, "imported %s, %s", count(len(p.Estate.Files()), "file"), count(p.Estate.Rows(), "row"))

	// content: the commentary in Markdown.
	if p.Config.Content != "" {
		start = time.Now()
		p.Docs = content.Load(p.Config.Dir, p.Config.Content, content.Names{Figures: site.FigureNames(), Charts: chart.Names}, p.Diags)
		stage(start, "read %s of commentary", count(len(p.Docs), "file"))
	}
	// The diagnostics keep their source lines, not the files: a build
	// would otherwise carry every export's bytes to the end.
	defer p.Diags.Settle()
	if p.Diags.HasErrors(false) || len(p.Estate.Snapshots) == 0 {
		return p
	}

	// analyze: every figure of the report, from the estate.
	start = time.Now()
	p.Report = analyze.Run(p.Estate, settings(p.Config))
	p.findings()
	p.register()
	stage(start, "analyzed %s and %s", count(p.Report.Status.Total, "device"), count(len(p.Report.Advice), "recommendation"))
	if opts.DropHistory {
		p.Diags.Settle()
		p.dropHistory()
	}
	return p
}

// Build renders the site of a loaded project whose inputs have no errors
// and swaps it into dir. With an archive folder configured, it also keeps
// this quarter's report in archive/<YYYY>-Q<N>/ of the project and
// publishes every archived quarter under archive/ of the site, with an
// index, so that links shared in earlier quarters keep working. Files are
// written as they are rendered; nothing replaces dir until all succeeded.
func (p *Project) Build(dir string, progress io.Writer) (site.Result, error) {
	var res site.Result
	stage := p.stage(progress)
	if p.Report == nil {
		return res, fmt.Errorf("the inputs have errors; nothing was written")
	}
	if a := p.Config.Archive; a != "" && within(a, dir) {
		return res, fmt.Errorf("the archive %s lies inside the output %s, which every build replaces; keep it beside the output", a, dir)
	}
	p.dropHistory()

	// render: every page and file, straight into a folder beside dir.
	start := time.Now()
	d, err := site.NewDir(dir)
	if err != nil {
		return res, err
	}
	keep, err := p.renderTo(d, RenderOptions{KeepArchive: true}, d)
	if err != nil {
		d.Abort()
		return res, fmt.Errorf("rendering the site: %w", err)
	}

	// write: everything that can fail has run; the quarter's archived
	// copy and the site go in together, or neither does.
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
		return res, fmt.Errorf("putting the site in %s: %w", dir, err)
	}
	// What the swaps replaced goes; a folder left behind is cleared by
	// the next build.
	if keep != nil {
		keep.Finish()
	}
	d.Finish()
	res = d.Result()
	stage(start, "wrote %s of %s (%s, %s) to %s", count(res.Pages, "page"), QuarterOf(p.Report.AsOf), count(res.Files, "file"), size(res.Bytes), dir)
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

// stage returns a function that prints one progress line with the time
// since start.
func (p *Project) stage(w io.Writer) func(start time.Time, format string, args ...any) {
	return func(start time.Time, format string, args ...any) {
		if w == nil {
			return
		}
		fmt.Fprintf(w, "renewals: %s (%s)\n", fmt.Sprintf(format, args...), since(start))
	}
}

func since(start time.Time) string {
	d := time.Since(start)
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%d µs", d.Microseconds())
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
