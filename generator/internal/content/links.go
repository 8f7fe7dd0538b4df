package content

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// SafeURL reports whether a link or image address from commentary may be
// published: http, https and mailto addresses, relative ones and #
// fragments. Anything else (javascript:, vbscript:, data:, file:, ...)
// could run script or reach outside the site when a reader clicks it,
// from file://, a share or the emailed file, where no
// Content-Security-Policy applies. The address is judged as a browser
// reads it: character references decoded, case folded, and the tabs, line
// breaks and leading controls or spaces that browsers skip removed.
func SafeURL(dest string) bool {
	u := html.UnescapeString(dest)
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.TrimLeftFunc(u, func(r rune) bool { return r <= ' ' || r == '\u00a0' || r == '\ufeff' })
	colon := strings.IndexByte(u, ':')
	if colon < 0 {
		return true // relative, or a fragment
	}
	if end := strings.IndexAny(u, "/?#"); end >= 0 && end < colon {
		return true // the colon is in a path, query or fragment: relative
	}
	switch strings.ToLower(u[:colon]) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

// linkFilter turns every link whose address SafeURL refuses into its
// text, and every such image into its description. In a parse for
// checking, it warns at the link.
type linkFilter struct{ sc *shortcodes }

func (f *linkFilter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var bad []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		switch n := n.(type) {
		case *ast.Link:
			dest = string(n.Destination)
		case *ast.Image:
			dest = string(n.Destination)
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkEmail {
				return ast.WalkContinue, nil
			}
			dest = string(n.URL(src))
		default:
			return ast.WalkContinue, nil
		}
		if !SafeURL(dest) {
			bad = append(bad, n)
			if f.sc.resolve == nil {
				f.sc.diags.Warnf(f.sc.pos(offsetOf(n, src)), "unsafe-link", "a link to %q is published as plain text (accepted: http, https, mailto, relative and # links)", truncate(dest, 60))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	for _, n := range bad {
		parent := n.Parent()
		switch n := n.(type) {
		case *ast.AutoLink:
			parent.ReplaceChild(parent, n, ast.NewString(n.Label(src)))
		default:
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				parent.InsertBefore(parent, n, c)
				c = next
			}
			parent.RemoveChild(parent, n)
		}
	}
}

// offsetOf finds where a node's text starts in the source, or 0.
func offsetOf(n ast.Node, src []byte) int {
	for c := ast.Node(n); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	if a, ok := n.(*ast.AutoLink); ok {
		// An autolink keeps no position: the first place its text is written.
		return max(0, bytes.Index(src, a.Label(src)))
	}
	return 0
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
