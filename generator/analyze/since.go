package analyze

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/contract"
)

// PreviousFigures is the part of a previous quarter's figures.json that
// the report compares itself with.
type PreviousFigures struct {
	AsOf    string `json:"as_of"`
	Priced  *bool  `json:"priced"`
	Devices struct {
		Total  int `json:"total"`
		Lapsed int `json:"lapsed"`
	} `json:"devices"`
	AnnualSpend *float64 `json:"annual_spend"`
	Contracts   []struct {
		Number  string         `json:"number"`
		NextEnd *contract.Date `json:"next_end"`
		Lapsed  bool           `json:"lapsed"`
	} `json:"contracts"`
	PastLDoS *struct {
		Devices int `json:"devices"`
	} `json:"past_ldos_on_contract"`
	Recommendations []struct {
		ID        string   `json:"id"`
		Action    string   `json:"action"`
		Contracts []string `json:"contracts"`
	} `json:"recommendations"`
}

// ReadPrevious reads a previous quarter's figures.json.
func ReadPrevious(data []byte) (*PreviousFigures, error) {
	var p PreviousFigures
	if err := DecodeFigures(data, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// Since is what changed since the previous archived quarter's report.
type Since struct {
	Quarter, AsOf string
	// AnnualSpendThen is nil when either report had no prices.
	AnnualSpendThen *Money
	Change          Money
	LapsedThen      int
	LapsedNow       int
	PastLDoSThen    int
	PastLDoSNow     int
	// Contracts: new in this report, gone from it, renewed (the next end
	// moved later), lapsed since.
	ContractsNew, ContractsGone, ContractsRenewed, ContractsLapsed []string
	// Recommendations by id: new, gone (done or no longer needed), still
	// open; Gone carries the previous report's action.
	RecommendationsNew, RecommendationsOpen []string
	RecommendationsGone                     []Gone
}

// Gone is a recommendation of the previous report that this one lacks;
// Lapsed says that a contract it named has lapsed since, so it went
// because nothing was done in time, not because it was done.
type Gone struct {
	ID, Action string
	Lapsed     bool
}

// Compare sets the report against the previous quarter's figures.
func (r *Report) Compare(quarter string, prev *PreviousFigures) *Since {
	s := &Since{Quarter: quarter, AsOf: prev.AsOf, LapsedThen: prev.Devices.Lapsed, LapsedNow: r.Status.Lapsed,
		PastLDoSNow: r.Lifecycle.PastLDoSPaid.Devices}
	if prev.PastLDoS != nil {
		s.PastLDoSThen = prev.PastLDoS.Devices
	}
	if prev.AnnualSpend != nil && r.Priced && (prev.Priced == nil || *prev.Priced) {
		then := Money(math.Round(*prev.AnnualSpend * 100))
		s.AnnualSpendThen, s.Change = &then, r.Spend.Annual-then
	}
	before := map[string]int{}
	for i, c := range prev.Contracts {
		before[c.Number] = i
	}
	now := map[string]bool{}
	for _, c := range r.Contracts {
		now[c.Number] = true
		i, ok := before[c.Number]
		if !ok {
			s.ContractsNew = append(s.ContractsNew, c.Number)
			continue
		}
		p := prev.Contracts[i]
		if c.Lapsed && !p.Lapsed {
			s.ContractsLapsed = append(s.ContractsLapsed, c.Number)
		}
		if p.NextEnd != nil && !c.NextEnd.IsZero() {
			if end := *p.NextEnd; c.NextEnd.After(end) && !end.After(r.AsOf) {
				s.ContractsRenewed = append(s.ContractsRenewed, c.Number)
			}
		}
	}
	for _, c := range prev.Contracts {
		if !now[c.Number] {
			s.ContractsGone = append(s.ContractsGone, c.Number)
		}
	}
	ids := map[string]bool{}
	for _, a := range r.Advice {
		ids[a.ID] = true
	}
	had := map[string]bool{}
	for _, a := range prev.Recommendations {
		had[a.ID] = true
		if !ids[a.ID] {
			lapsed := slices.ContainsFunc(a.Contracts, func(c string) bool { return slices.Contains(s.ContractsLapsed, c) })
			s.RecommendationsGone = append(s.RecommendationsGone, Gone{a.ID, a.Action, lapsed})
		}
	}
	for _, a := range r.Advice {
		if had[a.ID] {
			s.RecommendationsOpen = append(s.RecommendationsOpen, a.ID)
		} else {
			s.RecommendationsNew = append(s.RecommendationsNew, a.ID)
		}
	}
	for _, l := range [][]string{s.ContractsNew, s.ContractsGone, s.ContractsRenewed, s.ContractsLapsed} {
		slices.Sort(l)
	}
	return s
}

// DecodeFigures decodes into v, a pointer to a struct with json tags, the
// top-level keys of a figures.json that v names, and stops reading once it
// has them all: the lists after the summary keys hold most of the bytes
// of a large estate's figures.json. A key v names that the file lacks
// leaves its field as it was, as json.Unmarshal would.
func DecodeFigures(data []byte, v any) error {
	fields := map[string]any{}
	rv := reflect.ValueOf(v).Elem()
	for i := range rv.NumField() {
		name, _, _ := strings.Cut(rv.Type().Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			fields[name] = rv.Field(i).Addr().Interface()
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("not a JSON object")
	}
	for len(fields) > 0 && dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		dst, ok := fields[key]
		if !ok {
			var skip json.RawMessage
			dst = &skip
		}
		if err := dec.Decode(dst); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		delete(fields, key)
	}
	return nil
}
