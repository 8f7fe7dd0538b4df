// The figures.json schema of the estate's inventory, security exposure,
// replacement plan and budget forecast.

package analyze

import "path/filepath"

type reconcileFig struct {
	InventoryFiles   int            `json:"inventory_files"`
	InventoryDevices int            `json:"inventory_devices"`
	UnseenDays       int            `json:"unseen_days"`
	PaidNotSeen      paidNotSeenFig `json:"paid_not_seen"`
	SeenNotCovered   seenListFig    `json:"seen_not_covered"`
	UnknownToVendor  seenListFig    `json:"unknown_to_vendor"`
	Matched          struct {
		Devices int `json:"devices"`
	} `json:"matched"`
	BySite map[string]siteReconcileFig `json:"by_site"`
}

type paidNotSeenFig struct {
	Devices      int         `json:"devices"`
	AnnualSaving jsonMoney   `json:"annual_saving"`
	List         []unseenFig `json:"list"`
}

type unseenFig struct {
	Serial    string    `json:"serial"`
	ProductID string    `json:"product_id"`
	Site      string    `json:"site"`
	Reason    string    `json:"reason"`
	Status    *string   `json:"inventory_status"`
	LastSeen  *string   `json:"last_seen"`
	Annual    jsonMoney `json:"annual_cost"`
}

type seenListFig struct {
	Devices int       `json:"devices"`
	List    []seenFig `json:"list"`
}

type seenFig struct {
	Serial    string  `json:"serial"`
	Host      string  `json:"host"`
	Site      string  `json:"site"`
	ProductID string  `json:"product_id"`
	Status    string  `json:"status"`
	LastSeen  *string `json:"last_seen"`
	File      string  `json:"file"`
	Line      int     `json:"line"`
}

type siteReconcileFig struct {
	PaidNotSeen     int `json:"paid_not_seen"`
	SeenNotCovered  int `json:"seen_not_covered"`
	UnknownToVendor int `json:"unknown_to_vendor"`
	Matched         int `json:"matched"`
}

func (r *Report) reconcileFigures() *reconcileFig {
	rc := r.Reconcile
	if rc == nil {
		return nil
	}
	f := &reconcileFig{InventoryFiles: rc.Files, InventoryDevices: rc.Devices, UnseenDays: rc.UnseenDays, BySite: map[string]siteReconcileFig{}}
	f.PaidNotSeen = paidNotSeenFig{Devices: len(rc.PaidNotSeen), AnnualSaving: jsonMoney(rc.Saving), List: []unseenFig{}}
	for _, u := range rc.PaidNotSeen {
		f.PaidNotSeen.List = append(f.PaidNotSeen.List, unseenFig{Serial: u.Serial, ProductID: u.ProductID, Site: u.Site, Reason: u.Reason,
			Status: str(u.Status), LastSeen: date(u.LastSeen), Annual: jsonMoney(u.Annual)})
	}
	seen := func(list []Seen) seenListFig {
		out := seenListFig{Devices: len(list), List: []seenFig{}}
		for _, s := range list {
			out.List = append(out.List, seenFig{Serial: s.Serial, Host: s.Host, Site: s.Site, ProductID: s.ProductID, Status: s.Status,
				LastSeen: date(s.LastSeen), File: filepath.Base(s.Ref.File), Line: s.Ref.Line})
		}
		return out
	}
	f.SeenNotCovered, f.UnknownToVendor = seen(rc.SeenNotCovered), seen(rc.UnknownToVendor)
	f.Matched.Devices = rc.Matched
	for name, s := range rc.BySite {
		f.BySite[name] = siteReconcileFig{s.PaidNotSeen, s.SeenNotCovered, s.UnknownToVendor, s.Matched}
	}
	return f
}
