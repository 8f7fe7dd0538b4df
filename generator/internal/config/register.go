// The decision register: decisions.toml beside report.toml records what
// was decided about the report's decisions.

package config

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// RegisterFile is the decision register's name, beside the config.
const RegisterFile = "decisions.toml"

// Decided is one [[decision]] of the register.
type Decided struct {
	// Quarter names the report the decision was taken on ("2026-Q3"); ""
	// leaves it to the date.
	ID, Option, Status, Owner, Note, Quarter string
	Date                                     contract.Date
	// Pos is where its id is written, OptionPos its option (each the
	// entry's [[decision]] line when the key is not there).
	Pos, OptionPos diag.Pos
}

var quarterName = regexp.MustCompile(`^\d{4}-Q[1-4]$`)

// Statuses are the accepted values of a decision's status.
var Statuses = []string{"accepted", "rejected", "deferred"}

// LoadRegister reads decisions.toml in dir; none is no register. Errors
// go to diags at their entries.
func LoadRegister(dir string, diags *diag.List) []Decided {
	path := filepath.Join(dir, RegisterFile)
	data, err := os.ReadFile(path)
	if err != nil {
		if !os.IsNotExist(err) {
			diags.Errorf(diag.Pos{File: path}, "%v", err)
		}
		return nil
	}
	var f struct {
		Decision []struct {
			ID      string `toml:"id"`
			Option  string `toml:"option"`
			Status  string `toml:"status"`
			Owner   string `toml:"owner"`
			Date    date   `toml:"date"`
			Note    string `toml:"note"`
			Quarter string `toml:"quarter"`
		} `toml:"decision"`
	}
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		pos := diag.Pos{File: path}
		if pe, ok := err.(toml.ParseError); ok {
			pos.Line = pe.Position.Line
		}
		diags.Errorf(pos, "%v", err)
		return nil
	}
	for _, k := range md.Undecoded() {
		diags.Errorf(diag.Pos{File: path}, "unknown key %q in decisions.toml (known: id, option, status, owner, date, note, quarter in each [[decision]])", k.String())
	}
	keys := scanKeys(string(data))
	// at is where key of entry i is written, else its [[decision]] line.
	at := func(i int, key string) diag.Pos {
		entry := diag.Pos{File: path}
		for _, k := range keys {
			switch k.path {
			case fmt.Sprintf("decision[%d].%s", i, key):
				return diag.Pos{File: path, Line: k.line, Col: k.col}
			case fmt.Sprintf("decision[%d]", i):
				entry.Line, entry.Col = k.line, k.col
			}
		}
		return entry
	}
	var out []Decided
	for i, e := range f.Decision {
		d := Decided{ID: strings.TrimSpace(e.ID), Option: strings.TrimSpace(e.Option), Status: strings.ToLower(strings.TrimSpace(e.Status)),
			Owner: strings.TrimSpace(e.Owner), Note: e.Note, Date: e.Date.Date, Quarter: strings.ToUpper(strings.TrimSpace(e.Quarter)),
			Pos: at(i, "id"), OptionPos: at(i, "option")}
		switch {
		case d.Quarter != "" && !quarterName.MatchString(d.Quarter):
			diags.Errorf(at(i, "quarter"), "quarter: %q is not a quarter (accepted: the report's quarter as the archive names it, such as \"2026-Q3\")", e.Quarter)
			continue
		case d.ID == "":
			diags.Errorf(at(i, ""), "a [[decision]] needs the id of a decision of the report (figures.json decisions[].id)")
			continue
		case !slices.Contains(Statuses, d.Status):
			diags.Errorf(at(i, "status"), "status: %q is not accepted (accepted: %s)", e.Status, strings.Join(Statuses, ", "))
			continue
		case d.Status == "accepted" && d.Option == "":
			diags.Errorf(at(i, ""), "an accepted decision names the option chosen: option = \"...\"")
			continue
		}
		out = append(out, d)
	}
	return out
}
