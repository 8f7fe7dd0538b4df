// What to do: advice/index.html and a page per recommendation.

package site

import (
	"fmt"

	"github.com/renewals/renewals/generator/analyze"
)

// recs turns recommendations into views with links relative to p.
func (b *builder) recs(p *Page, recs []analyze.Recommendation) []RecView {
	var out []RecView
	for i, a := range recs {
		money := a.Money.Format(b.r.Currency)
		if a.NoMoney {
			money = NoPrices
		}
		v := RecView{Rank: i + 1, ID: a.ID, Action: a.Action, Money: money, MoneyKind: a.MoneyKind,
			Per: "a year", Evidence: a.Evidence, Caveats: a.Caveats}
		switch {
		case a.NoMoney:
			v.Per = ""
		case a.OneOff:
			v.Per = "once"
		}
		if !a.DecideBy.IsZero() {
			v.DecideBy = a.DecideBy.String()
			v.Overdue = a.DecideBy.Before(b.r.AsOf)
		}
		if len(a.Serials) > 0 {
			v.Links = append(v.Links, Link{Text: plural(len(a.Serials), "device"), Href: rel(p, "advice/"+a.ID+"/index.html")})
		}
		for i, c := range a.Contracts {
			if i == 6 {
				v.Links = append(v.Links, Link{Text: fmt.Sprintf("%d more contracts", len(a.Contracts)-6), Href: rel(p, "contracts/index.html")})
				break
			}
			if path := b.contract[c]; path != "" {
				v.Links = append(v.Links, Link{Text: "contract " + c, Href: rel(p, path)})
			}
		}
		for i, pid := range a.Products {
			if i == 6 {
				break
			}
			if path := b.product[pid]; path != "" {
				v.Links = append(v.Links, Link{Text: pid, Href: rel(p, path)})
			}
		}
		out = append(out, v)
	}
	return out
}

func (b *builder) advice() {
	ranked := "money at stake"
	if !b.r.Priced {
		ranked = "devices" // the exports carry no prices
	}
	p := b.page("advice/index.html", "advice", b.say("advice.title", nil), b.say("advice.description", struct{ Ranked string }{ranked}),
		b.say("advice.lead", struct{ LeadDays int }{b.r.Settings.DecisionLeadDays}))
	p.Blocks = append(p.Blocks, Block{ID: "decisions", Class: "decide", Heading: b.heading("decisions"), Decisions: b.decisionViews(-1, anyDecision),
		Links: []Link{b.registerLink(p)}})
	p.Blocks = append(p.Blocks, Block{ID: "recommendations", Heading: b.heading("recommendations"), Recs: b.recs(p, b.r.Advice)})
	for _, a := range b.r.Advice {
		if len(a.Serials) == 0 {
			continue
		}
		sub := b.page("advice/"+a.ID+"/index.html", "advice", "Devices: "+headline(a.Action), a.Action, a.Action)
		sub.Crumbs = []Link{{Text: "Advice", Href: "advice/index.html#" + a.ID}}
		sub.Blocks = append(sub.Blocks, Block{ID: "devices", Heading: plural(len(a.Serials), "device"),
			Table: b.deviceTable(sub, "advice-"+a.ID, b.caption("devices-this-recommendation-affects"), b.devicesBySerial(a.Serials))})
	}
}
