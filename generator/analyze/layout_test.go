package analyze

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestLayout: figures.json's layout keeps the value exactly (strings with
// quotes, escapes, brackets, commas and colons in them) and writes short
// objects and lists of values on one line.
func TestLayout(t *testing.T) {
	t.Parallel()
	v := map[string]any{
		"serials": []string{"A,1", `B"]`, "C:{x}", `D\`},
		"short":   map[string]any{"a": 1, "b": "x, y"},
		"long": []any{
			map[string]any{"k": strings.Repeat("v", 400), "n": nil, "e": []int{}, "o": map[string]any{}},
			map[string]any{"k": "w"},
		},
		"n": 1.5, "t": true,
	}
	compact, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	l := layouter{src: compact, spans: containers(compact)}
	l.value(0, 0)
	got := l.dst
	var back, want any
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("%v:\n%s", err, got)
	}
	json.Unmarshal(compact, &want)
	a, _ := json.Marshal(back)
	b, _ := json.Marshal(want)
	if !bytes.Equal(a, b) {
		t.Errorf("the layout changes the value:\n%s", got)
	}
	for _, line := range []string{
		`  "serials": ["A,1", "B\"]", "C:{x}", "D\\"],`,
		`  "short": {"a": 1, "b": "x, y"},`,
		`    {"k": "w"}`,
	} {
		if !strings.Contains(string(got), line+"\n") {
			t.Errorf("no line %s in\n%s", line, got)
		}
	}
}

// TestDecodeFigures: only the keys asked for are decoded, and reading
// stops once they are: what follows them is not even parsed.
func TestDecodeFigures(t *testing.T) {
	t.Parallel()
	var f struct {
		AsOf  string   `json:"as_of"`
		Spend *float64 `json:"annual_spend"`
		Skip  int      `json:"-"`
	}
	data := []byte(`{"as_of": "2026-11-23", "devices": {"total": 3}, "annual_spend": 12.5, "quote_audit": not json at all`)
	if err := DecodeFigures(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.AsOf != "2026-11-23" || f.Spend == nil || *f.Spend != 12.5 {
		t.Errorf("%+v", f)
	}
	if err := DecodeFigures([]byte(`{"as_of": 7}`), &f); err == nil || !strings.Contains(err.Error(), "as_of") {
		t.Errorf("a key of the wrong type: %v", err)
	}
}
