// Package contract holds the domain of a renewal report: coverage lines,
// lifecycle records, partner quotes and the snapshots that group them. It
// does no I/O and no formatting; every other stage speaks in these types.
package contract

import (
	"strings"
	"unicode"
)

// Ref points at the input row a value came from.
type Ref struct {
	File string
	Line int
}

// Line statuses that matter to the definitions. Other statuses (SIGNED,
// OVERDUE, EXPIRED, ...) are kept as exported.
const (
	StatusActive     = "ACTIVE"
	StatusTerminated = "TERMINATED"
	StatusCancelled  = "CANCELLED"
)

// Line is one row of a coverage export that has a serial number. It keeps
// what the figures and pages use: a million-device estate holds three or
// four million lines, so every field costs. Columns the import checks but
// nothing uses (parent serial and instance, site ID, product type, the
// export's own coverage flag, service description, unit list price and
// currency) are read and not kept.
type Line struct {
	Serial   string
	Instance string

	ProductID   string
	Description string
	Family      string
	HostName    string
	Site        string

	Status string // upper case, CANCELED spelled CANCELLED

	Contract      string // "" when the line is on no contract
	ContractLabel string
	ServiceLevel  string // code from the lookup table, or the raw value when unknown

	Start, End Date
	LDoS       Date // the export's own Last Date of Support column
	// Minor is true for components (power supplies, modules) listed under
	// a parent. A minor line is never a device.
	Minor bool
	// OpenStart is set for a line from a file with no start-date column
	// (the Serial Number to Information API's): it covers every day up to
	// End, and with no term it has no annualized value.
	OpenStart bool

	ExtendedNet Money

	Ref Ref
}

// ActiveOn reports whether the line covers day d: start ≤ d ≤ end (or
// d ≤ end for an open start) and the line is not terminated or cancelled.
func (l *Line) ActiveOn(d Date) bool {
	return covers(l.Start, l.End, l.OpenStart, d) && l.Status != StatusTerminated && l.Status != StatusCancelled
}

// covers reports whether a term from start (any day before end, when open)
// to end holds day d.
func covers(start, end Date, open bool, d Date) bool {
	if end.IsZero() || d > end {
		return false
	}
	return open || !start.IsZero() && d >= start
}

// InclusiveDays returns the number of days the line's term covers.
func (l *Line) InclusiveDays() int { return InclusiveDays(l.Start, l.End) }

// FileStat describes one input file as it was read.
type FileStat struct {
	Path string
	Kind string // "coverage", "lifecycle" or "quotes"
	// Vocabulary names the export style recognised from the header row.
	Vocabulary string
	HeaderLine int
	Delimiter  rune
	Rows       int // data rows after the header, blank rows excluded
	Kept       int // rows that became lines, lifecycle records or quote lines
	Skipped    int // totals and blank rows
	Dropped    int // rows with data that could not be used
	// DroppedMoney is the Extended Net Price on dropped rows.
	DroppedMoney Money
	// Unpriced is set on a coverage export with no price column (Cisco
	// Ready's install base, the Serial Number to Information API's).
	Unpriced bool
}

// Snapshot is one quarterly export set.
type Snapshot struct {
	Date  Date
	Files []FileStat
	Lines []Line
	// Past holds an earlier snapshot's lines as the trend reads them when
	// the import kept no more of them (Lines is then nil): at a million
	// devices, a third of the memory of a whole line.
	Past []PastLine
}

// Len returns how many lines the snapshot holds.
func (s *Snapshot) Len() int { return max(len(s.Lines), len(s.Past)) }

// PastLines returns the lines as the trend reads them: Past, or else
// Lines made into past lines.
func (s *Snapshot) PastLines() []PastLine {
	if s.Past != nil || s.Lines == nil {
		return s.Past
	}
	out := make([]PastLine, len(s.Lines))
	for i := range s.Lines {
		out[i] = Past(&s.Lines[i])
	}
	return out
}

// PastLine is what the trend and the summary of a check read of a line.
type PastLine struct {
	Serial, Instance       string
	Contract, ServiceLevel string
	Start, End             Date
	ExtendedNet            Money
	Minor                  bool
	OpenStart              bool
	Ended                  bool // terminated or cancelled
}

// Past returns what the trend reads of l.
func Past(l *Line) PastLine {
	return PastLine{Serial: l.Serial, Instance: l.Instance, Contract: l.Contract, ServiceLevel: l.ServiceLevel,
		Start: l.Start, End: l.End, ExtendedNet: l.ExtendedNet, Minor: l.Minor, OpenStart: l.OpenStart,
		Ended: l.Status == StatusTerminated || l.Status == StatusCancelled}
}

// ActiveOn reports whether the line covers day d, as Line.ActiveOn does.
func (l *PastLine) ActiveOn(d Date) bool {
	return covers(l.Start, l.End, l.OpenStart, d) && !l.Ended
}

// Lifecycle is one product ID's end-of-life record.
type Lifecycle struct {
	ProductID   string
	Description string
	// Announced is false for products the vendor has no EoX record for
	// (SSA_ERR_026). Their dates are unknown, which is not "never".
	Announced bool

	Bulletin             string
	BulletinURL          string
	AnnouncementDate     Date
	EndOfSale            Date
	EndOfSWMaintenance   Date
	EndOfSecurityVulSupp Date
	EndOfRoutineFailure  Date
	EndOfContractRenewal Date
	LastDateOfSupport    Date
	EndOfSvcAttach       Date
	Updated              Date
	MigrationProductID   string
	MigrationProductName string
	MigrationStrategy    string
	Ref                  Ref
}

// PartnerKind says whether a quote comes from the vendor's channel or from
// a third-party maintainer.
type PartnerKind string

// Partner kinds.
const (
	VendorPartner PartnerKind = "vendor-partner"
	TPM           PartnerKind = "tpm"
)

// partnerKinds maps Partner Type values, with case, spaces and punctuation
// dropped, to kinds.
var partnerKinds = map[string]PartnerKind{
	"ciscopartner": VendorPartner, "partner": VendorPartner,
	"reseller": VendorPartner, "var": VendorPartner,
	"vendorpartner": VendorPartner, "channelpartner": VendorPartner,
	"tpm": TPM, "thirdpartymaintenance": TPM,
	"thirdpartymaintainer": TPM, "thirdparty": TPM,
}

// AcceptedPartnerTypes lists the Partner Type values, for messages.
const AcceptedPartnerTypes = "Cisco Partner, Partner, Reseller, VAR, Vendor Partner (vendor-partner); TPM, Third-Party Maintenance, Third Party Maintainer, Third-Party (tpm)"

// ParsePartnerKind reads a Partner Type value loosely, ignoring case,
// spaces and punctuation; "vendor-partner" and "tpm" are accepted too.
func ParsePartnerKind(s string) (PartnerKind, bool) {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	k, ok := partnerKinds[b.String()]
	return k, ok
}

// QuoteLine is one priced line of a partner's renewal quote. Like Line,
// it keeps only what the figures and pages use; the import checks the
// other columns (quote name, line number, instance, SKU, service level,
// unit list price, quantity, discount, currency, comments) and drops them.
type QuoteLine struct {
	Partner     string
	Kind        PartnerKind
	QuoteNumber string

	Serial        string
	Instance      string
	ProductNumber string
	ServiceLevel  string // a code of the lookup table, or as the quote writes it
	Start, End    Date
	ExtendedNet   Money
	LDoS          Date // the quote's own LDoS column
	Ref           Ref
}

// InclusiveDays returns the number of days the quoted term covers.
func (q *QuoteLine) InclusiveDays() int { return InclusiveDays(q.Start, q.End) }

// QuoteTotal is a totals row found in a quote file, kept so that analysis
// can check it against the sum of its lines.
type QuoteTotal struct {
	Partner     string
	QuoteNumber string // "" when the row does not name its quote
	Amount      Money
	Ref         Ref
}

// Quirk counts one kind of data-changing quirk in one file.
type Quirk struct {
	File    string
	Kind    string
	Count   int
	First   Ref
	Example string
	Money   Money // money on dropped rows, when the quirk drops rows
}

// Estate is everything the inputs say, ready for analysis.
type Estate struct {
	AsOf     Date
	Currency string
	// Snapshots are ordered newest first; Snapshots[0] is current.
	Snapshots   []Snapshot
	Lifecycle   []Lifecycle
	LifeFiles   []FileStat
	Quotes      []QuoteLine
	QuoteTotals []QuoteTotal
	QuoteFiles  []FileStat
	Quirks      []Quirk
	// Inventory lists the live inventory's devices ([[inventory]]), one
	// per serial as each file lists them; Alerts the security advisories
	// and product alerts ([[alerts]]), one per advisory and device.
	Inventory      []InventoryItem
	InventoryFiles []FileStat
	Alerts         []Alert
	AlertFiles     []FileStat
}

// InventoryItem is one device as a live inventory lists it.
type InventoryItem struct {
	Serial, Host, Site, ProductID, Status string
	LastSeen                              Date // zero when the file has none
	// OutOfService says that its status is one its entry counts as
	// decommissioned.
	OutOfService bool
	Ref          Ref
}

// Alert is a security advisory or product alert as it names a device (by
// serial) or a product ID; one with neither names no device.
type Alert struct {
	ID, Title, Severity string
	// CVSS is the base score in tenths (7.5 is 75); -1 when not given.
	CVSS              int
	Published         Date
	Serial, ProductID string
	URL               string
	Ref               Ref
}

// Current returns the newest snapshot, or nil when there is none.
func (e *Estate) Current() *Snapshot {
	if len(e.Snapshots) == 0 {
		return nil
	}
	return &e.Snapshots[0]
}

// Priced reports whether the current snapshot's coverage exports carry
// prices: false when every one of them lacks a price column, so that the
// report says it cannot know the money rather than showing zeros. An
// estate with no file stats (built by hand) is priced.
func (e *Estate) Priced() bool {
	cur := e.Current()
	if cur == nil || len(cur.Files) == 0 {
		return true
	}
	for _, f := range cur.Files {
		if !f.Unpriced {
			return true
		}
	}
	return false
}

// Rows counts the rows of every input file that was read.
func (e *Estate) Rows() int {
	n := 0
	for _, f := range e.Files() {
		n += f.Rows
	}
	return n
}

// Files lists every input file that was read, snapshots first.
func (e *Estate) Files() []FileStat {
	var out []FileStat
	for _, s := range e.Snapshots {
		out = append(out, s.Files...)
	}
	out = append(out, e.LifeFiles...)
	out = append(out, e.QuoteFiles...)
	out = append(out, e.InventoryFiles...)
	return append(out, e.AlertFiles...)
}
