// Inventory reconciliation: the contracts set against the live inventory.

package analyze

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/contract"
)

// Reconcile sets the current snapshot against the live inventory
// ([[inventory]] files). Serials compare trimmed and case-folded.
type Reconcile struct {
	Files, Devices int // inventory files read, distinct serials they list
	UnseenDays     int
	// PaidNotSeen: devices with an active paid line that the inventory
	// lacks, last saw more than UnseenDays before as_of, or lists as out
	// of service; Saving adds their active lines' annualized net.
	PaidNotSeen []Unseen
	Saving      Money
	// SeenNotCovered: in service in the inventory, in a snapshot, not
	// covered on as_of. UnknownToVendor: in the inventory, in no snapshot.
	SeenNotCovered, UnknownToVendor []Seen
	// Matched counts the current snapshot's covered devices that the
	// inventory lists in service and saw within UnseenDays.
	Matched int
	BySite  map[string]*SiteReconcile
}

// Unseen is a paid device the inventory does not see in service.
type Unseen struct {
	Serial, ProductID, Site, Status, Reason string
	LastSeen                                contract.Date
	Annual                                  Money
	End                                     contract.Date // the latest end of its active lines
}

// Seen is a device as the inventory lists it.
type Seen struct {
	Serial, Host, Site, ProductID, Status string
	LastSeen                              contract.Date
	Ref                                   contract.Ref
}

// SiteReconcile counts one site's devices by how they reconcile.
type SiteReconcile struct {
	PaidNotSeen, SeenNotCovered, UnknownToVendor, Matched int
}

// foldSerial is a serial as the reconciliation compares it.
func foldSerial(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// reconcile reads the inventory against the snapshots; nil without one.
func (r *Report) reconcile(e *contract.Estate) *Reconcile {
	if len(e.InventoryFiles) == 0 {
		return nil
	}
	// One item per serial: when two files list it, the later last-seen
	// date wins (no date is the oldest); on a tie, the first listed.
	inv := map[string]*contract.InventoryItem{}
	var order []string
	for i := range e.Inventory {
		it := &e.Inventory[i]
		k := foldSerial(it.Serial)
		if have, ok := inv[k]; !ok {
			inv[k] = it
			order = append(order, k)
		} else if it.LastSeen.After(have.LastSeen) {
			inv[k] = it
		}
	}
	rc := &Reconcile{Files: len(e.InventoryFiles), Devices: len(inv), UnseenDays: r.Settings.UnseenDays, BySite: map[string]*SiteReconcile{}}
	site := func(name string) *SiteReconcile {
		name = cmp.Or(name, NoSite)
		s := rc.BySite[name]
		if s == nil {
			s = &SiteReconcile{}
			rc.BySite[name] = s
		}
		return s
	}
	// The snapshots' lines (the current one's MINOR lines among them) are
	// searched only for the inventory's serials that no current device
	// has.
	inSnapshot := map[string]bool{}
	for _, k := range order {
		if r.deviceFolded(k) == nil {
			inSnapshot[k] = false
		}
	}
	if len(inSnapshot) > 0 {
		mark := func(serial string) {
			if k := foldSerial(serial); !inSnapshot[k] {
				if _, wanted := inSnapshot[k]; wanted {
					inSnapshot[k] = true
				}
			}
		}
		for _, s := range e.Snapshots {
			for i := range s.Past {
				mark(s.Past[i].Serial)
			}
			for i := range s.Lines {
				mark(s.Lines[i].Serial)
			}
		}
	}
	stale := r.AsOf.AddDays(-r.Settings.UnseenDays)
	for _, d := range r.Devices {
		paid, end := false, contract.Date(0)
		for _, l := range d.Lines {
			if l.ActiveOn(r.AsOf) && (l.ExtendedNet > 0 || !r.Priced && l.Contract != "") {
				paid, end = true, max(end, l.End)
			}
		}
		it := inv[foldSerial(d.Serial)]
		var reason string
		switch {
		case it == nil:
			reason = "not in the inventory"
		case it.OutOfService:
			reason = fmt.Sprintf("status %s", it.Status)
		case !it.LastSeen.IsZero() && it.LastSeen.Before(stale):
			reason = fmt.Sprintf("last seen on %s, %d days before the report date", it.LastSeen, r.AsOf.Sub(it.LastSeen))
		}
		switch {
		case reason == "":
			if d.Covered {
				rc.Matched++
				site(d.Site).Matched++
			}
		case paid:
			u := Unseen{Serial: d.Serial, ProductID: d.ProductID, Site: d.Site, Reason: reason, Annual: d.AnnualCost, End: end}
			if it != nil {
				u.Status, u.LastSeen = it.Status, it.LastSeen
			}
			rc.PaidNotSeen = append(rc.PaidNotSeen, u)
			rc.Saving += d.AnnualCost
			site(d.Site).PaidNotSeen++
		}
	}
	for _, k := range order {
		it := inv[k]
		s := Seen{Serial: it.Serial, Host: it.Host, Site: it.Site, ProductID: it.ProductID, Status: it.Status, LastSeen: it.LastSeen, Ref: it.Ref}
		d := r.deviceFolded(k)
		switch {
		case d == nil && !inSnapshot[k]:
			rc.UnknownToVendor = append(rc.UnknownToVendor, s)
			site(it.Site).UnknownToVendor++
		case it.OutOfService || d != nil && d.Covered:
		default:
			if d != nil {
				s.Site, s.ProductID = cmp.Or(s.Site, d.Site), cmp.Or(s.ProductID, d.ProductID)
			}
			rc.SeenNotCovered = append(rc.SeenNotCovered, s)
			site(s.Site).SeenNotCovered++
		}
	}
	bySerial := func(a, b Seen) int { return strings.Compare(a.Serial, b.Serial) }
	slices.SortFunc(rc.SeenNotCovered, bySerial)
	slices.SortFunc(rc.UnknownToVendor, bySerial)
	return rc
}

// Reconciliation kinds of recommendation.
const (
	KindPaidNotSeen     = "paid-not-seen"
	KindSeenNotCovered  = "seen-not-covered"
	KindUnknownToVendor = "unknown-to-vendor"
)

// reconcileAdvice recommends what the reconciliation calls for: take the
// devices the inventory does not see off contract, cover the ones it sees
// uncovered, and register the ones the vendor does not know.
func (r *Report) reconcileAdvice(rc *Reconcile, add func(Recommendation)) {
	if n := len(rc.PaidNotSeen); n > 0 {
		var serials, sites []string
		var first contract.Date
		for _, u := range rc.PaidNotSeen {
			serials = append(serials, u.Serial)
			first = cmpDate(first, u.End)
			if !slices.Contains(sites, u.Site) {
				sites = append(sites, u.Site)
			}
		}
		slices.Sort(sites)
		add(Recommendation{ID: KindPaidNotSeen, Kind: KindPaidNotSeen, MoneyKind: MoneySaving, Money: rc.Saving, NoMoney: !r.Priced,
			Action: fmt.Sprintf("Take %s the live inventory does not see in service off their contracts: %s a year.",
				plural(n, "device", "devices"), r.money(rc.Saving)),
			Evidence: []string{fmt.Sprintf("%s with paid coverage: missing from the inventory, listed as out of service, or last seen more than %d days before %s.",
				plural(n, "device is", "devices are"), rc.UnseenDays, r.AsOf)},
			Caveats:  []string{"Confirm each with the people who run the site before removing it: an inventory can miss a device that still runs."},
			DecideBy: r.decideBy(first), Serials: serials, Sites: sites})
	}
	if n := len(rc.SeenNotCovered); n > 0 {
		add(Recommendation{ID: KindSeenNotCovered, Kind: KindSeenNotCovered, MoneyKind: MoneyCost, NoMoney: true,
			Action:   fmt.Sprintf("Cover the %s in service that no contract covers, or accept the risk.", plural(n, "device", "devices")),
			Evidence: []string{fmt.Sprintf("The live inventory lists %s in service that the vendor's exports know but no active line covers.", plural(n, "device", "devices"))},
			Caveats:  []string{"Ask a partner to price their coverage: a lapsed device may cost reinstatement on top."},
			Serials:  seenSerials(rc.SeenNotCovered)})
	}
	if n := len(rc.UnknownToVendor); n > 0 {
		add(Recommendation{ID: KindUnknownToVendor, Kind: KindUnknownToVendor, MoneyKind: MoneyCost, NoMoney: true,
			Action:   fmt.Sprintf("Find out why the vendor does not know %s the live inventory lists.", plural(n, "device", "devices")),
			Evidence: []string{fmt.Sprintf("%s in no snapshot's coverage export.", plural(n, "serial is", "serials are"))},
			Caveats:  []string{"A device bought through another channel or account is not in this install base: add it to the contract it needs, or to the installed base, or correct its serial."},
			Serials:  seenSerials(rc.UnknownToVendor)})
	}
}

func seenSerials(s []Seen) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = x.Serial
	}
	return out
}
