// The theme: the embedded one, overlaid file by file by a project's own
// themes/default folder, and the place of an error in its templates.

package generator

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/generator/internal/projfs"
	"github.com/renewals/renewals/generator/site"
	"github.com/renewals/renewals/themes"
)

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

// Diagnose places an error of Build or Render: an error in the theme at
// its file and line (see ThemeError); anything else at the config.
func (p *Project) Diagnose(err error) diag.Diagnostic {
	if d, ok := p.ThemeError(err); ok {
		return d
	}
	return diag.Diagnostic{Pos: diag.Pos{File: p.Config.File}, Severity: diag.Error, Msg: err.Error()}
}

// ThemeError places an error in the theme: a template's at its file and
// line, in the project's theme folder when the file is there, else in the
// built-in theme; a wording file's at its line.
func (p *Project) ThemeError(err error) (diag.Diagnostic, bool) {
	if we, ok := errors.AsType[*site.WordingError](err); ok {
		return diag.Diagnostic{Pos: diag.Pos{File: we.File, Line: we.Line}, Severity: diag.Error, Msg: we.Msg}, true
	}
	te, ok := errors.AsType[*site.TemplateError](err)
	if !ok {
		return diag.Diagnostic{}, false
	}
	file := "built-in theme: " + te.File
	if dir := ThemeDir(p.Config.Dir); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(te.File))); err == nil {
			file = filepath.Join(dir, filepath.FromSlash(te.File))
		}
	}
	return diag.Diagnostic{Pos: diag.Pos{File: file, Line: te.Line, Col: te.Col}, Severity: diag.Error, Msg: te.Msg}, true
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

// wording returns the pages' wording: the built-in theme's, with the keys
// of the project's own themes/default/wording.toml over it.
func (p *Project) wording() (site.Wording, []error) {
	dir := ThemeDir(p.Config.Dir)
	if dir == "" {
		return site.DefaultWording(), nil
	}
	data, err := projfs.ReadFile(p.Config.Dir, filepath.Join(dir, site.WordingFile), maxThemeFile)
	if projfs.IsNotExist(err) {
		return site.DefaultWording(), nil
	}
	name := filepath.Join(dir, site.WordingFile)
	if err != nil {
		return site.DefaultWording(), []error{&site.WordingError{File: name, Msg: err.Error()}}
	}
	return site.ParseWording(site.DefaultWording(), name, data)
}

// checkWording reports the problems of the project's wording file as
// errors at their lines.
func (p *Project) checkWording() {
	_, errs := p.wording()
	for _, err := range errs {
		if we, ok := errors.AsType[*site.WordingError](err); ok {
			p.Diags.Errorf(diag.Pos{File: we.File, Line: we.Line}, "%s", we.Msg)
		} else {
			p.Diags.Errorf(diag.Pos{File: p.Config.File}, "%v", err)
		}
	}
}
