// The quarterly archive: this quarter's report kept in the project's
// archive folder, and every archived quarter published under archive/.

package generator

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/internal/projfs"
	"github.com/renewals/renewals/generator/site"
)

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

// QuarterOf names the calendar quarter of d: 2026-11-23 is 2026-Q4.
func QuarterOf(d contract.Date) string { return d.Quarter() }

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

var quarterName = regexp.MustCompile(`^\d{4}-Q[1-4]$`)
