// Package sample writes a complete, fictional report project whose export
// files look like the real ones: several header vocabularies, BOM and
// preamble lines, DD-MON-YYYY and Excel serial dates, "$1,234.56"
// amounts, totals rows, MINOR lines and multi-line cells. The same seed
// and size give the same bytes.
package sample

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/renewals/renewals/generator/contract"
)

// Defaults of `renewals sample`.
const (
	DefaultDevices = 500
	DefaultSeed    = 20261123
)

func day(y int, m time.Month, d int) contract.Date { return contract.NewDate(y, m, d) }

// The report date and the three quarterly export dates.
var (
	asOf      = day(2026, 11, 23)
	snapDates = []contract.Date{day(2026, 5, 22), day(2026, 8, 21), day(2026, 11, 20)}
)

const (
	may, aug, nov = 0, 1, 2
)

type eox struct {
	bulletin                                            string
	announce, eos, eosw, eovul, eorfa, eocr, ldos, eosa contract.Date
	migration                                           string
}

type product struct {
	pid, desc, family, typ string
	list                   int64 // annual 24x7x4 list price, cents
	minors                 []string
	eox                    *eox
	// exportLDoS, when set, is what the coverage exports say, which
	// disagrees with the EoX file.
	exportLDoS contract.Date
}

var products = map[string]*product{}

func init() {
	add := func(p *product) { products[p.pid] = p }
	add(&product{pid: "N9K-C93180YC-FX", desc: "Nexus 9300 with 48p 10/25G SFP+ and 6p 100G QSFP28", family: "Nexus 9000", typ: "Chassis", list: 348000, minors: []string{"NXA-PAC-650W-PE", "NXA-PAC-650W-PE"}})
	add(&product{pid: "C9500-24Y4C-A", desc: "Catalyst 9500 24-port 25/10G, 4-port 100/40G, Advantage", family: "Catalyst 9500", typ: "Chassis", list: 315000})
	add(&product{pid: "ASR1001-X", desc: "Cisco ASR1001-X Chassis, 6 built-in GE, Dual P/S", family: "ASR 1000", typ: "Chassis", list: 420000,
		eox:        &eox{"EOL14963", day(2024, 5, 1), day(2025, 4, 30), day(2026, 4, 30), day(2027, 4, 30), day(2026, 4, 30), day(2029, 1, 31), day(2030, 4, 30), day(2026, 4, 30), "C8500-12X4QC"},
		exportLDoS: day(2030, 5, 31)})
	add(&product{pid: "C9300-48P-A", desc: "Catalyst 9300 48-port PoE+, Network Advantage", family: "Catalyst 9300", typ: "Chassis", list: 118000, minors: []string{"PWR-C1-715WAC"}})
	add(&product{pid: "WS-C3850-48P-S", desc: "Cisco Catalyst 3850 48 Port PoE IP Base", family: "Catalyst 3850", typ: "Chassis", list: 105000, minors: []string{"PWR-C1-715WAC"},
		eox: &eox{"EOL11249", day(2016, 10, 31), day(2017, 10, 30), day(2020, 10, 30), day(2022, 10, 30), day(2018, 10, 30), day(2024, 7, 28), day(2025, 10, 31), day(2018, 10, 30), "C9300-48P-A"}})
	add(&product{pid: "WS-C3650-24PS-S", desc: "Cisco Catalyst 3650 24 Port PoE 4x1G Uplink IP Base", family: "Catalyst 3650", typ: "Chassis", list: 61000,
		eox: &eox{"EOL11366", day(2017, 10, 31), day(2018, 10, 30), day(2021, 10, 30), day(2023, 10, 30), day(2019, 10, 30), day(2025, 7, 28), day(2026, 10, 31), day(2019, 10, 30), "C9200-24P-E"}})
	add(&product{pid: "WS-C2960X-48FPD-L", desc: "Catalyst 2960-X 48 GigE PoE 740W, 2 x 10G SFP+, LAN Base", family: "Catalyst 2960-X", typ: "Chassis", list: 64000,
		eox: &eox{"EOL14383", day(2021, 10, 31), day(2022, 10, 31), day(2023, 10, 31), day(2025, 10, 31), day(2023, 10, 31), day(2026, 10, 31), day(2027, 10, 31), day(2023, 10, 31), "C9200-48P-E"}})
	add(&product{pid: "C9200L-24P-4G-E", desc: "Catalyst 9200L 24-port PoE+, 4 x 1G, Network Essentials", family: "Catalyst 9200", typ: "Chassis", list: 42000})
	add(&product{pid: "ISR4331/K9", desc: "Cisco ISR 4331 (3GE,2NIM,1SM,4G FLASH,4G DRAM,IPB)", family: "ISR 4000", typ: "Chassis", list: 88000,
		eox: &eox{"EOL14971", day(2022, 11, 7), day(2023, 11, 7), day(2024, 11, 6), day(2026, 11, 6), day(2024, 11, 6), day(2027, 8, 3), day(2028, 5, 31), day(2024, 11, 6), "C8200L-1N-4T"}})
	add(&product{pid: "C8300-1N1S-6T", desc: "Catalyst 8300 Series Edge Platform, 1NIM, 1SM, 6x1G", family: "Catalyst 8300", typ: "Chassis", list: 142000})
	add(&product{pid: "AIR-AP2802I-B-K9", desc: "802.11ac W2 AP w/CA; 4x4:3; Int Ant; 2xGbE, B Domain", family: "Aironet 2800", typ: "Access Point", list: 9500,
		eox: &eox{"EOL13958", day(2021, 4, 30), day(2022, 4, 29), day(2023, 4, 29), day(2025, 4, 29), day(2023, 4, 29), day(2026, 1, 24), day(2027, 4, 30), day(2023, 4, 29), "C9120AXI-B"}})
	add(&product{pid: "C9120AXI-B", desc: "Catalyst 9120AX Series, Internal Antenna, B Domain", family: "Catalyst 9100 AP", typ: "Access Point", list: 11000})
	add(&product{pid: "AIR-CT5520-K9", desc: "Cisco 5520 Wireless Controller w/rack mount kit", family: "Wireless LAN Controller", typ: "Chassis", list: 290000,
		eox: &eox{"EOL14095", day(2020, 6, 30), day(2021, 5, 31), day(2022, 5, 31), day(2024, 5, 31), day(2022, 5, 31), day(2025, 2, 28), day(2026, 5, 31), day(2022, 5, 31), "C9800-40-K9"}})
	add(&product{pid: "ASA5516-FPWR-K9", desc: "ASA 5516-X with FirePOWER services, 8GE, AC, DES", family: "ASA 5500-X", typ: "Chassis", list: 135000,
		eox: &eox{"EOL12165", day(2020, 8, 31), day(2021, 8, 31), day(2022, 8, 31), day(2024, 8, 31), day(2022, 8, 31), day(2025, 5, 31), day(2026, 8, 31), day(2022, 8, 31), "FPR1140-NGFW-K9"}})
	add(&product{pid: "FPR2110-NGFW-K9", desc: "Cisco Firepower 2110 NGFW Appliance, 1U, 1 x NetMod Bay", family: "Firepower 2100", typ: "Chassis", list: 164000,
		eox: &eox{"EOL15031", day(2024, 2, 13), day(2024, 8, 13), day(2025, 8, 13), day(2027, 8, 13), day(2025, 8, 13), day(2028, 5, 10), day(2029, 8, 31), day(2025, 8, 13), "FPR1150-NGFW-K9"}})
	add(&product{pid: "PWR-C1-715WAC", desc: "715W AC Config 1 Power Supply", family: "Catalyst 9300", typ: "Power Supply"})
	add(&product{pid: "NXA-PAC-650W-PE", desc: "Nexus NEBs AC 650W PSU - Port Side Exhaust", family: "Nexus 9000", typ: "Power Supply"})
}

// levelFactor prices a service level against 24x7x4 (see the README's "What the report computes";
// 24x7x2 ≈ 1.25 × 24x7x4, 8x5x4 ≈ 0.75 × 24x7x4).
var levelFactor = map[string]float64{"SNT": 0.55, "SNTE": 0.75, "SNTP": 1.0, "S2P": 1.25}

// discount is the channel discount off list.
const discount = 0.36

type site struct {
	name, code string
	id         string
}

// contractDef is one service contract. Its current term is start..end; a
// contract that renewed between snapshots had the term before it at a
// lower price.
type contractDef struct {
	number, label, level string
	start, end           contract.Date
	// renewed: the previous term ran to start−1 at price ÷ uplift.
	renewed bool
	uplift  float64
	// multiYear: the term is three years, priced as such.
	multiYear bool
	// lapses: not renewed after end.
	lapses bool
}

type role struct {
	name     string
	weight   int
	products []string
	weights  []int
	contract int // index into the group's contracts, -1 for never covered
	sites    []int
}

var roles = []role{
	{"dc", 6, []string{"N9K-C93180YC-FX", "C9500-24Y4C-A"}, []int{6, 4}, 0, []int{2}},
	{"edge", 3, []string{"ASR1001-X"}, []int{1}, 3, []int{2, 0}},
	{"wan", 5, []string{"ISR4331/K9", "C8300-1N1S-6T"}, []int{6, 4}, 2, []int{0, 1, 2, 3, 4, 5}},
	{"access", 48, []string{"C9300-48P-A", "WS-C3850-48P-S", "WS-C3650-24PS-S", "WS-C2960X-48FPD-L"}, []int{45, 15, 10, 30}, 1, []int{0, 0, 0, 4, 5}},
	{"wireless", 22, []string{"AIR-AP2802I-B-K9", "C9120AXI-B", "AIR-CT5520-K9"}, []int{50, 47, 3}, 4, []int{0, 0, 1, 3, 4, 5}},
	{"security", 4, []string{"ASA5516-FPWR-K9", "FPR2110-NGFW-K9"}, []int{4, 6}, 5, []int{2, 0}},
	{"clinic", 8, []string{"C9200L-24P-4G-E", "WS-C2960X-48FPD-L"}, []int{6, 4}, 6, []int{1, 3}},
	{"uncovered", 4, []string{"C9200L-24P-4G-E", "C9120AXI-B"}, []int{5, 5}, -1, []int{1, 3, 4, 5}},
}

type minorPart struct {
	serial, instance, pid string
}

type device struct {
	serial, instance, host string
	prod                   *product
	site                   *site
	con                    *contractDef // nil: never covered
	minors                 []minorPart
	first, last            int // snapshots the device is in
	added                  contract.Date
	upgrade                string // the level from the Nov snapshot on, when it changed
	rmaSerial              string // the replacement serial in the Nov snapshot
	also                   *contractDef
}

// estate is the whole fictional organisation.
type estate struct {
	rng       *rand.Rand
	sites     []*site
	contracts []*contractDef
	devices   []*device
	serials   map[string]bool
	nextInst  int64
}

func newEstate(n int, seed uint64) *estate {
	e := &estate{rng: rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15)), serials: map[string]bool{}, nextInst: 1_845_000_000}
	e.sites = []*site{
		{"Central Hospital – Main Campus", "chmc", "305114882"},
		{"North Clinic", "ncl", "305114901"},
		{"Data Center East", "dce", "305115230"},
		{"Riverside Clinic", "rvc", "305115377"},
		{"Lab Annex – Pathology", "lab", "305115412"},
		{"Administration Building", "adm", "305115598"},
	}
	for i := 6; i < 6+n/2000; i++ {
		e.sites = append(e.sites, &site{fmt.Sprintf("Clinic %02d – Outpatient", i+1), fmt.Sprintf("c%02d", i+1), fmt.Sprint(305116000 + i*37)})
	}
	groups := (n + 4999) / 5000
	for g := 0; g < groups; g++ {
		base := 93824710 + g*100_000
		suffix := ""
		if g > 0 {
			suffix = fmt.Sprintf("-G%d", g+1)
		}
		e.contracts = append(e.contracts,
			&contractDef{number: fmt.Sprint(base), label: "EH-DC-CORE-SNTP" + suffix, level: "SNTP", start: day(2026, 2, 1), end: day(2027, 1, 31)},
			&contractDef{number: fmt.Sprint(base + 23), label: "EH-CAMPUS-SNT" + suffix, level: "SNT", start: day(2026, 7, 1), end: day(2027, 6, 30), renewed: true, uplift: 1.07},
			&contractDef{number: fmt.Sprint(base + 392), label: "EH-WAN-SNTE" + suffix, level: "SNTE", start: day(2026, 1, 1), end: day(2026, 12, 31)},
			&contractDef{number: fmt.Sprint(base + 809), label: "EH-DC-EDGE-S2P-36M" + suffix, level: "S2P", start: day(2024, 3, 1), end: day(2027, 2, 28), multiYear: true},
			&contractDef{number: fmt.Sprint(base + 1291), label: "EH-WIRELESS-SNT" + suffix, level: "SNT", start: day(2026, 10, 1), end: day(2027, 9, 30), renewed: true, uplift: 1.06},
			&contractDef{number: fmt.Sprint(base + 1737), label: "EH-SECURITY-SNTP" + suffix, level: "SNTP", start: day(2026, 4, 1), end: day(2027, 3, 31)},
			&contractDef{number: fmt.Sprint(base + 2300), label: "EH-CLINICS-SNT" + suffix, level: "SNT", start: day(2025, 11, 1), end: day(2026, 10, 31), lapses: true},
		)
	}
	for i := 0; i < n; i++ {
		e.devices = append(e.devices, e.device(i))
	}
	e.stories()
	return e
}

func (e *estate) pick(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := e.rng.IntN(total)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

var serialPrefixes = []string{"FOC", "FDO", "FCW", "JAE", "SAL", "FGL", "JMX"}

const serialChars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"

func (e *estate) serial() string {
	for {
		b := []byte(fmt.Sprintf("%s%02d%02d", serialPrefixes[e.rng.IntN(len(serialPrefixes))], 18+e.rng.IntN(8), 1+e.rng.IntN(52)))
		for range 4 {
			b = append(b, serialChars[e.rng.IntN(len(serialChars))])
		}
		if s := string(b); !e.serials[s] {
			e.serials[s] = true
			return s
		}
	}
}

func (e *estate) instance() string {
	e.nextInst += 1 + int64(e.rng.IntN(40))
	return fmt.Sprint(e.nextInst)
}

var roleWeights = func() []int {
	w := make([]int, len(roles))
	for i, r := range roles {
		w[i] = r.weight
	}
	return w
}()

func (e *estate) device(i int) *device {
	r := roles[e.pick(roleWeights)]
	p := products[r.products[e.pick(r.weights)]]
	s := e.sites[r.sites[e.rng.IntN(len(r.sites))]]
	if len(e.sites) > 6 && r.name != "dc" && e.rng.IntN(3) == 0 {
		s = e.sites[6+e.rng.IntN(len(e.sites)-6)]
	}
	d := &device{serial: e.serial(), instance: e.instance(), prod: p, site: s, first: may, last: nov}
	d.host = fmt.Sprintf("%s-%s-%04d", s.code, r.name, i+1)
	if r.contract >= 0 {
		d.con = e.contracts[(i/5000)*7+r.contract]
	}
	for _, m := range p.minors {
		d.minors = append(d.minors, minorPart{serial: e.serial(), instance: e.instance(), pid: m})
	}
	switch x := e.rng.IntN(100); {
	case x < 2 && (d.con == nil || !d.con.lapses && !d.con.multiYear):
		d.first, d.added = aug, day(2026, 8, 1)
	case x < 4 && (d.con == nil || !d.con.lapses && !d.con.multiYear):
		d.first, d.added = nov, day(2026, 11, 1)
	case x < 6 && (d.con == nil || !d.con.lapses):
		d.last = may // decommissioned before the August export
	}
	if r.name == "wan" && d.con != nil && e.rng.IntN(10) == 0 {
		d.upgrade = "SNTP"
	}
	return d
}

// stories places the single cases the report must find: one serial on two
// contracts and one RMA swap.
func (e *estate) stories() {
	var dup, rma bool
	for _, d := range e.devices {
		switch {
		case !dup && d.con == e.contracts[1] && d.prod.pid == "C9300-48P-A" && d.first == may && d.last == nov:
			d.also, dup = e.contracts[0], true
		case !rma && d.con == e.contracts[0] && d.first == may && d.last == nov && d.also == nil:
			d.rmaSerial, rma = e.serial(), true
		}
	}
}

// annual is the device's yearly net price at a level, in cents.
func annual(p *product, level string) int64 {
	return int64(float64(p.list)*levelFactor[level]*(1-discount) + 0.5)
}
