package ingest

import (
	"fmt"
	"strings"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// lifecycleRow is one row of the EoX API flattened to CSV.
type lifecycleRow struct {
	PID               string `csv:"pid"`
	Description       string `csv:"description"`
	Bulletin          string `csv:"bulletin"`
	BulletinURL       string `csv:"bulletin_url"`
	Announced         string `csv:"announced"`
	EndOfSale         string `csv:"end_of_sale"`
	EndOfSW           string `csv:"end_of_sw"`
	EndOfVul          string `csv:"end_of_vul"`
	EndOfRFA          string `csv:"end_of_rfa"`
	EndOfRenewal      string `csv:"end_of_renewal"`
	LDoS              string `csv:"ldos"`
	EndOfAttach       string `csv:"end_of_attach"`
	Updated           string `csv:"updated"`
	InputType         string `csv:"input_type"`
	InputValue        string `csv:"input_value"`
	MigrationPID      string `csv:"migration_pid"`
	MigrationName     string `csv:"migration_name"`
	MigrationStrategy string `csv:"migration_strategy"`
	ErrorID           string `csv:"error_id"`
	ErrorDesc         string `csv:"error_desc"`
}

// LifecycleFile is what one EoX file holds.
type LifecycleFile struct {
	Records []contract.Lifecycle
	Stat    contract.FileStat
	Quirks  []contract.Quirk
}

// Lifecycle reads an EoX file: one row per product ID. A row for a product
// with no announcement (SSA_ERR_026) becomes a record with Announced false
// and the product ID taken from EOXInputValue. A product listed twice keeps
// its first announced record.
func Lifecycle(name string, data []byte, opt Options, diags *diag.List) LifecycleFile {
	t := open(name, data, KindLifecycle, opt, diags)
	if t == nil {
		return LifecycleFile{Stat: contract.FileStat{Path: name, Kind: string(KindLifecycle)}}
	}
	var out []contract.Lifecycle
	at := map[string]int{}
	rows(t, func(r *lifecycleRow) {
		rec, ok := t.lifecycleRecord(r)
		if !ok {
			return
		}
		if i, dup := at[rec.ProductID]; dup {
			t.quirk("duplicate-product", "pid", fmt.Sprintf("%s on lines %d and %d", rec.ProductID, out[i].Ref.Line, t.line), 0)
			if !out[i].Announced && rec.Announced {
				out[i] = rec
			}
			return
		}
		at[rec.ProductID] = len(out)
		out = append(out, rec)
	})
	t.stat.Kept = len(out)
	return LifecycleFile{Records: out, Stat: t.stat, Quirks: t.finish()}
}

func (t *table) lifecycleRecord(r *lifecycleRow) (contract.Lifecycle, bool) {
	pid := strings.ToUpper(t.text("pid", r.PID))
	errText := strings.ToUpper(r.ErrorID + " " + r.ErrorDesc)
	announced := pid != "" && !strings.Contains(errText, "SSA_ERR") && !strings.Contains(errText, "DOES NOT EXIST")
	if pid == "" {
		// Error rows name the product only in EOXInputValue.
		pid = strings.ToUpper(t.text("input_value", r.InputValue))
	}
	if pid == "" {
		if isTotal(r.Description) || isTotal(r.InputType) {
			t.stat.Rows--
			t.stat.Skipped++
			return contract.Lifecycle{}, false
		}
		t.failf("pid", "no product ID in EOLProductID or EOXInputValue")
		return contract.Lifecycle{}, false
	}
	rec := contract.Lifecycle{
		ProductID:   pid,
		Description: strings.TrimSpace(strings.TrimPrefix(t.free(r.Description), "^")),
		Announced:   announced,
		Ref:         contract.Ref{File: t.name, Line: t.line},
	}
	if !announced {
		return rec, true
	}
	rec.Bulletin = t.text("bulletin", r.Bulletin)
	rec.BulletinURL = t.text("bulletin_url", r.BulletinURL)
	rec.AnnouncementDate = t.date("announced", r.Announced)
	rec.EndOfSale = t.date("end_of_sale", r.EndOfSale)
	rec.EndOfSWMaintenance = t.date("end_of_sw", r.EndOfSW)
	rec.EndOfSecurityVulSupp = t.date("end_of_vul", r.EndOfVul)
	rec.EndOfRoutineFailure = t.date("end_of_rfa", r.EndOfRFA)
	rec.EndOfContractRenewal = t.date("end_of_renewal", r.EndOfRenewal)
	rec.LastDateOfSupport = t.date("ldos", r.LDoS)
	rec.EndOfSvcAttach = t.date("end_of_attach", r.EndOfAttach)
	rec.Updated = t.date("updated", r.Updated)
	rec.MigrationProductID = t.text("migration_pid", r.MigrationPID)
	rec.MigrationProductName = t.text("migration_name", r.MigrationName)
	rec.MigrationStrategy = t.free(r.MigrationStrategy)
	return rec, true
}
