package analyze

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/renewals/renewals/generator/contract"
)

// The run rate's keys must not share an export's bytes: a trend point
// keeps them after its snapshot's lines are let go, and a shared key
// would keep the whole export in memory.
func TestRunRateKeysOwnTheirMemory(t *testing.T) {
	t.Parallel()
	export := []byte("93827010,SNTP")
	text := func(from, to int) string { return unsafe.String(&export[from], to-from) }
	lines := []contract.Line{{Serial: "FOC1", Contract: text(0, 8), ServiceLevel: text(9, 13), Status: contract.StatusActive,
		Start: contract.Date(100), End: contract.Date(900), ExtendedNet: 100}}
	snap := &contract.Snapshot{Lines: lines}
	lo, hi := uintptr(unsafe.Pointer(&export[0])), uintptr(unsafe.Pointer(&export[len(export)-1]))
	for _, s := range []Spend{runRate(lines, contract.Date(500)), pastRunRate(viewOf(snap), contract.Date(500))} {
		for _, m := range []map[string]Money{s.ByContract, s.ByServiceLevel} {
			if len(m) != 1 {
				t.Fatalf("run rate keys %v, want one", m)
			}
			for k := range m {
				if p := uintptr(unsafe.Pointer(unsafe.StringData(k))); p >= lo && p <= hi {
					t.Errorf("key %q shares the export's bytes", k)
				}
			}
		}
	}
}

// TestPastRunRateIsTheRunRate: an earlier snapshot's run rate, as the
// trend reads it, is the current one's without the site and family
// breakdowns, from whole lines and from past lines alike.
func TestPastRunRateIsTheRunRate(t *testing.T) {
	t.Parallel()
	for _, s := range estateA().Snapshots {
		on := s.Date
		want := runRate(s.Lines, on)
		want.BySite, want.ByFamily = nil, nil
		past := contract.Snapshot{Past: s.PastLines()}
		for _, got := range []Spend{pastRunRate(viewOf(&s), on), pastRunRate(viewOf(&past), on)} {
			if !reflect.DeepEqual(got, want) || got.Annual == 0 {
				t.Errorf("%s: %+v, want %+v", s.Date, got, want)
			}
		}
	}
}
