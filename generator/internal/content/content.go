// Package content reads the manager's Markdown commentary: front matter in
// TOML (+++) or YAML (---), GitHub-flavoured Markdown, and shortcodes that
// pull report figures and charts into the text:
//
//	{{< figure annual_spend >}}      inline: the formatted figure
//	{{< chart renewals_by_month >}}  on a line of its own: the chart
//
// An unknown name is an error at its file:line:col. Raw HTML is omitted
// unless the config turns it on.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/frontmatter"

	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/generator/internal/projfs"
)

// Pages a document may place itself on with `page = "..."`.
var Pages = []string{"index", "renewals", "spend", "risk", "quotes", "advice", "devices", "quality"}

// Names are the shortcode names that exist.
type Names struct {
	Figures []string
	Charts  []string
}

// Doc is one commentary file.
type Doc struct {
	Path        string
	Slug        string // file name without .md
	Title       string
	Description string
	// Page is the generated page the document is placed on, or "" for a
	// page of its own under notes/. index.md goes on the index.
	Page   string
	Weight int
	source []byte
}

type meta struct {
	Title       string `yaml:"title" toml:"title"`
	Description string `yaml:"description" toml:"description"`
	Page        string `yaml:"page" toml:"page"`
	Weight      int    `yaml:"weight" toml:"weight"`
}

// Load reads every .md file in dir, in name order, and checks its front
// matter and shortcodes. dir lies in the project folder root, which no
// file it reads may lead out of through a link. Problems go to diags.
func Load(root, dir string, names Names, diags *diag.List) []*Doc {
	if dir == "" {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		diags.Errorf(diag.Pos{File: dir}, "%v", err)
		return nil
	}
	var docs []*Doc
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".md") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		src, err := projfs.ReadFile(root, path, MaxFileSize)
		if err != nil {
			diags.Errorf(diag.Pos{File: path}, "%v", unwrapPath(err))
			continue
		}
		if d := Parse(path, src, names, diags); d != nil {
			docs = append(docs, d)
		}
	}
	slices.SortStableFunc(docs, func(a, b *Doc) int { return a.Weight - b.Weight })
	return docs
}

// unwrapPath drops the operation and path from an *fs.PathError, whose
// file the diagnostic names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse reads one document from src.
func Parse(path string, src []byte, names Names, diags *diag.List) *Doc {
	if !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 {
		// The site is always UTF-8: bytes that are not, and NULs, are read
		// as U+FFFD.
		i := bytes.IndexByte(src, 0)
		if j := invalidUTF8(src); i < 0 || (j >= 0 && j < i) {
			i = j
		}
		line := 1 + bytes.Count(src[:i], []byte{'\n'})
		diags.Source(path, src)
		diags.Warnf(diag.Pos{File: path, Line: line, Col: i - bytes.LastIndexByte(src[:i], '\n')}, "not-utf8",
			"bytes that are not UTF-8 text read as \uFFFD: save the file as UTF-8")
		src = bytes.ReplaceAll(bytes.ToValidUTF8(src, []byte("\uFFFD")), []byte{0}, []byte("\uFFFD"))
	}
	diags.Source(path, src)
	slug := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	d := &Doc{Path: path, Slug: slug, source: src}
	if !checkLimits(path, src, diags) {
		return nil
	}
	unfinished(path, src, diags)
	sc := &shortcodes{path: path, src: src, names: names, diags: diags}
	md := newMarkdown(sc, false)
	ctx := parser.NewContext()
	md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var m meta
	if fm := frontmatter.Get(ctx); fm != nil {
		if err := fm.Decode(&m); err != nil {
			diags.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "front matter: %v", err)
		}
	}
	d.Title, d.Description, d.Page, d.Weight = m.Title, m.Description, m.Page, m.Weight
	if d.Title == "" {
		d.Title = strings.ReplaceAll(slug, "-", " ")
	}
	if d.Page == "" && slug == "index" {
		d.Page = "index"
	}
	if d.Page != "" && !slices.Contains(Pages, d.Page) {
		diags.Errorf(lineOf(path, src, "page"), "page: %q is not a page of the report (accepted: %s)", d.Page, strings.Join(Pages, ", "))
	}
	return d
}

// placeholderLine is a line that stands for text still to be written, as
// renewals init leaves it: "...", "1. ...", "- ...".
var placeholderLine = regexp.MustCompile(`^\s*(?:\d+[.)]|[-*+])?\s*(?:\.\.\.|…|TODO|TBD)\s*$`)

// unfinished warns once per file about the placeholders it still holds,
// so that check says so before management reads "1. ...".
func unfinished(path string, src []byte, diags *diag.List) {
	n, first := 0, 0
	for i, line := range strings.Split(string(src), "\n") {
		if placeholderLine.MatchString(line) {
			if n == 0 {
				first = i + 1
			}
			n++
		}
	}
	if n > 0 {
		diags.Warnf(diag.Pos{File: path, Line: first, Col: 1}, "unfinished-commentary",
			"the commentary still holds %d placeholder line(s) such as this one: write the text, or remove the line", n)
	}
}

// invalidUTF8 returns the offset of the first byte of src that is not
// UTF-8, or -1.
func invalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// lineOf finds the first line of the front matter that starts with key.
func lineOf(path string, src []byte, key string) diag.Pos {
	for i, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), key) {
			return diag.Pos{File: path, Line: i + 1, Col: 1}
		}
	}
	return diag.Pos{File: path, Line: 1, Col: 1}
}

// Resolver supplies the values of shortcodes when a document is rendered.
type Resolver struct {
	Figure func(name string) string
	// Chart returns the HTML of a chart; n counts the charts already
	// placed on the page, so that element IDs stay unique on it.
	Chart func(name string, n int) template.HTML
	// IDs are the ids the documents rendered before into the same page
	// have taken; nil for a document alone on its page.
	IDs *PageIDs
}

// PageIDs records what the documents rendered into one page have placed on
// it: the ids of their headings and the number of their charts. Two
// documents on one page that share it never give two elements one id,
// even with a heading or a chart in common. The zero value is empty.
type PageIDs struct {
	headings map[string]bool
	charts   int
}

// Render turns the document into HTML. Raw HTML is kept only when unsafe
// is set.
func (d *Doc) Render(res Resolver, unsafe bool) (template.HTML, error) {
	if res.IDs == nil {
		res.IDs = &PageIDs{}
	}
	if res.IDs.headings == nil {
		res.IDs.headings = map[string]bool{}
	}
	sc := &shortcodes{path: d.Path, src: d.source, diags: &diag.List{}, resolve: &res}
	md := newMarkdown(sc, unsafe)
	var b bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{seen: res.IDs.headings}))
	if err := md.Convert(d.source, &b, parser.WithContext(ctx)); err != nil {
		return "", fmt.Errorf("%s: %w", d.Path, err)
	}
	return template.HTML(b.String()), nil // goldmark escapes text and drops raw HTML unless unsafe; linkFilter drops unsafe links
}

// headingIDs gives commentary headings ids that start with "c-", so that
// they never collide with the ids of the page's own sections, and that no
// id in seen has.
type headingIDs struct{ seen map[string]bool }

func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	var b strings.Builder
	b.WriteString("c-")
	dash := false
	for _, r := range strings.ToLower(string(value)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 2 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	id := b.String()
	for i := 2; h.seen[id]; i++ {
		id = fmt.Sprintf("%s-%d", b.String(), i)
	}
	h.seen[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.seen[string(value)] = true }

func newMarkdown(sc *shortcodes, unsafe bool) goldmark.Markdown {
	var ropts []goldmark.Option
	if unsafe {
		ropts = append(ropts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return goldmark.New(append(ropts,
		goldmark.WithExtensions(extension.GFM, &frontmatter.Extender{}, sc),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(&linkFilter{sc: sc}, 1000))),
	)...)
}
