// Security exposure: devices that cannot receive fixed software, from the
// EoX file's end of vulnerability support and from advisories.

package analyze

import (
	"cmp"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/contract"
)

// Security is the estate's security exposure.
type Security struct {
	// HasEoX says that an EoX file gave end-of-vulnerability-support
	// dates; PastVul lists the devices past theirs, VulWithin12 those
	// reaching it within 12 months (as_of < date ≤ as_of + 365).
	HasEoX      bool
	PastVul     []string
	VulWithin12 []string
	// HasAlerts says that [[alerts]] files were read. Advisories counts
	// their distinct advisories; Unmatched those that name no device of
	// the estate.
	HasAlerts  bool
	Advisories int
	Unmatched  int
	// Exposed lists each advisory × device the advisory names that is
	// uncovered or past LDoS: it cannot receive the fixed software under
	// contract. Sorted by severity, then advisory, then serial.
	Exposed []Exposure
	// Devices counts the distinct exposed devices; Entitle adds what
	// putting back on contract the reinstatable ones would cost (EntitleUnknown
	// counts the others that could be, which need a quote); Replace adds
	// the replacement of the priced ones past LDoS (ReplaceUnknown the
	// rest).
	Devices                        int
	Entitle, Replace               Money
	EntitleUnknown, ReplaceUnknown int
	// PastLDoSDevices counts the exposed devices past LDoS, which only
	// replacing entitles.
	PastLDoSDevices int
	BySeverity      []SeverityCount
}

// Exposure is one advisory naming one device that is not entitled to its
// fix.
type Exposure struct {
	Advisory, Title, Severity string
	CVSS                      int // tenths; -1 when not given
	Published                 contract.Date
	Serial, ProductID, Site   string
	// By says how the advisory names the device: "serial" or "product ID".
	By string
	// PastLDoS says why it is not entitled: past LDoS (whether covered or
	// not), else uncovered.
	PastLDoS bool
}

// SeverityCount counts one severity's exposure.
type SeverityCount struct {
	Severity                   string
	Advisories, Devices, Pairs int
}

// severities ranks the advisories' severities, most severe first.
var severities = []string{"Critical", "High", "Medium", "Low", "Informational"}

func severityRank(s string) int {
	if i := slices.Index(severities, s); i >= 0 {
		return i
	}
	return len(severities)
}

// severityOf is an advisory's severity, or one read from its CVSS score.
func severityOf(a *contract.Alert) string {
	switch {
	case a.Severity != "":
		return a.Severity
	case a.CVSS >= 90:
		return "Critical"
	case a.CVSS >= 70:
		return "High"
	case a.CVSS >= 40:
		return "Medium"
	case a.CVSS > 0:
		return "Low"
	}
	return "(none given)"
}

// security finds the exposure; nil without an EoX file or alerts.
func (r *Report) security(e *contract.Estate, life map[string]*contract.Lifecycle) *Security {
	if len(e.LifeFiles) == 0 && len(e.AlertFiles) == 0 {
		return nil
	}
	sec := &Security{HasEoX: len(e.LifeFiles) > 0, HasAlerts: len(e.AlertFiles) > 0}
	year := r.AsOf.AddDays(365)
	for _, d := range r.Devices {
		rec := life[d.ProductID]
		if rec == nil || rec.EndOfSecurityVulSupp.IsZero() {
			continue
		}
		switch v := rec.EndOfSecurityVulSupp; {
		case v.Before(r.AsOf):
			sec.PastVul = append(sec.PastVul, d.Serial)
		case !v.After(year):
			sec.VulWithin12 = append(sec.VulWithin12, d.Serial)
		}
	}

	// Each advisory names devices by serial when any of its rows gives
	// one, else by product ID.
	type advisory struct {
		first   *contract.Alert
		serials map[string]bool
		pids    map[string]bool
	}
	var ids []string
	adv := map[string]*advisory{}
	for i := range e.Alerts {
		a := &e.Alerts[i]
		x := adv[a.ID]
		if x == nil {
			x = &advisory{first: a, serials: map[string]bool{}, pids: map[string]bool{}}
			adv[a.ID] = x
			ids = append(ids, a.ID)
		}
		if a.Serial != "" {
			x.serials[foldSerial(a.Serial)] = true
		} else if a.ProductID != "" {
			x.pids[strings.ToUpper(a.ProductID)] = true
		}
	}
	sec.Advisories = len(ids)
	reinstate := map[string]Money{}
	for _, x := range r.Reinstate.Reinstatable {
		reinstate[x.Serial] = x.BackBilling + x.Fee
	}
	exposed := map[string]bool{}
	// The devices by product ID, once.
	byPID := map[string][]*Device{}
	if len(ids) > 0 {
		for _, d := range r.Devices {
			pid := strings.ToUpper(d.ProductID)
			byPID[pid] = append(byPID[pid], d)
		}
	}
	for _, id := range ids {
		x := adv[id]
		var named []*Device
		by := "serial"
		if len(x.serials) > 0 {
			for s := range x.serials {
				if d := r.deviceFolded(s); d != nil {
					named = append(named, d)
				}
			}
		} else {
			by = "product ID"
			for pid := range x.pids {
				named = append(named, byPID[pid]...)
			}
		}
		for _, d := range named {
			past := d.PastLDoS(r.AsOf)
			if d.Covered && !past {
				continue
			}
			a := x.first
			sec.Exposed = append(sec.Exposed, Exposure{Advisory: id, Title: a.Title, Severity: severityOf(a), CVSS: a.CVSS, Published: a.Published,
				Serial: d.Serial, ProductID: d.ProductID, Site: d.Site, By: by, PastLDoS: past})
			if exposed[d.Serial] {
				continue
			}
			exposed[d.Serial] = true
			switch cost, ok := reinstate[d.Serial]; {
			case past:
				sec.PastLDoSDevices++
				if p, ok := r.replacementPrice(d.ProductID, r.migrations[d.ProductID]); ok {
					sec.Replace += p.Price
				} else {
					sec.ReplaceUnknown++
				}
			case ok:
				sec.Entitle += cost
			default:
				sec.EntitleUnknown++
			}
		}
		if len(named) == 0 {
			sec.Unmatched++
		}
	}
	sec.Devices = len(exposed)
	slices.SortStableFunc(sec.Exposed, func(a, b Exposure) int {
		return cmp.Or(cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)), strings.Compare(a.Advisory, b.Advisory), strings.Compare(a.Serial, b.Serial))
	})
	for i := 0; i < len(sec.Exposed); {
		sev := sec.Exposed[i].Severity
		c := SeverityCount{Severity: sev}
		advs, devs := map[string]bool{}, map[string]bool{}
		for ; i < len(sec.Exposed) && sec.Exposed[i].Severity == sev; i++ {
			advs[sec.Exposed[i].Advisory], devs[sec.Exposed[i].Serial] = true, true
			c.Pairs++
		}
		c.Advisories, c.Devices = len(advs), len(devs)
		sec.BySeverity = append(sec.BySeverity, c)
	}
	return sec
}
