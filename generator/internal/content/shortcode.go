package content

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/renewals/renewals/generator/diag"
)

// shortcodes is the goldmark extension for {{< figure name >}} and
// {{< chart name >}}: an inline parser, a transformer that lifts a chart
// standing alone in a paragraph to a block, and a renderer.
type shortcodes struct {
	path    string
	src     []byte
	names   Names
	diags   *diag.List
	resolve *Resolver
}

// Extend registers the shortcode parser, transformer and renderer.
func (s *shortcodes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(s, 90)),
		parser.WithASTTransformers(util.Prioritized(s, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(s, 100)))
}

// Shortcode is an inline shortcode node.
type Shortcode struct {
	ast.BaseInline
	What, Name string // What is "figure" or "chart"
	Offset     int
}

// ChartBlock is a chart shortcode lifted out of its paragraph.
type ChartBlock struct {
	ast.BaseBlock
	Name string
}

// Node kinds of the shortcode extension.
var (
	KindShortcode  = ast.NewNodeKind("Shortcode")
	KindChartBlock = ast.NewNodeKind("ChartBlock")
)

// Kind implements ast.Node.
func (n *Shortcode) Kind() ast.NodeKind { return KindShortcode }

// Kind implements ast.Node.
func (n *ChartBlock) Kind() ast.NodeKind { return KindChartBlock }

// Dump implements ast.Node.
func (n *Shortcode) Dump(src []byte, l int) {
	ast.DumpHelper(n, src, l, map[string]string{"Name": n.Name}, nil)
}

// Dump implements ast.Node.
func (n *ChartBlock) Dump(src []byte, l int) {
	ast.DumpHelper(n, src, l, map[string]string{"Name": n.Name}, nil)
}

var shortcodeRE = regexp.MustCompile(`^\{\{<\s*([A-Za-z_-]+)\s+([^\s>]*)\s*>\}\}`)

// Trigger starts the inline parser at '{'.
func (s *shortcodes) Trigger() []byte { return []byte{'{'} }

// Parse reads one shortcode at the reader's position.
func (s *shortcodes) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{{<")) {
		return nil
	}
	m := shortcodeRE.FindSubmatch(line)
	pos := s.pos(seg.Start)
	if m == nil {
		s.diags.Errorf(pos, "cannot read this shortcode (accepted: {{< figure NAME >}}, {{< chart NAME >}})")
		return nil
	}
	kind, name := string(m[1]), string(m[2])
	block.Advance(len(m[0]))
	switch kind {
	case "figure":
		if !slices.Contains(s.names.Figures, name) && s.resolve == nil {
			s.unknown(pos, "figure", name, s.names.Figures)
		}
	case "chart":
		if !slices.Contains(s.names.Charts, name) && s.resolve == nil {
			s.unknown(pos, "chart", name, s.names.Charts)
		}
	default:
		if s.resolve == nil {
			msg := fmt.Sprintf("unknown shortcode %q", kind)
			if m := diag.Suggest(kind, []string{"figure", "chart"}); m != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", m)
			}
			s.diags.Errorf(pos, "%s (accepted: figure, chart)", msg)
		}
	}
	return &Shortcode{What: kind, Name: name, Offset: seg.Start}
}

func (s *shortcodes) unknown(pos diag.Pos, kind, name string, known []string) {
	d := diag.Diagnostic{Pos: pos, Severity: diag.Error, Msg: fmt.Sprintf("unknown %s %q", kind, name)}
	if m := diag.Suggest(name, known); m != "" {
		d.Msg += fmt.Sprintf(" (did you mean %q?)", m)
	}
	d.Notes = []string{fmt.Sprintf("known %ss: %s", kind, strings.Join(known, ", "))}
	s.diags.Add(d)
}

// pos turns a byte offset in the source into a position.
func (s *shortcodes) pos(offset int) diag.Pos {
	line := 1 + bytes.Count(s.src[:offset], []byte{'\n'})
	col := offset - bytes.LastIndexByte(s.src[:offset], '\n')
	return diag.Pos{File: s.path, Line: line, Col: col}
}

// Transform lifts a chart that stands alone in its paragraph to a block;
// a chart inside running text is an error, since a figure cannot sit
// inside a paragraph.
func (s *shortcodes) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var lift []*ast.Paragraph
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		// Commentary sits under a section heading of the page: its own
		// headings start one level down.
		if h, ok := n.(*ast.Heading); ok && entering && h.Level < 6 {
			h.Level++
		}
		sc, ok := n.(*Shortcode)
		if !entering || !ok || sc.What != "chart" {
			return ast.WalkContinue, nil
		}
		p, isPara := sc.Parent().(*ast.Paragraph)
		if isPara && p.ChildCount() == 1 {
			lift = append(lift, p)
		} else if s.resolve == nil {
			s.diags.Errorf(s.pos(sc.Offset), "a chart shortcode must stand on a line of its own")
		}
		return ast.WalkContinue, nil
	})
	for _, p := range lift {
		sc := p.FirstChild().(*Shortcode)
		p.Parent().ReplaceChild(p.Parent(), p, &ChartBlock{Name: sc.Name})
	}
}

// RegisterFuncs renders both node kinds.
func (s *shortcodes) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindShortcode, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || s.resolve == nil {
			return ast.WalkSkipChildren, nil
		}
		sc := n.(*Shortcode)
		if sc.What == "figure" {
			fmt.Fprintf(w, `<span class="figure" data-figure="%s">%s</span>`, html.EscapeString(sc.Name), html.EscapeString(s.resolve.Figure(sc.Name)))
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindChartBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || s.resolve == nil {
			return ast.WalkSkipChildren, nil
		}
		ids := s.resolve.IDs
		w.WriteString(string(s.resolve.Chart(n.(*ChartBlock).Name, ids.charts)))
		ids.charts++
		return ast.WalkSkipChildren, nil
	})
}
