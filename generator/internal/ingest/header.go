package ingest

import (
	"fmt"
	"strings"
	"unicode"
)

// Kind is a kind of input file.
type Kind string

// The kinds of input file.
const (
	KindCoverage  Kind = "coverage"
	KindLifecycle Kind = "lifecycle"
	KindQuotes    Kind = "quotes"
	KindInventory Kind = "inventory"
	KindAlerts    Kind = "alerts"
)

// field is one canonical column with every header that means it.
type field struct {
	key     string   // the csv tag of the row struct field that takes it
	headers []string // real header spellings, first one shown in messages
}

// vocabulary lists the columns one kind of file may have.
type vocabulary struct {
	kind     Kind
	what     string // "coverage export", for messages
	fields   []field
	required [][]string // each entry: one of these keys must be present
	// byHeader maps a normalised header to its field key.
	byHeader map[string]string
}

func newVocabulary(kind Kind, what string, required [][]string, fields ...field) *vocabulary {
	v := &vocabulary{kind: kind, what: what, fields: fields, required: required, byHeader: map[string]string{}}
	for _, f := range fields {
		for _, h := range f.headers {
			n := NormalizeHeader(h)
			if prev, dup := v.byHeader[n]; dup && prev != f.key {
				panic(fmt.Sprintf("ingest: header %q means both %s and %s", h, prev, f.key))
			}
			v.byHeader[n] = f.key
		}
	}
	return v
}

// NormalizeHeader folds a header for loose matching: it drops a BOM, case,
// spaces and punctuation, so "Serial Number / PAK number" and
// "SERIALNUMBERPAKNUMBER" are the same.
func NormalizeHeader(h string) string {
	var b strings.Builder
	for _, r := range h {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// lookup returns the field key for a raw header, or "".
func (v *vocabulary) lookup(h string) string {
	n := NormalizeHeader(h)
	if k, ok := v.byHeader[n]; ok {
		return k
	}
	// The EoX API flattened by some tools writes EndOfSaleDate.value (or
	// _value), and nests EOXMigrationDetails_MigrationProductId and
	// EOXError_ErrorID.
	if v.kind == KindLifecycle {
		if base, ok := strings.CutSuffix(n, "value"); ok && base != "eoxinput" {
			return v.byHeader[base]
		}
		for _, parent := range []string{"eoxmigrationdetails", "eoxerror"} {
			if rest, ok := strings.CutPrefix(n, parent); ok && rest != "" {
				if k := v.byHeader[rest]; k != "" {
					return k
				}
				return v.byHeader[parent+rest]
			}
		}
	}
	return ""
}

func (v *vocabulary) field(key string) field {
	for _, f := range v.fields {
		if f.key == key {
			return f
		}
	}
	return field{key: key, headers: []string{key}}
}

// describe names a field with its accepted spellings, for messages:
// "Serial Number (or PAK/Serial Number, ...)".
func (v *vocabulary) describe(key string) string {
	f := v.field(key)
	if len(f.headers) == 1 {
		return f.headers[0]
	}
	return f.headers[0] + " (or " + strings.Join(f.headers[1:], ", ") + ")"
}

// match maps each raw header to a field key ("" for columns the report does
// not use; a second column for the same field is ignored too) and reports
// how many fields it recognised.
func (v *vocabulary) match(headers []string) (keys []string, n int) {
	keys = make([]string, len(headers))
	seen := map[string]bool{}
	for i, h := range headers {
		k := v.lookup(h)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		keys[i] = k
		n++
	}
	return keys, n
}

// missing lists the required fields that keys lacks, described for a
// message.
func (v *vocabulary) missing(keys []string) []string {
	have := map[string]bool{}
	for _, k := range keys {
		have[k] = true
	}
	var out []string
	for _, alts := range v.required {
		ok := false
		for _, k := range alts {
			ok = ok || have[k]
		}
		if !ok {
			d := make([]string, len(alts))
			for i, k := range alts {
				d[i] = v.describe(k)
			}
			out = append(out, strings.Join(d, " or "))
		}
	}
	return out
}

// Style names the export a header row looks like, for the summary.
func (v *vocabulary) style(headers []string) string {
	set := map[string]bool{}
	for _, h := range headers {
		set[NormalizeHeader(h)] = true
	}
	switch v.kind {
	case KindCoverage:
		switch {
		case set["coveredlinestatus"] || set["coveredlineenddate"]:
			return "CX Cloud"
		case set["coveredproductstatus"] || set["begindate"]:
			return "Service Contract Center"
		case set["serialnumberpaknumber"] || set["contractlinestatus"] || set["coveragestatus"]:
			return "Cisco Ready"
		}
		return "coverage"
	case KindLifecycle:
		return "EoX"
	case KindInventory:
		switch {
		case set["platformid"] || set["reachabilitystatus"]:
			return "Catalyst Center"
		case (set["devicetype"] || set["type"]) && set["name"]:
			return "NetBox or Nautobot"
		}
		return "inventory"
	case KindAlerts:
		if set["advisoryid"] || set["sir"] {
			return "openVuln"
		}
		return "alerts"
	}
	return "CCW-R quote"
}

var coverageVocabulary = newVocabulary(KindCoverage, "coverage export",
	[][]string{{"serial"}, {"product_id"}, {"contract"}, {"end"}},
	field{"serial", []string{"Serial Number", "Serial Number / PAK number", "PAK/Serial Number", "SERIAL NUMBER", "sr_no", "serialNumber"}},
	field{"instance", []string{"Instance Number", "Instance ID"}},
	field{"parent_serial", []string{"Parent Serial Number", "Parent PAK/Serial Number", "parent_sr_no"}},
	field{"parent_instance", []string{"Parent Instance Number", "Parent Instance ID"}},
	field{"relationship", []string{"Major/Minor", "Product Relationship"}},
	field{"product_id", []string{"Product ID", "Product Number", "PRODUCT NUMBER", "orderable_pid", "productId"}},
	field{"description", []string{"Product Description", "DESCRIPTION", "item_description"}},
	field{"family", []string{"Product Family"}},
	field{"type", []string{"Product Type", "Item Type", "item_type"}},
	field{"host", []string{"Host Name"}},
	field{"site", []string{"Install Site Name", "SITE NAME", "Site", "contract_site_customer_name"}},
	field{"site_id", []string{"Installed-At SITE ID", "Install Site ID", "SITE ID"}},
	field{"customer", []string{"Customer Name", "Install Site CR Party Name", "Install Site GU Name", "End Customer Name"}},
	field{"coverage", []string{"Coverage", "Coverage Status", "is_covered", "coverageStatus"}},
	field{"status", []string{"Covered Line Status", "COVERED PRODUCT STATUS", "Contract Line Status"}},
	field{"contract", []string{"Contract Number", "CONTRACT NUMBER", "service_contract_number", "contractNumber"}},
	field{"label", []string{"Contract Label", "CONTRACT LABEL"}},
	field{"service_level", []string{"Service Level", "SERVICE LEVEL", "serviceLevel", "slaType"}},
	field{"service_desc", []string{"Service Level Description", "service_line_descr"}},
	field{"default_level", []string{"Default Service Level"}},
	field{"termination", []string{"Termination Date"}},
	field{"duplicate", []string{"Duplicate Record"}},
	field{"sku", []string{"Service SKU", "SKU"}},
	field{"start", []string{"Covered Line Start Date", "Covered Line StartDate", "BEGIN DATE", "Start Date", "coverageStartDate"}},
	field{"end", []string{"Covered Line End Date", "Covered Line EndDate", "END DATE", "End Date", "covered_product_line_end_date", "coverageEndDate"}},
	field{"ldos", []string{"Last Date of Support", "Last DateofSupport", "LAST DATE OF SUPPORT", "End of Support", "LDOS"}},
	field{"unit_list", []string{"Unit List Price"}},
	field{"net", []string{"Extended Net Price", "Net Price"}},
	field{"currency", []string{"Currency"}},
)

var lifecycleVocabulary = newVocabulary(KindLifecycle, "lifecycle (EoX) file",
	[][]string{{"pid", "input_value"}, {"ldos"}},
	field{"pid", []string{"EOLProductID"}},
	field{"description", []string{"ProductIDDescription"}},
	field{"bulletin", []string{"ProductBulletinNumber"}},
	field{"bulletin_url", []string{"LinkToProductBulletinURL"}},
	field{"announced", []string{"EOXExternalAnnouncementDate"}},
	field{"end_of_sale", []string{"EndOfSaleDate"}},
	field{"end_of_sw", []string{"EndOfSWMaintenanceReleases"}},
	field{"end_of_vul", []string{"EndOfSecurityVulSupportDate"}},
	field{"end_of_rfa", []string{"EndOfRoutineFailureAnalysisDate"}},
	field{"end_of_renewal", []string{"EndOfServiceContractRenewal"}},
	field{"ldos", []string{"LastDateOfSupport"}},
	field{"end_of_attach", []string{"EndOfSvcAttachDate"}},
	field{"updated", []string{"UpdatedTimeStamp"}},
	field{"input_type", []string{"EOXInputType"}},
	field{"input_value", []string{"EOXInputValue"}},
	field{"migration_pid", []string{"MigrationProductId"}},
	field{"migration_name", []string{"MigrationProductName"}},
	field{"migration_strategy", []string{"MigrationStrategy"}},
	field{"error_id", []string{"EOXErrorID", "ErrorID", "EOXError"}},
	field{"error_desc", []string{"EOXErrorDescription", "ErrorDescription"}},
)

var quoteVocabulary = newVocabulary(KindQuotes, "quote export",
	[][]string{{"serial"}, {"start"}, {"end"}, {"net"}},
	field{"quote_number", []string{"Quote Number"}},
	field{"quote_name", []string{"Quote Name"}},
	field{"line_number", []string{"Line Number"}},
	field{"serial", []string{"PAK/Serial Number", "Serial Number"}},
	field{"instance", []string{"Instance Number"}},
	field{"product", []string{"Product Number", "Product ID"}},
	field{"sku", []string{"SKU", "Service SKU"}},
	field{"service_level", []string{"Service Level"}},
	field{"start", []string{"Start Date"}},
	field{"end", []string{"End Date"}},
	field{"quantity", []string{"Quantity", "Qty"}},
	field{"unit_list", []string{"Unit List Price"}},
	field{"discount", []string{"Discount %", "Discount"}},
	field{"net", []string{"Extended Net Price"}},
	field{"currency", []string{"Currency"}},
	field{"ldos", []string{"Last Date of Support", "LDOS"}},
	field{"comments", []string{"Comments"}},
	field{"partner", []string{"Partner"}},
	field{"partner_type", []string{"Partner Type"}},
)

var inventoryVocabulary = newVocabulary(KindInventory, "live inventory",
	[][]string{{"serial"}},
	field{"serial", []string{"Serial number", "serialNumber", "Serial", "SN", "Serial No"}},
	field{"host", []string{"Name", "hostname", "Host Name", "Device Name", "Device"}},
	field{"site", []string{"Site", "Site Name", "siteNameHierarchy", "Location", "siteName"}},
	field{"product", []string{"Device type", "Type", "platformId", "Product ID", "Model", "PID", "Platform", "Product Number"}},
	field{"status", []string{"Status", "reachabilityStatus", "Device Status", "Operational Status", "collectionStatus"}},
	field{"last_seen", []string{"Last updated", "lastUpdated", "Last seen", "Last Contact", "lastContact", "lastUpdateTime", "Last Seen Date"}},
)

var alertsVocabulary = newVocabulary(KindAlerts, "alerts or advisories export",
	[][]string{{"advisory"}},
	field{"advisory", []string{"advisoryId", "Advisory ID", "Advisory", "Alert ID", "PSIRT ID", "Bulletin ID", "Field Notice ID"}},
	field{"title", []string{"advisoryTitle", "Title", "Advisory Title", "Headline", "Alert Title"}},
	field{"severity", []string{"sir", "Severity", "Security Impact Rating", "Impact"}},
	field{"cvss", []string{"cvssBaseScore", "CVSS", "CVSS Base Score", "CVSS Score"}},
	field{"published", []string{"firstPublished", "First Published", "Published", "Published Date", "Publication Date", "Date Published"}},
	field{"products", []string{"productNames", "Product Names", "Affected Products"}},
	field{"serial", []string{"serialNumber", "Serial Number", "Serial", "Serial Numbers", "serialNumbers", "Affected Serial Numbers"}},
	field{"product", []string{"productId", "Product ID", "PID", "Product Number", "Product IDs", "productIds", "PIDs", "Affected Product IDs"}},
	field{"url", []string{"publicationUrl", "URL", "Link"}},
	field{"host", []string{"hostname", "Host Name", "Device Name"}},
)

func vocabularyFor(k Kind) *vocabulary {
	switch k {
	case KindInventory:
		return inventoryVocabulary
	case KindAlerts:
		return alertsVocabulary
	case KindLifecycle:
		return lifecycleVocabulary
	case KindQuotes:
		return quoteVocabulary
	}
	return coverageVocabulary
}
