// The glossary page, and the links from the first use of a term on a page
// to its entry.

package site

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// GlossaryFile is the theme file that holds the glossary.
const GlossaryFile = "glossary.toml"

// term is one glossary entry.
type term struct {
	ID, Term, Text string
	Match          []string
	re             *regexp.Regexp
}

// readGlossary reads the theme's glossary; a theme without one has none.
func readGlossary(theme fs.FS) ([]term, error) {
	data, err := fs.ReadFile(theme, GlossaryFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &WordingError{File: GlossaryFile, Msg: err.Error()}
	}
	var g struct{ Term []term }
	if _, err := toml.Decode(string(data), &g); err != nil {
		return nil, &WordingError{File: GlossaryFile, Msg: err.Error()}
	}
	for i := range g.Term {
		t := &g.Term[i]
		if t.ID == "" || t.Term == "" || t.Text == "" {
			return nil, &WordingError{File: GlossaryFile, Msg: fmt.Sprintf("term %d: give id, term and text", i+1)}
		}
		var alts []string
		for _, m := range t.Match {
			if m = strings.TrimSpace(m); m != "" {
				alts = append(alts, regexp.QuoteMeta(m))
			}
		}
		if len(alts) > 0 {
			// Longest first, so that "never covered" wins over "covered".
			slices.SortFunc(alts, func(a, b string) int { return len(b) - len(a) })
			t.re = regexp.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)\b`)
		}
	}
	return g.Term, nil
}

// glossary writes glossary/index.html and links the first use of each
// term on every other page to its entry.
func (b *builder) glossary() {
	if len(b.terms) == 0 {
		return
	}
	p := b.page("glossary/index.html", "", b.say("glossary.title", nil), b.say("glossary.description", nil), b.say("glossary.lead", nil))
	var h strings.Builder
	h.WriteString(`<dl class="glossary">`)
	for _, t := range b.terms {
		fmt.Fprintf(&h, `<dt id="%s">%s</dt><dd>%s</dd>`, template.HTMLEscapeString(t.ID), template.HTMLEscapeString(t.Term), template.HTMLEscapeString(t.Text))
	}
	h.WriteString(`</dl>`)
	p.Blocks = append(p.Blocks, Block{ID: "terms", HTML: template.HTML(h.String())})
	for _, pg := range b.pages {
		if pg == p {
			continue
		}
		linked := map[string]bool{}
		pg.LeadHTML = b.linkTerms(pg, pg.Lead, linked)
		for i := range pg.Blocks {
			blk := &pg.Blocks[i]
			for _, para := range blk.Paras {
				blk.ParasHTML = append(blk.ParasHTML, b.linkTerms(pg, para, linked))
			}
		}
	}
}

// linkTerms escapes text and links the first use of each term that the
// page has not linked yet.
func (b *builder) linkTerms(p *Page, text string, linked map[string]bool) template.HTML {
	type span struct {
		from, to int
		href     string
	}
	var spans []span
	for _, t := range b.terms {
		if linked[t.ID] || t.re == nil {
			continue
		}
		loc := t.re.FindStringIndex(text)
		if loc == nil || slices.ContainsFunc(spans, func(s span) bool { return loc[0] < s.to && s.from < loc[1] }) {
			continue
		}
		href := rel(p, "glossary/index.html#"+t.ID)
		if href == "" {
			continue // a one-file report without the glossary
		}
		linked[t.ID] = true
		spans = append(spans, span{loc[0], loc[1], href})
	}
	slices.SortFunc(spans, func(a, c span) int { return a.from - c.from })
	var out strings.Builder
	at := 0
	for _, s := range spans {
		out.WriteString(template.HTMLEscapeString(text[at:s.from]))
		fmt.Fprintf(&out, `<a class="term" href="%s">%s</a>`, template.HTMLEscapeString(s.href), template.HTMLEscapeString(text[s.from:s.to]))
		at = s.to
	}
	out.WriteString(template.HTMLEscapeString(text[at:]))
	return template.HTML(out.String())
}
