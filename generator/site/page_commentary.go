// The commentary in Markdown, placed on the pages it names.

package site

import (
	"html/template"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/internal/content"
)

// commentaryFor returns the blocks of the documents placed on a page.
func (b *builder) commentaryFor(key string) ([]Block, error) {
	var out []Block
	ids := &content.PageIDs{} // the documents share the page
	for _, d := range b.in.Docs {
		if d.Page != key {
			continue
		}
		h, err := b.render(d, ids)
		if err != nil {
			return nil, err
		}
		out = append(out, Block{ID: "note-" + slug(d.Slug), Class: "commentary", Heading: d.Title, HTML: h})
	}
	return out, nil
}

// render renders a commentary document into a page on which others may
// have taken ids (ids; nil when it is alone on its page).
func (b *builder) render(d *content.Doc, ids *content.PageIDs) (template.HTML, error) {
	return d.Render(content.Resolver{
		IDs:    ids,
		Figure: func(name string) string { return figureValue(b.r, name) },
		Chart: func(name string, n int) template.HTML {
			v := b.chartView(name, n+1)
			if b.placed != nil {
				b.placed[name] = true
			}
			if v == nil {
				return template.HTML(`<p class="muted">This chart has no data in this report.</p>`)
			}
			var s strings.Builder
			if err := b.in.tmpl.ExecuteTemplate(&s, "chart", v); err != nil {
				return ""
			}
			return template.HTML(s.String())
		},
	}, b.in.Config.UnsafeHTML)
}

// commentary places documents on their pages, and gives the others pages
// of their own under notes/.
func (b *builder) commentary() error {
	byPath := map[string]*Page{}
	for _, p := range b.pages {
		byPath[p.Path] = p
	}
	for _, key := range content.Pages {
		path := "index.html"
		if key != "index" {
			path = key + "/index.html"
		}
		p := byPath[path]
		b.placed = map[string]bool{}
		blocks, err := b.commentaryFor(key)
		placed := b.placed
		b.placed = nil
		if err != nil {
			return err
		}
		// A chart the commentary places is not drawn a second time.
		for i := range p.Blocks {
			p.Blocks[i].Charts = slices.DeleteFunc(p.Blocks[i].Charts, func(v *ChartView) bool { return placed[v.DOMID] })
		}
		if key == "index" && len(blocks) > 0 {
			// The manager's words come right after what to decide and the
			// headline figures.
			at := slices.IndexFunc(p.Blocks, func(b Block) bool { return b.ID == "headlines" }) + 1
			p.Blocks = slices.Insert(p.Blocks, at, blocks...)
			continue
		}
		p.Blocks = append(p.Blocks, blocks...)
	}
	var notes []Link
	for _, d := range b.in.Docs {
		if d.Page != "" {
			continue
		}
		h, err := b.render(d, nil)
		if err != nil {
			return err
		}
		path := "notes/" + slug(d.Slug) + "/index.html"
		p := b.page(path, "", d.Title, d.Description, "")
		p.Blocks = append(p.Blocks, Block{ID: "text", HTML: h})
		notes = append(notes, Link{Text: d.Title, Href: path})
	}
	if len(notes) > 0 {
		idx := byPath["index.html"]
		for i := range notes {
			notes[i].Href = rel(idx, notes[i].Href)
		}
		idx.Blocks = append(idx.Blocks, Block{ID: "notes", Heading: b.heading("notes"), Links: notes})
	}
	return nil
}
