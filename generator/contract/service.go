package contract

import "strings"

// ServiceLevel describes one service-level code from the lookup table.
type ServiceLevel struct {
	Code        string // SNTP
	Description string // 24x7x4
	// Rank orders levels from lowest (SW) to highest (C2P). Unknown codes
	// rank 0.
	Rank int
	// HardwareReplacement is false for software-only support.
	HardwareReplacement bool
	OnSite              bool
}

// ServiceLevels is the lookup table of known codes, lowest rank first.
var ServiceLevels = []ServiceLevel{
	{"SW", "Software only", 1, false, false},
	{"SNT", "8x5xNBD", 2, true, false},
	{"CS", "8x5xNBD on-site", 3, true, true},
	{"SNTE", "8x5x4", 4, true, false},
	{"C4S", "8x5x4 on-site", 5, true, true},
	{"SNTP", "24x7x4", 6, true, false},
	{"C4P", "24x7x4 on-site", 7, true, true},
	{"S2P", "24x7x2", 8, true, false},
	{"C2P", "24x7x2 on-site", 9, true, true},
}

var levelByCode = func() map[string]ServiceLevel {
	m := make(map[string]ServiceLevel, len(ServiceLevels))
	for _, l := range ServiceLevels {
		m[l.Code] = l
	}
	return m
}()

// LookupServiceLevel returns the table entry for code, and false when the
// code is not in the table.
func LookupServiceLevel(code string) (ServiceLevel, bool) {
	l, ok := levelByCode[code]
	return l, ok
}

// ServiceLevelRank returns the rank of code, or 0 when it is unknown.
func ServiceLevelRank(code string) int { return levelByCode[code].Rank }

// ServiceLevelFromSKU returns the code inside a service SKU such as
// CON-SNTP-C93004PA, and false when the SKU has no known code.
func ServiceLevelFromSKU(sku string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.ToUpper(strings.TrimSpace(sku)), "CON-")
	if !ok {
		return "", false
	}
	code, _, _ := strings.Cut(rest, "-")
	_, known := levelByCode[code]
	return code, known
}
