// The render stage: the site's files into a sink, or one self-contained
// HTML file.

package generator

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/site"
)

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
	p.Report.SincePrevious = nil
	if prev != nil {
		if prev.Pages, err = pagesOf(filepath.Join(p.Config.Archive, prev.Quarter)); err != nil {
			return nil, err
		}
		// What changed since: from that report's figures, as published.
		path := filepath.Join(p.Config.Archive, prev.Quarter, "data", "figures.json")
		if data, err := os.ReadFile(path); err == nil {
			pf, err := analyze.ReadPrevious(data)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			p.Report.SincePrevious = p.Report.Compare(prev.Quarter, pf)
		}
	}
	figures, err := p.Report.MarshalFigures()
	if err != nil {
		return nil, err
	}
	wording, errs := p.wording()
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	in := &site.Input{Config: p.Config, Estate: p.Estate, Report: p.Report, Docs: p.Docs, Figures: figures, ECharts: p.chartCode(),
		Theme: th, Wording: wording, Quarter: quarter, HasArchive: p.Config.Archive != "" && (opt.KeepArchive || len(quarters) > 0)}
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
	wording, errs := p.wording()
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return site.Single(&site.Input{Config: p.Config, Estate: p.Estate, Report: p.Report, Docs: p.Docs, Figures: figures,
		ECharts: p.chartCode(), Theme: p.theme(), Wording: wording, Quarter: QuarterOf(p.Report.AsOf), Pages: pages})
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
