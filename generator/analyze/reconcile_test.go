package analyze

import (
	"testing"

	"github.com/renewals/renewals/generator/contract"
)

// TestReconcileSnapshots: a serial is known to the vendor when any line of
// any snapshot names it: a MINOR line of the current one (a power
// supply) or a line of an earlier one (a device since gone). Only a serial
// in no snapshot is unknown to the vendor.
func TestReconcileSnapshots(t *testing.T) {
	t.Parallel()
	psu := ln("PSU1", "", "C1", "SNT", "2026-01-01", "2026-12-31", "10.00")
	psu.Minor = true
	e := &contract.Estate{AsOf: d("2026-11-23"), Currency: "USD", Snapshots: []contract.Snapshot{
		{Date: d("2026-11-20"), Lines: []contract.Line{ln("D1", "", "C1", "SNT", "2026-01-01", "2026-12-31", "365.00"), psu}},
		{Date: d("2026-08-20"), Past: []contract.PastLine{{Serial: "OLD1", Contract: "C1"}}},
	},
		InventoryFiles: []contract.FileStat{{Path: "inv.csv"}},
		Inventory: []contract.InventoryItem{
			{Serial: "d1", LastSeen: d("2026-11-20")}, {Serial: "PSU1", LastSeen: d("2026-11-20")},
			{Serial: "old1", LastSeen: d("2026-11-20")}, {Serial: "NEW1", LastSeen: d("2026-11-20")},
		}}
	s := settings
	s.UnseenDays = 30
	rc := Run(e, s).Reconcile
	var unknown, seen []string
	for _, x := range rc.UnknownToVendor {
		unknown = append(unknown, x.Serial)
	}
	for _, x := range rc.SeenNotCovered {
		seen = append(seen, x.Serial)
	}
	if len(unknown) != 1 || unknown[0] != "NEW1" || len(seen) != 2 || seen[0] != "PSU1" || seen[1] != "old1" || rc.Matched != 1 || len(rc.PaidNotSeen) != 0 {
		t.Errorf("unknown %q, seen not covered %q, matched %d, paid not seen %d", unknown, seen, rc.Matched, len(rc.PaidNotSeen))
	}
}
