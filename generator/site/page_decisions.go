// The decision register across quarters: decisions/index.html.

package site

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/renewals/renewals/generator/analyze"
)

func (b *builder) decisions() {
	reg := b.r.Register
	verified := 0
	for _, e := range reg {
		if e.Check != nil {
			verified++
		}
	}
	lead := b.say("decisions.lead_none", nil)
	if len(reg) > 0 {
		lead = b.say("decisions.lead", struct{ Entries, Verified int }{len(reg), verified})
	}
	p := b.page("decisions/index.html", "advice", b.say("decisions.title", nil), b.say("decisions.description", nil), lead)
	if len(reg) == 0 {
		p.Blocks = append(p.Blocks, Block{ID: "how", Heading: b.heading("record-decisions"), Paras: []string{b.say("decisions.how", nil)}})
		return
	}
	t := &Table{ID: "decision-register", Caption: b.caption("decision-register"), PageSize: pageSize, Columns: []Column{
		{Name: "Status"}, {Name: "Decision"}, {Name: "What happened"}, {Name: "Option chosen"}, {Name: "Decided"},
		{Name: "Promised a year", Numeric: true}, {Name: "Realised a year", Numeric: true}, {Name: "Report"}}}
	for _, e := range reg {
		report := Cell{Text: "this one", Sort: e.AsOf.String()}
		switch {
		case e.Unarchived:
			report = Cell{Text: "not archived"}
		case e.Quarter != "":
			report = Cell{Text: e.Quarter, Sort: e.AsOf.String()}
			if b.single == nil && b.in.HasArchive {
				report.Href = rel(p, "archive/"+e.Quarter+"/advice/index.html#"+e.ID)
			}
		case b.single == nil:
			report.Href = rel(p, "advice/index.html#"+e.ID)
		}
		decided := Cell{Text: e.Owner}
		if !e.Date.IsZero() {
			decided = Cell{Text: strings.TrimPrefix(e.Owner+", "+e.Date.String(), ", "), Sort: e.Date.String()}
		}
		title := headline(e.Title)
		if e.Note != "" {
			title += " (" + e.Note + ")"
		}
		// A decision of one option is its own title: the option's id says
		// enough.
		option := cmp.Or(e.Action, e.Option, "—")
		if strings.HasPrefix(option, strings.TrimSuffix(e.Title, ".")) {
			option = e.Option
		}
		promised, realised := optMoneyCell(b, e.Promised, "—"), Cell{Text: "—"}
		if v := e.Check; v != nil {
			realised = optMoneyCell(b, v.Saving, "—")
		}
		t.Rows = append(t.Rows, []Cell{{Text: e.Status}, {Text: title}, {Text: b.happened(e)}, {Text: option}, decided, promised, realised, report})
	}
	p.Blocks = append(p.Blocks, Block{ID: "register", Heading: b.heading("decision-register"), Table: t})
}

// happened says what became of a register entry: for an accepted option
// of an earlier quarter, what its devices did since.
func (b *builder) happened(e analyze.Entry) string {
	v := e.Check
	if e.Unarchived {
		return "Cannot be checked: the report it was taken on is not archived."
	}
	if v == nil {
		if e.Status == "accepted" && e.Quarter == "" {
			return "Checked against the next quarter's export."
		}
		return "—"
	}
	n := e.Devices
	var s string
	switch v.Expect {
	case "leave":
		s = fmt.Sprintf("%d of %s left the vendor contract.", v.Left, plural(n, "device"))
	case "renew":
		s = fmt.Sprintf("%d of %s renewed", v.Renewed, plural(n, "device"))
		if v.AtQuotedPrice != nil {
			if *v.AtQuotedPrice {
				s += ", at the quoted price"
			} else {
				s += ", above the quoted price"
			}
		}
		s += fmt.Sprintf("; %d without coverage.", v.Left)
	default:
		s = fmt.Sprintf("%s still covered.", plural(n-v.Left, "device"))
	}
	switch v.Outcome {
	case analyze.Realised:
		return "Done. " + s
	case analyze.Unknown:
		return s + " The exports carry no prices to tell the saving."
	case analyze.AboveQuote:
		return "Renewed, above the quoted price. " + s
	case analyze.Partly:
		return "Partly done. " + s
	}
	return "Not done. " + s
}

// registerLink points to the decisions page from p.
func (b *builder) registerLink(p *Page) Link {
	note := "none recorded yet"
	if n := len(b.r.Register); n > 0 {
		note = plural(n, "decision") + " recorded"
	}
	return Link{Text: "Every decision recorded, and whether it happened", Href: rel(p, "decisions/index.html"), Note: note}
}
