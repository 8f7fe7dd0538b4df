package contract

import (
	"strings"
	"testing"
)

func TestKey(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("Regional Medical Centre ", 13) // 312 bytes
	for _, tt := range []struct{ in, want string }{
		{"93824710", "93824710"},
		{"c9300-48p-a", "c9300-48p-a"},
		{"C9300-48P-A", "c9300-48p-a-"},
		{"ABC/1", "abc-1-"},
		{"", ""},
		{"＝1+1", "1-1-"},
		{long, "regional-medical-centre-regional-medical-"},
	} {
		got := Key(tt.in)
		if !strings.HasPrefix(got, tt.want) || len(got) > maxKey || Slug(got) != got {
			t.Errorf("Key(%q) = %q, want %q…, at most %d bytes, its own slug", tt.in, got, tt.want, maxKey)
		}
	}
	// Values that slug alike keep keys apart; a key depends on its value alone.
	for _, pair := range [][2]string{{"abc-1", "ABC/1"}, {"'=1", "=1"}, {"=1+1", "＝1+1"}, {long, long + "x"}, {"a b", "a-b"}} {
		if Key(pair[0]) == Key(pair[1]) {
			t.Errorf("Key(%q) = Key(%q) = %q", pair[0], pair[1], Key(pair[0]))
		}
	}
	if Key("ABC/1") != Key("ABC/1") {
		t.Error("Key is not stable")
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 300)
	names := Names([]string{"CENTRAL HOSPITAL", "abc-1", "ABC/1", "North Clinic", long, "north-clinic-annex"})
	if names["CENTRAL HOSPITAL"] != "central-hospital" || names["North Clinic"] != "north-clinic" {
		t.Errorf("readable names changed: %q", names)
	}
	if names["abc-1"] != "abc-1" || names["ABC/1"] == "abc-1" || !strings.HasPrefix(names["ABC/1"], "abc-1-") {
		t.Errorf("values that slug alike: %q, %q", names["abc-1"], names["ABC/1"])
	}
	if n := names[long]; len(n) > maxKey || !strings.HasPrefix(n, "xxxx") {
		t.Errorf("a 300-byte value is named %q", n)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			t.Errorf("%q twice", n)
		}
		seen[n] = true
	}
}
