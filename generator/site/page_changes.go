// What changed since the previous archived quarter: changes/index.html.

package site

import (
	"github.com/renewals/renewals/generator/analyze"
)

func (b *builder) changes() {
	s := b.r.SincePrevious
	if s == nil {
		b.page("changes/index.html", "changes", b.say("changes.title", nil), b.say("changes.description", nil), b.say("changes.lead_none", nil))
		return
	}
	p := b.page("changes/index.html", "changes", b.say("changes.title", nil), b.say("changes.description", nil),
		b.say("changes.lead", struct{ Quarter, AsOf string }{s.Quarter, s.AsOf}))
	then := ""
	if b.in.Prev != nil {
		then = b.in.Prev.Base // the previous report, from this one's root
	}
	tiles := []Tile{
		{Label: b.label("lapsed-devices"), Value: thousands(s.LapsedNow), Note: "from " + thousands(s.LapsedThen), Tone: toneIf(s.LapsedNow > s.LapsedThen, "warn")},
		{Label: b.label("past-ldos-still-paid"), Value: thousands(s.PastLDoSNow), Note: "devices, from " + thousands(s.PastLDoSThen), Tone: toneIf(s.PastLDoSNow > s.PastLDoSThen, "warn")},
		{Label: b.label("recommendations-still-open"), Value: thousands(len(s.RecommendationsOpen)),
			Note: thousands(len(s.RecommendationsNew)) + " new, " + thousands(len(s.RecommendationsGone)) + " gone"},
	}
	if s.AnnualSpendThen != nil {
		tiles = append([]Tile{{Label: b.label("annual-spend-run-rate"), Value: b.tileMoney(b.r.Spend.Annual),
			Note: signed(b, s.Change) + " since " + s.AsOf}}, tiles...)
	}
	p.Blocks = append(p.Blocks, Block{ID: "moved", Heading: b.heading("moved"), Tiles: tiles})

	contractLinks := func(numbers []string) []Link {
		var out []Link
		for _, n := range numbers {
			out = append(out, Link{Text: b.contractName(n), Href: rel(p, b.contract[n])})
		}
		return out
	}
	for _, c := range []struct {
		id      string
		numbers []string
	}{{"contracts-renewed", s.ContractsRenewed}, {"contracts-lapsed", s.ContractsLapsed}, {"contracts-new", s.ContractsNew}} {
		if len(c.numbers) > 0 {
			p.Blocks = append(p.Blocks, Block{ID: c.id, Heading: b.heading(c.id), Links: contractLinks(c.numbers)})
		}
	}
	if len(s.ContractsGone) > 0 {
		var links []Link
		for _, n := range s.ContractsGone {
			links = append(links, Link{Text: n})
		}
		p.Blocks = append(p.Blocks, Block{ID: "contracts-gone", Heading: b.heading("contracts-gone"), Links: links})
	}
	var recs []Link
	for _, id := range s.RecommendationsNew {
		recs = append(recs, Link{Text: b.actionOf(id), Href: rel(p, "advice/index.html#"+id), Note: b.say("changes.new", nil)})
	}
	for _, id := range s.RecommendationsOpen {
		recs = append(recs, Link{Text: b.actionOf(id), Href: rel(p, "advice/index.html#"+id), Note: b.say("changes.still_open", nil)})
	}
	for _, g := range s.RecommendationsGone {
		l := Link{Text: g.Action, Note: b.say("changes.gone", nil)}
		if g.Lapsed {
			l.Note = b.say("changes.gone_lapsed", nil)
		}
		if then != "" && b.single == nil {
			l.Href = p.Root() + then + "advice/index.html#" + g.ID
		}
		recs = append(recs, l)
	}
	if len(recs) > 0 {
		p.Blocks = append(p.Blocks, Block{ID: "recommendations", Heading: b.heading("recommendations"), Links: recs})
	}
}

// actionOf is the action of this report's recommendation id.
func (b *builder) actionOf(id string) string {
	for _, a := range b.r.Advice {
		if a.ID == id {
			return headline(a.Action)
		}
	}
	return id
}

// signed writes a change with its sign: +USD 1,241 or −USD 1,241.
func signed(b *builder, m analyze.Money) string {
	if m < 0 {
		return "\u2212" + b.readerMoney(-m)
	}
	return "+" + b.readerMoney(m)
}
